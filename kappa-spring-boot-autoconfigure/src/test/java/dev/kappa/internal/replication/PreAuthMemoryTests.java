package dev.kappa.internal.replication;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

import dev.kappa.internal.crypto.X25519KeyPair;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an unauthenticated peer can make the session layer allocate: a few KiB, not a record's 64 KiB. */
class PreAuthMemoryTests {

	/**
	 * One sink for the warm-up and the measured channel: a lambda written on the measured line would be linked
	 * there (its call site bootstrapped, a class spun), which the thread's counter charges to the connection:
	 * about 8 KB on Java 17 and 29 KB on Java 25, once per JVM, not per connection.
	 */
	private static final Consumer<byte[]> SINK = b -> { };

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	@Test
	void aResponderChannelFedItsFirstByteHoldsAFewKiB() {
		X25519KeyPair key = X25519KeyPair.generate();
		byte[] networkKey = NetworkKey.generate().bytes();
		for (int i = 0; i < 3; i++) { // class loading and warm-up of the same path, so only the connection counts
			new SecureChannel(false, key, networkKey, 8 << 20, SINK, null).receive(new byte[] { 0 }, 0, 1);
		}
		long before = allocated();
		SecureChannel channel = new SecureChannel(false, key, networkKey, 8 << 20, SINK, null);
		Output out = new Output(256);
		channel.receive(new byte[] { 0 }, 0, 1);
		long used = allocated() - before;
		// Measured (allocation, garbage included, and the counter's own ~0.8 KB): about 5 KB on Java 17 and on
		// Java 25, mostly the Noise handshake state (BLAKE2b digests and HMAC, ChaCha20, Poly1305). A record-sized
		// 64 KiB buffer, allocated before authentication, exceeds the bound on both.
		assertThat(used).as("bytes allocated for an unauthenticated connection").isLessThan(16 * 1024);
		assertThat(out.size()).isZero();
	}

	@Test
	void aHandshakeRecordLargerThanTheHandshakeNeedsIsRefused() {
		SecureChannel channel = new SecureChannel(false, X25519KeyPair.generate(), NetworkKey.generate().bytes(),
				8 << 20, b -> { }, null);
		assertThatThrownBy(() -> channel.receive(new byte[] { (byte) 0xff, (byte) 0xff, 0 }, 0, 3))
			.isInstanceOf(ProtocolException.class)
			.hasMessageContaining("handshake record of 65535 bytes; the maximum is " + SecureChannel.MAX_HANDSHAKE_RECORD);
	}
}
