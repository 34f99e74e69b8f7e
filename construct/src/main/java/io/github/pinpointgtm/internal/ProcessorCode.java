package io.github.pinpointgtm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The processor Lambda's deployment jar, embedded in this library as a classpath resource and extracted to a
 * content-addressed file so that {@code Code.fromAsset} can read it: a user's synth needs no Docker, no second
 * build and no network.
 *
 * <p>The file is {@code <baseDirectory>/pinpoint-gtm-connector/<sha256>/processor.jar}. Each writer writes its
 * own temporary file in that directory and renames it into place atomically, so concurrent synths (parallel test
 * JVMs, several apps) never see a partial jar; an existing file with the right content is reused.
 */
public final class ProcessorCode {

    /** Where the construct's build puts the processor's deployment jar. */
    public static final String RESOURCE = "io/github/pinpointgtm/processor/processor.jar";

    private static final String FILE_NAME = "processor.jar";

    private static volatile Path extracted;

    private ProcessorCode() {
    }

    /**
     * @return the extracted processor jar under {@code java.io.tmpdir}, extracting it on first use
     * @throws IllegalStateException if this library's jar does not contain the processor
     */
    public static Path jar() {
        Path path = extracted;
        if (path == null || !Files.isRegularFile(path)) {
            synchronized (ProcessorCode.class) {
                path = extract(ProcessorCode.class.getClassLoader(), RESOURCE,
                        Path.of(System.getProperty("java.io.tmpdir")));
                extracted = path;
            }
        }
        return path;
    }

    /**
     * Extracts {@code resource} to {@code <baseDirectory>/pinpoint-gtm-connector/<sha256>/processor.jar}.
     *
     * @return the extracted file
     * @throws IllegalStateException if the resource is missing
     * @throws UncheckedIOException  if it cannot be read or written
     */
    static Path extract(ClassLoader classLoader, String resource, Path baseDirectory) {
        byte[] content = read(classLoader, resource);
        String sha256 = sha256(content);
        Path directory = baseDirectory.resolve("pinpoint-gtm-connector").resolve(sha256);
        Path target = directory.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(target) && sha256(Files.readAllBytes(target)).equals(sha256)) {
                return target;
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, FILE_NAME, ".partial");
            try {
                Files.write(temporary, content);
                moveIntoPlace(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the processor jar to " + target, e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; the content is identical either way.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] read(ClassLoader classLoader, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The processor's deployment jar (classpath resource " + resource
                        + ") is missing: this pinpoint-gtm-connector jar was built without it. Build the library "
                        + "with Maven from the repository root (./mvnw -pl construct -am verify) or use a released jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the processor jar resource " + resource, e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
