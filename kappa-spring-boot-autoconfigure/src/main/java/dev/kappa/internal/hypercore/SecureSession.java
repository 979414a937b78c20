package dev.kappa.internal.hypercore;

/**
 * Fired down the pipeline when the secret-stream is established: the Noise handshake hash (which capabilities
 * are bound to), the peer's static Ed25519 key and our role.
 */
record SecureSession(byte[] handshakeHash, byte[] remoteStaticKey, boolean initiator, String peer) {
}
