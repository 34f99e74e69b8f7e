package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same app synthesizes byte-identical templates in two separate JVMs (hash orders, such as {@code Map.of}'s,
 * change from one JVM to the next), for every destination, with SnapStart on and off.
 */
class RepeatableSynthesisTest {

    @Test
    void twoJvmsSynthesizeByteIdenticalTemplates(@TempDir Path workDir) throws Exception {
        Path first = workDir.resolve("first");
        Path second = workDir.resolve("second");

        Process firstRun = startSynthesis(first, workDir.resolve("first.log"));
        Process secondRun = startSynthesis(second, workDir.resolve("second.log"));
        assertSucceeded(firstRun, workDir.resolve("first.log"));
        assertSucceeded(secondRun, workDir.resolve("second.log"));

        List<String> stacks = RepeatableSynthesisApp.stackNames();
        assertThat(stacks).hasSize(10);
        for (String stack : stacks) {
            String template = stack + ".template.json";
            assertThat(first.resolve(template)).as(template).exists();
            assertThat(Files.readString(second.resolve(template), StandardCharsets.UTF_8)).as(template)
                    .isEqualTo(Files.readString(first.resolve(template), StandardCharsets.UTF_8));
        }
    }

    /** Runs {@link RepeatableSynthesisApp} in a JVM of its own, on this test's class path. */
    private static Process startSynthesis(Path outputDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire runs tests from a manifest-only jar; it passes the real class path in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath,
                RepeatableSynthesisApp.class.getName(), outputDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void assertSucceeded(Process process, Path log) throws InterruptedException, IOException {
        int exitCode = process.waitFor();
        assertThat(exitCode).as("synthesis exit code; its output:%n%s", Files.readString(log)).isZero();
    }
}
