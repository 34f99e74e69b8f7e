package io.github.pinpointgtm.runtime.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS in front of a plain-HTTP stand-in, so a cold start pays what it pays against a real AWS endpoint: TLS
 * start-up and a full handshake. It terminates TLS with a {@link ThrowawayCertificate} and passes the bytes through
 * unchanged, so the stand-in still checks every request's signature. It notes what each connection asked for: the
 * server name of its handshake (SNI) and the {@code Host} header of its first request.
 */
final class TlsFrontEnd implements AutoCloseable {

    private final SSLServerSocket server;
    private final InetSocketAddress backend;
    private final SocketRelay.Listener listener;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> serverNames = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> hostHeaders = new ConcurrentLinkedQueue<>();

    TlsFrontEnd(URI plainBackend, ThrowawayCertificate certificate) {
        try {
            server = (SSLServerSocket) certificate.serverContext().getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backend = new InetSocketAddress(plainBackend.getHost(), plainBackend.getPort());
        listener = SocketRelay.acceptEach(server, "tls-front-end", client -> connect((SSLSocket) client));
    }

    /** @return the HTTPS endpoint, by host name, as the certificate names it */
    URI endpoint() {
        return URI.create("https://localhost:" + server.getLocalPort());
    }

    /** @return where it listens, for a proxy that tunnels to it */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** @return how many TLS handshakes completed so far */
    int handshakes() {
        return handshakes.get();
    }

    /** @return the host names clients sent in their handshakes (SNI) so far, in order; none when they sent none */
    List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    /** @return the {@code Host} header of each connection's first request so far, in order */
    List<String> hostHeaders() {
        return List.copyOf(hostHeaders);
    }

    private void connect(SSLSocket client) {
        try {
            client.setTcpNoDelay(true);
            client.startHandshake();
            handshakes.incrementAndGet();
            if (client.getSession() instanceof ExtendedSSLSession session) {
                for (SNIServerName name : session.getRequestedServerNames()) {
                    if (name instanceof SNIHostName hostName) {
                        serverNames.add(hostName.getAsciiName());
                    }
                }
            }
            String head = SocketRelay.readHead(client.getInputStream());
            hostHeaders.add(SocketRelay.header(head, "Host").orElse(""));
            Socket upstream = new Socket(backend.getAddress(), backend.getPort());
            upstream.setTcpNoDelay(true);
            OutputStream toBackend = upstream.getOutputStream();
            toBackend.write(head.getBytes(StandardCharsets.ISO_8859_1));
            toBackend.flush();
            SocketRelay.relay(client, upstream, "tls-front-end");
        } catch (IOException failed) {
            SocketRelay.closeQuietly(client); // a failed handshake is the client's problem, reported by the client
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
