package io.github.pinpointgtm.runtime.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * HTTPS in front of a plain-HTTP stand-in, so a cold start pays what it pays against a real AWS endpoint: TLS
 * start-up and a full handshake. It terminates TLS with a throwaway self-signed certificate for {@code localhost}
 * (made with the JDK's {@code keytool} when it starts) and passes the bytes through unchanged, so the stand-in still
 * checks every request's signature. Children trust the certificate through {@link #trustStoreOptions()}.
 */
final class TlsFrontEnd implements AutoCloseable {
    private static final String PASSWORD = "cold-start";

    private final SSLServerSocket server;
    private final InetSocketAddress backend;
    private final Path trustStore;
    private final Thread acceptor;
    private final AtomicInteger handshakes = new AtomicInteger();

    TlsFrontEnd(URI plainBackend, Path workDirectory) {
        try {
            Path keyStore = workDirectory.resolve("tls-front-end.p12");
            trustStore = workDirectory.resolve("tls-trust.p12");
            Path certificate = workDirectory.resolve("tls-front-end.cer");
            for (Path old : List.of(keyStore, trustStore, certificate)) {
                Files.deleteIfExists(old);
            }
            keytool("-genkeypair", "-alias", "stand-in", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            keytool("-exportcert", "-alias", "stand-in", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "stand-in", "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not set up TLS for the stand-in", e);
        }
        backend = new InetSocketAddress(plainBackend.getHost(), plainBackend.getPort());
        acceptor = new Thread(this::accept, "tls-front-end");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the HTTPS endpoint, by host name, as the certificate names it */
    URI endpoint() {
        return URI.create("https://localhost:" + server.getLocalPort());
    }

    /** @return JVM options that make a child trust the certificate (and only it) */
    List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** @return how many TLS handshakes completed so far */
    int handshakes() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                continue; // closed: the loop ends; otherwise the next connection is accepted as usual
            }
            Thread connection = new Thread(() -> connect((SSLSocket) client), "tls-front-end-handshake");
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void connect(SSLSocket client) {
        try {
            client.setTcpNoDelay(true);
            client.startHandshake();
            handshakes.incrementAndGet();
            Socket upstream = new Socket(backend.getAddress(), backend.getPort());
            upstream.setTcpNoDelay(true);
            pipe(client, upstream, "tls-front-end-in");
            pipe(upstream, client, "tls-front-end-out");
        } catch (IOException failed) {
            closeQuietly(client); // a failed handshake is the client's problem, reported by the client
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

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
