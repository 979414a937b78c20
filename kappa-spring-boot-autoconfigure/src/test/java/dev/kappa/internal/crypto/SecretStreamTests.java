package dev.kappa.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * libsodium secretstream beyond the Node vectors (which pin push/pull byte for byte): a flipped bit is refused
 * without changing the state, the counter wrap and the REKEY tag rekey both sides alike, and Edwards DH refuses
 * the points libsodium refuses.
 */
class SecretStreamTests {

	private static final byte[] KEY = fill(32, 7);

	private static final byte[] HEADER = fill(24, 9);

	@Test
	void aFlippedBitAnywhereIsRefusedAndTheStreamGoesOn() throws NoiseException {
		SecretStream tx = new SecretStream(KEY, HEADER);
		SecretStream rx = new SecretStream(KEY, HEADER);
		byte[] record = tx.push(bytes("hello"), 0, 5, SecretStream.TAG_MESSAGE);
		for (int i = 0; i < record.length; i++) {
			byte[] tampered = record.clone();
			tampered[i] ^= 1;
			assertThatThrownBy(() -> rx.pull(tampered, 0, tampered.length)).isInstanceOf(NoiseException.class)
				.hasMessageContaining("does not authenticate");
		}
		assertThat(rx.pull(record, 0, record.length)).isEqualTo(bytes("hello"));
		assertThatThrownBy(() -> rx.pull(new byte[16], 0, 16)).hasMessageContaining("at least 17 bytes");
	}

	@Test
	void counterWrapRekeysBothSidesAlike() throws NoiseException {
		SecretStream tx = new SecretStream(KEY, HEADER);
		SecretStream rx = new SecretStream(KEY, HEADER);
		tx.setCounter(-1);
		rx.setCounter(-1);
		byte[] first = tx.push(bytes("a"), 0, 1, SecretStream.TAG_MESSAGE);
		assertThat(rx.pull(first, 0, first.length)).isEqualTo(bytes("a"));
		byte[] afterWrap = tx.push(bytes("b"), 0, 1, SecretStream.TAG_MESSAGE);
		assertThat(rx.pull(afterWrap, 0, afterWrap.length)).isEqualTo(bytes("b"));
		// a state that wrapped without rekeying (counter reset only) would not read it
		SecretStream noRekey = new SecretStream(KEY, HEADER);
		assertThat(HexFormat.of().formatHex(afterWrap))
			.isNotEqualTo(HexFormat.of().formatHex(noRekey.push(bytes("b"), 0, 1, SecretStream.TAG_MESSAGE)));
	}

	@Test
	void rekeyTagRekeysTheReader() throws NoiseException {
		SecretStream tx = new SecretStream(KEY, HEADER);
		SecretStream rx = new SecretStream(KEY, HEADER);
		byte[] r1 = tx.push(bytes("x"), 0, 1, SecretStream.TAG_REKEY);
		assertThat(rx.pull(r1, 0, r1.length)).isEqualTo(bytes("x"));
		assertThat(rx.lastTag()).isEqualTo(SecretStream.TAG_REKEY);
		byte[] r2 = tx.push(bytes("y"), 0, 1, SecretStream.TAG_MESSAGE);
		assertThat(rx.pull(r2, 0, r2.length)).isEqualTo(bytes("y"));
	}

	@Test
	void edwardsDhRefusesSmallOrderAndNonCanonicalPoints() {
		byte[] scalar = EdwardsDh.scalar(fill(32, 0x22));
		for (String bad : new String[] { "0100000000000000000000000000000000000000000000000000000000000000",
				"0000000000000000000000000000000000000000000000000000000000000000",
				"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
				"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05" }) {
			assertThatThrownBy(() -> EdwardsDh.dh(scalar, HexFormat.of().parseHex(bad))).as(bad)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] fill(int n, int v) {
		byte[] b = new byte[n];
		Arrays.fill(b, (byte) v);
		return b;
	}
}
