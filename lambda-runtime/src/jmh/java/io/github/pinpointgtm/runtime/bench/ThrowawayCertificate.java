package io.github.pinpointgtm.runtime.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate made with the JDK's {@code keytool} for the cold-start harness's TLS front ends, valid two
 * days, with a trust store holding only it. A child JVM trusts it (and nothing else) through
 * {@link #trustStoreOptions()}, so its TLS start-up and handshakes are those against a real endpoint.
 */
final class ThrowawayCertificate {
    private static final String PASSWORD = "cold-start";

    private final Path keyStore;
    private final Path trustStore;
    private final List<String> hostNames;

    /**
     * @param workDirectory where the key store and the trust store are written
     * @param hostNames     the names the certificate is issued for (its SANs, the first also its CN)
     */
    ThrowawayCertificate(Path workDirectory, List<String> hostNames) {
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("hostNames: at least one name");
        }
        this.hostNames = List.copyOf(hostNames);
        keyStore = workDirectory.resolve("tls-front-end.p12");
        trustStore = workDirectory.resolve("tls-trust.p12");
        Path certificate = workDirectory.resolve("tls-front-end.cer");
        try {
            for (Path old : List.of(keyStore, trustStore, certificate)) {
                Files.deleteIfExists(old);
            }
            String subjectAlternativeNames = hostNames.stream().map(name -> "dns:" + name)
                    .collect(Collectors.joining(",")) + ",ip:127.0.0.1";
            keytool("-genkeypair", "-alias", "stand-in", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + hostNames.get(0), "-ext", "SAN=" + subjectAlternativeNames,
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            keytool("-exportcert", "-alias", "stand-in", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "stand-in", "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the names the certificate is issued for */
    List<String> hostNames() {
        return hostNames;
    }

    /** @return a server-side TLS context presenting the certificate */
    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load the throwaway certificate", e);
        }
    }

    /** @return JVM options that make a child trust the certificate (and only it) */
    List<String> trustStoreOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
