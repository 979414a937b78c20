package dev.kappa.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Diffie-Hellman on Ed25519 keys as {@code noise-curve-ed} does it (the DH of hypercore's Noise handshake):
 * the Ed25519 secret scalar of a seed times the peer's Edwards point, returned as a compressed Edwards point,
 * as libsodium's {@code crypto_scalarmult_ed25519_noclamp}. X25519 cannot stand in: it loses the sign of x.
 * <p>
 * The ladder is constant time (a Montgomery ladder with conditional swaps over the complete twisted Edwards
 * addition, on Bouncy Castle's constant-time field). The peer's point is validated as libsodium does before
 * use: canonical encoding, on the curve, not of small order, in the prime-order subgroup.
 * <p>
 * Internal: used by the hypercore transport, not part of the API.
 */
public final class EdwardsDh {

	private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

	private static final BigInteger D_VALUE = BigInteger.valueOf(-121665)
		.multiply(BigInteger.valueOf(121666).modInverse(P))
		.mod(P);

	private static final int[] D = element(D_VALUE);

	private static final int[] D2 = element(D_VALUE.shiftLeft(1).mod(P));

	private static final byte[] IDENTITY = identityEncoding();

	private EdwardsDh() {
	}

	/** The clamped Ed25519 secret scalar of a 32-byte seed: the first half of SHA-512(seed), clamped. */
	public static byte[] scalar(byte[] seed) {
		byte[] h = new byte[64];
		SHA512Digest sha = new SHA512Digest();
		sha.update(seed, 0, seed.length);
		sha.doFinal(h, 0);
		byte[] a = Arrays.copyOf(h, 32);
		Arrays.fill(h, (byte) 0);
		a[0] &= (byte) 248;
		a[31] &= 127;
		a[31] |= 64;
		return a;
	}

	/**
	 * {@code [scalar] point}, compressed.
	 * @throws IllegalArgumentException if the point is not a valid prime-order Ed25519 point, or the result is the
	 * identity
	 */
	public static byte[] dh(byte[] scalar, byte[] point) {
		int[][] p = decode(point);
		int[][] r0 = { fe(), fe(), fe(), fe() };
		int[][] r1 = { fe(), fe(), fe(), fe() };
		X25519Field.one(r0[1]);
		X25519Field.one(r0[2]);
		for (int i = 0; i < 4; i++) {
			X25519Field.copy(p[i], 0, r1[i], 0);
		}
		for (int i = 254; i >= 0; i--) {
			int bit = (scalar[i >>> 3] >>> (i & 7)) & 1;
			cswap(bit, r0, r1);
			add(r0, r1, r1);
			add(r0, r0, r0);
			cswap(bit, r0, r1);
		}
		byte[] out = encode(r0);
		if (Arrays.equals(out, IDENTITY)) {
			throw new IllegalArgumentException("The Ed25519 DH result is the identity");
		}
		return out;
	}

	private static int[][] decode(byte[] point) {
		if (point == null || point.length != 32
				|| !org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(point, 0)) {
			throw new IllegalArgumentException("Not a valid Ed25519 point (non-canonical, small order or outside the prime-order subgroup)");
		}
		int[] y = fe();
		int[] u = fe();
		int[] v = fe();
		int[] x = fe();
		X25519Field.decode(point, 0, y);
		X25519Field.sqr(y, u);
		X25519Field.mul(D, u, v);
		X25519Field.subOne(u);
		X25519Field.addOne(v);
		if (!X25519Field.sqrtRatioVar(u, v, x)) {
			throw new IllegalArgumentException("Not a point on Ed25519");
		}
		X25519Field.normalize(x);
		if (((point[31] & 0x80) >>> 7) != (x[0] & 1)) {
			X25519Field.negate(x, x);
			X25519Field.carry(x);
		}
		int[] z = fe();
		X25519Field.one(z);
		int[] t = fe();
		X25519Field.mul(x, y, t);
		return new int[][] { x, y, z, t };
	}

	private static byte[] encode(int[][] p) {
		int[] zInverse = fe();
		int[] x = fe();
		int[] y = fe();
		X25519Field.inv(p[2], zInverse);
		X25519Field.mul(p[0], zInverse, x);
		X25519Field.mul(p[1], zInverse, y);
		X25519Field.normalize(x);
		X25519Field.normalize(y);
		byte[] out = new byte[32];
		X25519Field.encode(y, out, 0);
		out[31] |= (byte) ((x[0] & 1) << 7);
		return out;
	}

	/** Complete addition in extended coordinates (add-2008-hwcd-3, a = -1); also doubles. r may alias p or q. */
	private static void add(int[][] p, int[][] q, int[][] r) {
		int[] a = fe();
		int[] b = fe();
		int[] c = fe();
		int[] d = fe();
		int[] t1 = fe();
		int[] t2 = fe();
		sub(p[1], p[0], t1);
		sub(q[1], q[0], t2);
		X25519Field.mul(t1, t2, a);
		sum(p[1], p[0], t1);
		sum(q[1], q[0], t2);
		X25519Field.mul(t1, t2, b);
		X25519Field.mul(p[3], q[3], c);
		X25519Field.mul(c, D2, c);
		X25519Field.mul(p[2], q[2], d);
		sum(d, d, d);
		int[] e = fe();
		int[] f = fe();
		int[] g = fe();
		int[] h = fe();
		sub(b, a, e);
		sub(d, c, f);
		sum(d, c, g);
		sum(b, a, h);
		X25519Field.mul(e, f, r[0]);
		X25519Field.mul(g, h, r[1]);
		X25519Field.mul(f, g, r[2]);
		X25519Field.mul(e, h, r[3]);
	}

	private static void sum(int[] a, int[] b, int[] r) {
		X25519Field.add(a, b, r);
		X25519Field.carry(r);
	}

	private static void sub(int[] a, int[] b, int[] r) {
		X25519Field.sub(a, b, r);
		X25519Field.carry(r);
	}

	private static void cswap(int bit, int[][] a, int[][] b) {
		for (int i = 0; i < 4; i++) {
			X25519Field.cswap(bit, a[i], b[i]);
		}
	}

	private static int[] fe() {
		return X25519Field.create();
	}

	private static int[] element(BigInteger value) {
		byte[] be = value.toByteArray();
		byte[] le = new byte[32];
		for (int i = 0; i < 32 && i < be.length; i++) {
			le[i] = be[be.length - 1 - i];
		}
		int[] r = fe();
		X25519Field.decode(le, 0, r);
		return r;
	}

	private static byte[] identityEncoding() {
		byte[] id = new byte[32];
		id[0] = 1;
		return id;
	}
}
