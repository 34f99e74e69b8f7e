package io.github.pinpointgtm.runtime.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a function the way the Lambda Java runtime does: the runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) on the system class path, the handler string
 * as its argument, the working directory a task root as Lambda lays it out, and a {@link RuntimeApiStandIn} as the
 * Runtime API; then hands it events and times them where the Lambda service does.
 */
final class RuntimeClientLauncher {
    private static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One runtime's figures.
     *
     * @param initNanos       from starting the process until the runtime first asked for an event
     * @param invocationNanos per event, from handing it over until its response arrived
     * @param failures        batch item failures in all the responses
     * @param peakRssKb       the process's peak resident set size after the last response, -1 where unknown
     * @param lines           what the process wrote on stdout and stderr
     */
    record Result(long initNanos, List<Long> invocationNanos, int failures, long peakRssKb, List<String> lines) {
    }

    private final Path workDirectory;
    private final Map<String, Path> taskRoots = new HashMap<>();

    RuntimeClientLauncher(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /**
     * The function's task root as Lambda lays it out for the runtime interface client (which loads the handler from
     * the task root directory and its {@code lib/*.jar}): the deployment's jars linked into {@code lib/} in class path
     * order, the contents of its class directories linked into the root. Made once per name.
     */
    Path taskRoot(String name, List<String> deploymentLocations) {
        return taskRoots.computeIfAbsent(name, n -> {
            try {
                Path root = Files.createDirectories(workDirectory.resolve(n));
                Path lib = Files.createDirectories(root.resolve("lib"));
                int index = 0;
                for (String location : deploymentLocations) {
                    Path path = Path.of(location);
                    if (Files.isDirectory(path)) {
                        try (var entries = Files.list(path)) {
                            for (Path entry : (Iterable<Path>) entries::iterator) {
                                Files.createSymbolicLink(root.resolve(entry.getFileName().toString()), entry);
                            }
                        }
                    } else {
                        Files.createSymbolicLink(lib.resolve(String.format(Locale.ROOT, "%03d-%s", index++,
                                path.getFileName())), path.toAbsolutePath());
                    }
                }
                return root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Runs the runtime until it has answered every event, then stops it.
     *
     * @param jvm      the {@code java} command with its options, and the function's environment
     * @param handler  the handler string, as the function's configuration names it
     * @param taskRoot from {@link #taskRoot}
     * @param events   the event JSON of each invocation, in order
     * @throws IllegalStateException when the runtime fails to start, reports an error or does not answer in time
     */
    Result run(ProcessBuilder jvm, String handler, Path taskRoot, List<String> events, Duration timeout) {
        jvm.command().addAll(List.of("-cp", String.join(File.pathSeparator, classPath()), MAIN, handler));
        jvm.directory(taskRoot.toFile());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<Long> invocationNanos = new ArrayList<>();
        int failures = 0;
        try (RuntimeApiStandIn runtimeApi = new RuntimeApiStandIn()) {
            Map<String, String> env = jvm.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
            env.put("_HANDLER", handler);
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "cold-start-benchmark");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/cold-start-benchmark");
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "cold-start");
            long started = System.nanoTime();
            Process process = jvm.redirectErrorStream(true).start();
            Thread reader = new Thread(() -> collectLines(process, lines), "runtime-client-output");
            reader.setDaemon(true);
            reader.start();
            try {
                long initNanos = runtimeApi.awaitNextRequest(process, timeout) - started;
                for (String event : events) {
                    RuntimeApiStandIn.Answer answer = runtimeApi.invoke(event, process, timeout);
                    invocationNanos.add(answer.nanos());
                    failures += batchItemFailures(answer.body());
                    // Done with the answer once the runtime asks again: the peak RSS then includes the response
                    runtimeApi.awaitNextRequest(process, timeout);
                }
                long peakRssKb = ColdStartChild.peakResidentKilobytes(
                        Path.of("/proc", Long.toString(process.pid()), "status"));
                return new Result(initNanos, invocationNanos, failures, peakRssKb, lines);
            } catch (IllegalStateException failed) {
                throw new IllegalStateException(failed.getMessage() + "; runtime output:\n" + String.join("\n", lines),
                        failed);
            } finally {
                process.destroy();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                reader.join(timeout.toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The runtime interface client and its libraries, picked from this JVM's class path, as the runtime's own. */
    static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : ColdStartBenchmark.benchmarkClassPath()) {
            String path = entry.replace('\\', '/');
            if (path.endsWith(".jar") && (path.contains("/com/amazonaws/aws-lambda-java-runtime-interface-client/")
                    || path.contains("/com/amazonaws/aws-lambda-java-serialization/")
                    || path.contains("/com/amazonaws/aws-lambda-java-core/")
                    || path.contains("/software/amazon/awssdk/utils-lite/"))) {
                entries.add(entry);
            }
        }
        if (entries.stream().noneMatch(e -> e.contains("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalStateException("the runtime interface client is not on the class path (run with "
                    + "-Pbenchmarks): " + entries);
        }
        return entries;
    }

    /** @return the number of {@code batchItemFailures} in an {@code SQSBatchResponse} as the runtime serialised it */
    static int batchItemFailures(String responseJson) {
        try {
            JsonNode failures = JSON.readTree(responseJson).get("batchItemFailures");
            if (failures == null || !failures.isArray()) {
                throw new IllegalStateException("not an SQSBatchResponse: " + responseJson);
            }
            return failures.size();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + responseJson, e);
        }
    }

    private static void collectLines(Process process, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException processEnded) {
            // the output ends with the process
        }
    }
}
