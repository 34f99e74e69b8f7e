package io.github.pinpointgtm.examples.gtm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a template's sandboxed JavaScript, or its {@code ___TESTS___}, in {@code examples/gtm/test/gtm-sandbox.js}
 * under Node.js (which every machine building this project has: CDK's jsii runs on it).
 */
final class GtmSandbox {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final long TIMEOUT_SECONDS = 60;

    private GtmSandbox() {
    }

    /**
     * One run of the tag.
     *
     * @param name         a label for reports
     * @param data         the tag's field values ({@code data} in the template)
     * @param random       what {@code generateRandom} returns, or {@code null} if the run must not call it
     * @param pixelOutcome how the image load ends: {@code success}, {@code failure} or {@code pending}
     * @param consent      GTM's consent state: consent type to {@code granted} or {@code denied}; a type not in it
     *                     is not set
     */
    record TagRun(String name, Map<String, Object> data, Integer random, String pixelOutcome,
            Map<String, String> consent) {
        /** The visitor granted {@code analytics_storage}, the tag's default consent type. */
        static final Map<String, String> ANALYTICS_GRANTED = Map.of("analytics_storage", "granted");

        /** A run with {@link #ANALYTICS_GRANTED}. */
        TagRun(String name, Map<String, Object> data, Integer random, String pixelOutcome) {
            this(name, data, random, pixelOutcome, ANALYTICS_GRANTED);
        }

        static TagRun succeeding(String name, Map<String, Object> data) {
            return new TagRun(name, data, null, "success");
        }

        /** A run whose pixel loads, with the given consent state. */
        static TagRun withConsent(String name, Map<String, Object> data, Map<String, String> consent) {
            return new TagRun(name, data, null, "success", consent);
        }
    }

    /**
     * What one run did.
     *
     * @param pixels   the URLs passed to {@code sendPixel}, in order
     * @param outcomes {@code success} / {@code failure} for each call of {@code gtmOnSuccess} / {@code gtmOnFailure}
     * @param error    what the template threw, or {@code null}
     */
    record TagRunResult(String name, List<String> pixels, List<String> outcomes, String error) {
    }

    /** One {@code ___TESTS___} scenario's result. */
    record ScenarioResult(String name, boolean passed, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<TagRunResult> run(Path template, List<TagRun> runs) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("cases", runs);
        JsonNode output = node("run", template, write(input));
        return Arrays.asList(read(output.get("results"), TagRunResult[].class));
    }

    static TagRunResult run(Path template, TagRun run) {
        return run(template, List.of(run)).get(0);
    }

    static List<ScenarioResult> runTests(Path template) {
        JsonNode output = node("tests", template, "");
        return Arrays.asList(read(output.get("scenarios"), ScenarioResult[].class));
    }

    private static JsonNode node(String mode, Path template, String stdin) {
        List<String> command = List.of(nodeExecutable().toString(), GtmKitFiles.SANDBOX_HARNESS.toString(), mode,
                template.toString());
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process, false));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process, true));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException brokenPipe) {
                // node exited before reading its input; its exit code and stderr below say why.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("node failed (exit " + process.exitValue() + "): " + command + "\n"
                        + stderr.join());
            }
            return JSON.readTree(stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The {@code node} executable on {@code PATH}. */
    static Path nodeExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("node.exe", "node.cmd") : List.of("node");
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                names.forEach(name -> candidates.add(Path.of(directory, name)));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "Node.js ('node') is not on the PATH. The GTM template tests run the template's JavaScript with it; "
                        + "install Node.js 20 or newer (CDK needs it too)."));
    }

    private static String readAll(Process process, boolean errorStream) {
        try (var stream = errorStream ? process.getErrorStream() : process.getInputStream()) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
