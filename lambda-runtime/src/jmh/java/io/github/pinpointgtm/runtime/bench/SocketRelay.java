package io.github.pinpointgtm.runtime.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** Byte relays between sockets for the cold-start harness's TLS front end and CONNECT proxy. */
final class SocketRelay {
    /** Longer request heads are refused: the SDK's are well under 4 KB. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private SocketRelay() {
    }

    /** A server socket's accepting thread; closing it closes the server socket. */
    record Listener(ServerSocket server, Thread acceptor) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            acceptor.interrupt();
        }
    }

    /**
     * Accepts the server's connections on a daemon thread until the server is closed, and hands each to the handler on
     * a daemon thread of its own.
     */
    static Listener acceptEach(ServerSocket server, String name, Consumer<Socket> handler) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException closed) {
                    continue; // closed: the loop ends; otherwise the next connection is accepted as usual
                }
                Thread connection = new Thread(() -> handler.accept(client), name + "-connection");
                connection.setDaemon(true);
                connection.start();
            }
        }, name);
        acceptor.setDaemon(true);
        acceptor.start();
        return new Listener(server, acceptor);
    }

    /** Copies bytes both ways between two connected sockets until either side closes, then closes both. */
    static void relay(Socket a, Socket b, String name) {
        pipe(a, b, name + "-in");
        pipe(b, a, name + "-out");
    }

    /**
     * Reads an HTTP request's head (request line and headers, up to and including the blank line) byte by byte, so
     * nothing after it is consumed.
     *
     * @return the head, in ISO-8859-1 as HTTP defines it
     * @throws IOException when the stream ends first or the head is too long
     */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0; // of "\r\n\r\n"
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed within the request head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return the value of a request head's header, the first if repeated */
    static Optional<String> header(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return Optional.of(line.substring(prefix.length()).trim());
            }
        }
        return Optional.empty();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void pipe(Socket from, Socket to, String name) {
        Thread copier = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[16 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException connectionEnded) {
                // either side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        copier.setDaemon(true);
        copier.start();
    }
}
