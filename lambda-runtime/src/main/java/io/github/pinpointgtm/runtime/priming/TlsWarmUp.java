package io.github.pinpointgtm.runtime.priming;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Loads and runs the JDK's TLS client code up to its first handshake message without a network: a TLS context with
 * the default trust managers (as the SDK's {@code UrlConnectionHttpClient} builds one), and an engine that writes its
 * ClientHello (cipher suites, extensions, ephemeral key shares) into memory and is then closed. A real connection's
 * first handshake then finds these classes loaded and initialised. Nothing of it is kept: the engine, its key shares
 * and any session die with it, so no secret or random state is reused by the instances restored from a snapshot.
 */
final class TlsWarmUp {

    /** The TLS record type of a handshake message. */
    static final byte HANDSHAKE_RECORD = 0x16;

    private TlsWarmUp() {
    }

    /**
     * @param host the server name the ClientHello names (no connection is made)
     * @return the ClientHello record the engine wrote
     * @throws IllegalStateException when the JDK has no usable TLS client
     */
    static ByteBuffer clientHello(String host) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            SSLEngine engine = context.createSSLEngine(host, 443);
            engine.setUseClientMode(true);
            ByteBuffer record = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            try {
                engine.beginHandshake();
                SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), record);
                if (result.getStatus() != SSLEngineResult.Status.OK) {
                    throw new IllegalStateException("TLS engine did not write a ClientHello: " + result.getStatus());
                }
            } finally {
                engine.closeOutbound();
            }
            return record.flip();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("TLS warm-up failed", e);
        }
    }
}
