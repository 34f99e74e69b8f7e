package io.github.pinpointgtm.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK logs through SLF4J. Without a binding, SLF4J prints "SLF4J: Failed to load class
 * org.slf4j.impl.StaticLoggerBinder" warnings to stderr at every cold start, which would land in the function's JSON
 * log stream; the processor ships the no-operation binding instead. Checked in fresh JVMs, since SLF4J warns only
 * once per JVM, when it starts.
 */
class SdkLoggingTest {

    @Test
    void aColdStartsSdkLoggingPrintsNothing() throws Exception {
        String output = runProbe(testClassPath());

        assertThat(output).isEqualTo(SdkLoggingProbe.DONE + System.lineSeparator());
    }

    @Test
    void withoutTheBindingSlf4jWouldPrintItsWarnings() throws Exception {
        List<String> withoutNop = testClassPath().stream()
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("slf4j-nop-")).toList();
        assertThat(withoutNop).hasSizeLessThan(testClassPath().size());

        String output = runProbe(withoutNop);

        assertThat(output).contains("SLF4J: Failed to load class \"org.slf4j.impl.StaticLoggerBinder\"")
                .contains(SdkLoggingProbe.DONE);
    }

    private static List<String> testClassPath() {
        // Surefire runs tests from a manifest-only jar; it passes the real class path in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isEmpty()).toList();
    }

    /** Runs {@link SdkLoggingProbe} in a new JVM on {@code classPath}; returns its stdout and stderr together. */
    private static String runProbe(List<String> classPath) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", classPath.stream().collect(Collectors.joining(File.pathSeparator)),
                SdkLoggingProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor()).as("probe exit code; its output:%n%s", output).isZero();
        return output;
    }
}
