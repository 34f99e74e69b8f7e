package io.github.pinpointgtm.runtime.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTPS proxy on the loopback interface that tunnels ({@code CONNECT host:443}) to local stand-ins chosen by host
 * name, so a child JVM can call AWS's real endpoint names (no endpoint override) without the network. A
 * {@code CONNECT} to any other target is refused with 403 and noted, so a run that tries to leave the machine fails.
 * A child uses it through the JDK's proxy system properties ({@link #childOptions()}): the SDK's URL-connection
 * client reads {@code https.proxyHost}/{@code https.proxyPort} (through the JDK), its Apache client
 * {@code http.proxyHost}/{@code http.proxyPort} (the SDK's proxy scheme defaults to http, and the proxy is reached over
 * http); both then tunnel with {@code CONNECT}.
 */
final class ConnectProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, InetSocketAddress> routes;
    private final SocketRelay.Listener listener;
    private final ConcurrentLinkedQueue<String> tunnelled = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();

    /** @param routes for each {@code host:port} a client may ask for, where the tunnel goes */
    ConnectProxy(Map<String, InetSocketAddress> routes) {
        this.routes = Map.copyOf(routes);
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listener = SocketRelay.acceptEach(server, "connect-proxy", this::tunnel);
    }

    /** @return JVM options that send a child's HTTPS connections through this proxy */
    List<String> childOptions() {
        return List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + server.getLocalPort(),
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + server.getLocalPort());
    }

    /** @return the {@code host:port} of every tunnel opened so far, in order */
    List<String> tunnelled() {
        return List.copyOf(tunnelled);
    }

    /** @return every request refused so far: its request line */
    List<String> refused() {
        return List.copyOf(refused);
    }

    private void tunnel(Socket client) {
        try {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String requestLine = SocketRelay.readHead(in).lines().findFirst().orElse("");
            String[] parts = requestLine.split(" ");
            InetSocketAddress target = parts.length == 3 && parts[0].equals("CONNECT") ? routes.get(parts[1]) : null;
            if (target == null) {
                refused.add(requestLine);
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.close();
                return;
            }
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            upstream.setTcpNoDelay(true);
            tunnelled.add(parts[1]);
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            SocketRelay.relay(client, upstream, "connect-proxy");
        } catch (IOException failed) {
            SocketRelay.closeQuietly(client);
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
