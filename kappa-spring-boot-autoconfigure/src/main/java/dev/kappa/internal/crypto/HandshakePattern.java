package dev.kappa.internal.crypto;

/**
 * The few Noise handshake patterns {@link NoiseHandshake} runs (spec sections 7.4, 7.5 and 9): replication
 * uses {@code XXpsk3}; {@code NN} and {@code XX} are here so the published test vectors cover the machinery
 * with and without the {@code psk} modifier. None of them has pre-messages, so there is no support for those.
 */
enum HandshakePattern {

	/** {@code -> e}, {@code <- e, ee}. */
	NN(new Token[][] { { Token.E }, { Token.E, Token.EE } }),

	/** {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}. */
	XX(new Token[][] { { Token.E }, { Token.E, Token.EE, Token.S, Token.ES }, { Token.S, Token.SE } }),

	/** {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se, psk}. */
	XXpsk3(new Token[][] { { Token.E }, { Token.E, Token.EE, Token.S, Token.ES },
			{ Token.S, Token.SE, Token.PSK } });

	enum Token {
		E, S, EE, ES, SE, SS, PSK
	}

	private final Token[][] messages;

	private final boolean psk;

	HandshakePattern(Token[][] messages) {
		this.messages = messages;
		boolean anyPsk = false;
		for (Token[] message : messages) {
			for (Token token : message) {
				anyPsk |= (token == Token.PSK);
			}
		}
		this.psk = anyPsk;
	}

	/** The full protocol name with this library's fixed primitives. */
	String protocolName() {
		return "Noise_" + name() + "_25519_ChaChaPoly_BLAKE2b";
	}

	int messageCount() {
		return this.messages.length;
	}

	/** The tokens of message {@code index} (0-based); even indexes are sent by the initiator. */
	Token[] message(int index) {
		return this.messages[index];
	}

	/** Whether the pattern has the psk modifier, which makes every {@code e} token also call MixKey. */
	boolean hasPsk() {
		return this.psk;
	}

	/** Whether the given side must have a static key pair (it sends {@code s} or uses it in a DH). */
	boolean needsLocalStatic(boolean initiator) {
		for (int i = 0; i < this.messages.length; i++) {
			for (Token token : this.messages[i]) {
				boolean sentByMe = (i % 2 == 0) == initiator;
				if ((token == Token.S && sentByMe) || token == Token.SS
						|| (token == Token.ES && !initiator) || (token == Token.SE && initiator)) {
					return true;
				}
			}
		}
		return false;
	}
}
