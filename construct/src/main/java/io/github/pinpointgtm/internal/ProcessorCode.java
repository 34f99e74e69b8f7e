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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor Lambda's deployment jars, one per destination, embedded in this library as classpath resources and
 * extracted to a content-addressed file so that {@code Code.fromAsset} can read it: a user's synth needs no Docker,
 * no second build and no network. Each jar carries only its destination's SDK module, so a deployment ships only
 * what its destination needs.
 *
 * <p>The file is {@code <baseDirectory>/pinpoint-gtm-connector/<sha256>/processor.jar}. Each writer writes its
 * own temporary file in that directory and renames it into place atomically, so concurrent synths (parallel test
 * JVMs, several apps) never see a partial jar; an existing file with the right content is reused.
 */
public final class ProcessorCode {

    /** The destination types (the processor's {@code DESTINATION_TYPE} values) this library embeds a jar for. */
    public static final List<String> DESTINATION_TYPES =
            List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");

    private static final String FILE_NAME = "processor.jar";

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private ProcessorCode() {
    }

    /**
     * @param destinationType a {@code DESTINATION_TYPE}, e.g. {@code kinesis}
     * @return where the construct's build puts that destination's deployment jar
     * @throws IllegalArgumentException for an unknown destination type
     */
    public static String resource(String destinationType) {
        if (!DESTINATION_TYPES.contains(destinationType)) {
            throw new IllegalArgumentException("unknown destination type '" + destinationType + "'; expected one of "
                    + DESTINATION_TYPES);
        }
        return "io/github/pinpointgtm/processor/" + destinationType + "/" + FILE_NAME;
    }

    /**
     * @param destinationType a {@code DESTINATION_TYPE}, e.g. {@code kinesis}
     * @return that destination's processor jar, extracted under {@code java.io.tmpdir} on first use
     * @throws IllegalStateException if this library's jar does not contain it
     */
    public static Path jar(String destinationType) {
        String resource = resource(destinationType);
        Path path = EXTRACTED.get(destinationType);
        if (path == null || !Files.isRegularFile(path)) {
            synchronized (ProcessorCode.class) {
                path = extract(ProcessorCode.class.getClassLoader(), resource,
                        Path.of(System.getProperty("java.io.tmpdir")));
                EXTRACTED.put(destinationType, path);
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
