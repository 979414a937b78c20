package dev.kappa.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Blake2b}'s own BLAKE2b-256 against published vectors and against Bouncy Castle's digest. */
class Blake2bTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void hashesThePublishedVectors() {
		assertThat(HEX.formatHex(Blake2b.hash(new byte[0])))
			.isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
		assertThat(HEX.formatHex(Blake2b.hash("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
	}

	@Test
	void matchesBouncyCastleForEveryLengthUpTo600BytesInRandomPiecesSeed20261202() {
		Random random = new Random(20261202);
		Blake2b ours = new Blake2b();
		for (int length = 0; length <= 600; length++) {
			byte[] data = new byte[length];
			random.nextBytes(data);
			int at = 0;
			while (at < length) {
				int piece = Math.min(length - at, random.nextInt(3) == 0 ? 1 : random.nextInt(200));
				if (piece == 1) {
					ours.update(data[at]);
				}
				else {
					ours.update(data, at, piece);
				}
				at += piece;
			}
			assertThat(HEX.formatHex(ours.digest())).as("length %d", length).isEqualTo(HEX.formatHex(reference(data)));
		}
	}

	@Test
	void addsUint64LittleEndianAcrossBlockBoundaries() {
		for (int prefix = 115; prefix <= 130; prefix++) {
			byte[] data = new byte[prefix + 8];
			long value = 0x0102030405060708L * prefix;
			for (int i = 0; i < 8; i++) {
				data[prefix + i] = (byte) (value >>> (8 * i));
			}
			byte[] ours = new byte[Blake2b.HASH_LENGTH + 3];
			new Blake2b().update(data, 0, prefix).updateUint64(value).digest(ours, 3);
			assertThat(HEX.formatHex(ours, 3, ours.length)).as("prefix %d", prefix)
				.isEqualTo(HEX.formatHex(reference(data)));
		}
	}

	@Test
	void startsAfreshAfterEachDigest() {
		Blake2b b = new Blake2b();
		b.update(new byte[300]).digest();
		assertThat(b.update(new byte[] { 'a', 'b', 'c' }).digest()).isEqualTo(reference("abc".getBytes(StandardCharsets.US_ASCII)));
	}

	private static byte[] reference(byte[] data) {
		Blake2bDigest digest = new Blake2bDigest(256);
		digest.update(data, 0, data.length);
		byte[] out = new byte[Blake2b.HASH_LENGTH];
		digest.doFinal(out, 0);
		return out;
	}
}
