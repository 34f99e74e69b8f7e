package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of the embedded processor jar to a content-addressed file. */
class ProcessorCodeTest {

    @TempDir
    Path temp;

    /** A class loader whose only resource is {@code ProcessorCode.resource("pinpoint")} with the given content. */
    private ClassLoader loaderWith(String content) throws IOException {
        Path root = Files.createTempDirectory(temp, "classpath");
        Path resource = root.resolve(ProcessorCode.resource("pinpoint"));
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, content, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    @Test
    void extractsToADirectoryNamedByTheSha256OfTheContent() throws IOException {
        Path base = temp.resolve("tmp");
        Path jar = ProcessorCode.extract(loaderWith("jar-bytes"), ProcessorCode.resource("pinpoint"), base);

        String sha256 = ProcessorCode.sha256("jar-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(sha256).hasSize(64).matches("[0-9a-f]+");
        assertThat(jar).isEqualTo(base.resolve("pinpoint-gtm-connector").resolve(sha256).resolve("processor.jar"));
        assertThat(Files.readString(jar)).isEqualTo("jar-bytes");
        try (var files = Files.list(jar.getParent())) {
            assertThat(files).containsExactly(jar); // no temporary file left behind
        }
    }

    @Test
    void differentContentGoesToADifferentFile() throws IOException {
        Path base = temp.resolve("tmp");
        Path first = ProcessorCode.extract(loaderWith("one"), ProcessorCode.resource("pinpoint"), base);
        Path second = ProcessorCode.extract(loaderWith("two"), ProcessorCode.resource("pinpoint"), base);

        assertThat(first).isNotEqualTo(second);
        assertThat(Files.readString(first)).isEqualTo("one");
        assertThat(Files.readString(second)).isEqualTo("two");
    }

    @Test
    void anIntactExistingFileIsReused() throws IOException {
        Path base = temp.resolve("tmp");
        ClassLoader loader = loaderWith("same");
        Path jar = ProcessorCode.extract(loader, ProcessorCode.resource("pinpoint"), base);
        var modified = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(modified.toMillis() - 60_000));
        var backdated = Files.getLastModifiedTime(jar);

        assertThat(ProcessorCode.extract(loader, ProcessorCode.resource("pinpoint"), base)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(backdated);
    }

    @Test
    void aCorruptedExistingFileIsReplaced() throws IOException {
        Path base = temp.resolve("tmp");
        ClassLoader loader = loaderWith("good");
        Path jar = ProcessorCode.extract(loader, ProcessorCode.resource("pinpoint"), base);
        Files.writeString(jar, "truncated");

        assertThat(Files.readString(ProcessorCode.extract(loader, ProcessorCode.resource("pinpoint"), base))).isEqualTo("good");
    }

    @Test
    void concurrentExtractionsAllSeeTheCompleteFile() throws Exception {
        Path base = temp.resolve("tmp");
        String content = "x".repeat(2_000_000);
        ClassLoader loader = loaderWith(content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Path> task = () -> ProcessorCode.extract(loader, ProcessorCode.resource("pinpoint"), base);
                results.add(pool.submit(task));
            }
            for (Future<Path> result : results) {
                assertThat(Files.size(result.get())).isEqualTo(content.length());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingResourceIsAClearError() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);

        assertThatThrownBy(() -> ProcessorCode.extract(empty, ProcessorCode.resource("pinpoint"), temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ProcessorCode.resource("pinpoint"))
                .hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles"})
    void theBuiltLibraryEmbedsAProcessorWithItsHandlerForEachDestination(String destinationType) throws IOException {
        Path jar = ProcessorCode.jar(destinationType);

        assertThat(jar.getFileName().toString()).isEqualTo("processor.jar");
        assertThat(jar.getParent().getParent().getFileName().toString()).isEqualTo("pinpoint-gtm-connector");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("io/github/pinpointgtm/runtime/envelope/Envelope.class")).isNotNull();
        }
    }

    @Test
    void eachDestinationHasItsOwnJarAndAnUnknownOneIsNamed() {
        assertThat(ProcessorCode.jar("kinesis")).isNotEqualTo(ProcessorCode.jar("pinpoint"));
        assertThat(ProcessorCode.resource("customer-profiles"))
                .isEqualTo("io/github/pinpointgtm/processor/customer-profiles/processor.jar");
        assertThatThrownBy(() -> ProcessorCode.resource("sns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sns'").hasMessageContaining("kinesis");
    }
}
