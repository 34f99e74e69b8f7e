package io.github.pinpointgtm.runtime.bench;

import io.github.pinpointgtm.runtime.bench.seed.SeedStyleHandler;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cold-start harness: per run a fresh JVM ({@link ColdStartChild}) loads a handler the Lambda way and sends its
 * first batch of 100 messages to the local Pinpoint stand-in (SQS is ElasticMQ, for the dead-letter queue). Three
 * variants run interleaved on the same inputs in the same session:
 * <ul>
 *   <li>{@link Variant#CONNECTOR}: the shaded deployment jar the construct ships, {@code SqsEventHandler};</li>
 *   <li>{@link Variant#CONNECTOR_PRIMED}: the same, with the SnapStart priming hook ({@code beforeCheckpoint})
 *       run after init and before the measured invocation;</li>
 *   <li>{@link Variant#SEED_BASELINE}: {@link SeedStyleHandler} on the SDK's default class path (Apache HTTP
 *       client, Jackson databind), one PutEvents call per message;</li>
 *   <li>{@link Variant#CONNECTOR_HTTPS} and {@link Variant#SEED_BASELINE_HTTPS}: the connector and the baseline
 *       calling Pinpoint over HTTPS ({@link TlsFrontEnd}: a self-signed certificate the child trusts through a trust
 *       store), so TLS start-up and the handshake are paid as against a real endpoint. Their speed-up is against the
 *       HTTPS baseline.</li>
 * </ul>
 * Every run is checked: all 100 events reach the stand-in, no batch item failures, no protocol violations. Each run
 * also counts the classes its JVM loaded ({@code -Xlog:class+load}): in all, and those of the deployment (loaded
 * from its jar or directories rather than the JDK's modules or CDS archive).
 * Also measures batching: PutEvents calls and invocations for 1,000 events at the construct's default batch size.
 *
 * <p>Arguments: {@code --jar <deployment jar> [--runs N] [--pinpoint-latency-ms L]}: N runs per variant (default
 * 10); L milliseconds the stand-in waits before answering each PutEvents call (default 0: loopback, no service
 * time, which favours the one-call-per-message baseline).
 */
public final class ColdStartBenchmark {

    /** The construct's default event source mapping batch size (PinpointGtmConnectorProps). */
    static final int DEFAULT_BATCH_SIZE = 100;
    static final int FIRST_BATCH = 100;
    static final int BATCHING_EVENTS = 1_000;
    /** What the Lambda Java 17+ runtimes start the JVM with (plus the runtime's own heap sizing, not copied here). */
    static final List<String> LAMBDA_JVM_OPTIONS = List.of(
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    private static final long RUN_TIMEOUT_SECONDS = 120;

    enum Variant {
        CONNECTOR("connector (deployment jar)", false, false, false),
        CONNECTOR_PRIMED("connector, SnapStart priming done first", false, true, false),
        SEED_BASELINE("seed-style baseline", true, false, false),
        CONNECTOR_HTTPS("connector, HTTPS to Pinpoint", false, false, true),
        SEED_BASELINE_HTTPS("seed-style baseline, HTTPS to Pinpoint", true, false, true);

        final String label;
        final boolean seed;
        final boolean primed;
        final boolean https;

        Variant(String label, boolean seed, boolean primed, boolean https) {
            this.label = label;
            this.seed = seed;
            this.primed = primed;
            this.https = https;
        }

        /** @return the baseline this variant's speed-up is measured against: the seed over the same transport */
        Variant baseline() {
            return https ? SEED_BASELINE_HTTPS : SEED_BASELINE;
        }
    }

    /** One fresh JVM's figures. */
    record Run(Variant variant, double initMillis, double primingMillis, double firstInvocationMillis,
               long peakRssKb, int putEventsCalls, int eventsDelivered, ClassLoads classLoads) {
    }

    /**
     * Classes one JVM loaded, counted from its {@code -Xlog:class+load} output.
     *
     * @param total      every class loaded, the child's own and the JDK's included
     * @param deployment those loaded from the deployment's jar or directories
     */
    record ClassLoads(int total, int deployment) {
        static ClassLoads count(List<String> logLines) {
            int total = 0;
            int deployment = 0;
            for (String line : logLines) {
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                total++;
                String className = line.substring(line.lastIndexOf("] ", source) + 2, source);
                String from = line.substring(source + " source: ".length());
                // The JDK's classes come from the CDS archive ("shared objects file"), "jrt:/..." or are generated
                boolean fromClassPath = from.startsWith("file:") || from.startsWith("jar:");
                if (fromClassPath && !className.startsWith(ColdStartChild.class.getName())) {
                    deployment++;
                }
            }
            return new ClassLoads(total, deployment);
        }
    }

    /** Medians of a variant's runs. */
    record Summary(Variant variant, int runs, double initMillis, double primingMillis, double firstInvocationMillis,
                   double initPlusFirstBatchMillis, double peakRssMb, double putEventsCallsPerBatch,
                   double classesLoaded, double deploymentClassesLoaded) {
    }

    /** Calls and invocations for {@link #BATCHING_EVENTS} events, for one handler. */
    record Batching(Variant variant, int events, int invocations, int putEventsCalls) {
    }

    private final Path deploymentJar;
    private final Path workDirectory;
    private final PinpointStandIn pinpoint;
    private final ElasticMqHarness sqs;
    private final TlsFrontEnd pinpointTls;
    private final String rejectedQueueUrl;
    private final String deadLetterQueueUrl;

    ColdStartBenchmark(Path deploymentJar, Path workDirectory, Duration pinpointLatency) {
        // The JDK's HTTP server (the stand-in) otherwise writes a response's headers and body in two packets under
        // Nagle's algorithm, and the client's delayed ACK adds ~40 ms to every call: a loopback artefact that would
        // inflate the one-call-per-message baseline. Set before the server's classes initialise.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (!Files.isRegularFile(deploymentJar)) {
            throw new IllegalArgumentException("no deployment jar at " + deploymentJar
                    + " (build it with: ./mvnw -pl lambda-runtime -Pbenchmarks -DskipTests package)");
        }
        this.deploymentJar = deploymentJar;
        this.workDirectory = workDirectory;
        this.pinpoint = PinpointStandIn.start(BenchInputs.APPLICATION_ID);
        this.pinpointTls = new TlsFrontEnd(pinpoint.endpoint(), workDirectory);
        this.sqs = ElasticMqHarness.start();
        this.rejectedQueueUrl = sqs.createQueue("cold-start-rejected");
        this.deadLetterQueueUrl = sqs.createQueue("cold-start-dlq");
        if (!pinpointLatency.isZero()) {
            pinpoint.faults(new PinpointStandIn.FaultInjector() {
                @Override
                public PinpointStandIn.RequestFault onRequest(int requestNumber, List<PinpointStandIn.RecordedEvent> events) {
                    return PinpointStandIn.RequestFault.slow(pinpointLatency);
                }
            });
        }
    }

    /** Runs every variant {@code runs} times, interleaved, so load changes hit all variants alike. */
    List<Run> coldStarts(int runs) {
        Path messages = writeMessages("first-batch.txt", BenchInputs.messageBodies(FIRST_BATCH));
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (Variant variant : Variant.values()) {
                results.add(run(variant, messages));
            }
        }
        return results;
    }

    /** Runs {@link #BATCHING_EVENTS} events through each handler in batches of the construct's default size. */
    List<Batching> batching() {
        Path messages = writeMessages("batching.txt", BenchInputs.messageBodies(BATCHING_EVENTS));
        List<Batching> results = new ArrayList<>();
        for (Variant variant : List.of(Variant.CONNECTOR, Variant.SEED_BASELINE)) {
            int requestsBefore = pinpoint.requestCount();
            int eventsBefore = pinpoint.acceptedEvents().size();
            ChildOutput out = runChild(variant, messages, DEFAULT_BATCH_SIZE);
            int delivered = pinpoint.acceptedEvents().size() - eventsBefore;
            check(variant, out, delivered, BATCHING_EVENTS);
            results.add(new Batching(variant, BATCHING_EVENTS, out.invocationNanos.size(),
                    pinpoint.requestCount() - requestsBefore));
        }
        return results;
    }

    private Run run(Variant variant, Path messages) {
        int requestsBefore = pinpoint.requestCount();
        int eventsBefore = pinpoint.acceptedEvents().size();
        int handshakesBefore = pinpointTls.handshakes();
        ChildOutput out = runChild(variant, messages, FIRST_BATCH);
        int delivered = pinpoint.acceptedEvents().size() - eventsBefore;
        check(variant, out, delivered, FIRST_BATCH);
        boolean usedTls = pinpointTls.handshakes() > handshakesBefore;
        if (usedTls != variant.https) {
            throw new IllegalStateException(variant + (usedTls ? " reached Pinpoint over TLS" : " never completed "
                    + "a TLS handshake with Pinpoint"));
        }
        return new Run(variant, out.initNanos / 1e6, out.primingNanos / 1e6, out.invocationNanos.get(0) / 1e6,
                out.peakRssKb, pinpoint.requestCount() - requestsBefore, delivered, out.classLoads);
    }

    private void check(Variant variant, ChildOutput out, int delivered, int expected) {
        if (out.failures != 0 || delivered != expected || !pinpoint.protocolViolations().isEmpty()) {
            throw new IllegalStateException(variant + " did not deliver its batch: " + delivered + " of " + expected
                    + " events reached the stand-in, " + out.failures + " batch item failures, protocol violations "
                    + pinpoint.protocolViolations() + "; child output:\n" + String.join("\n", out.lines));
        }
        if (!sqs.drain(deadLetterQueueUrl).isEmpty()) {
            throw new IllegalStateException(variant + " dead-lettered valid benchmark events");
        }
        if (!sqs.drain(rejectedQueueUrl).isEmpty()) {
            throw new IllegalStateException(variant + " rejected valid benchmark events");
        }
    }

    /** What one child JVM reported. */
    private static final class ChildOutput {
        final List<String> lines = new ArrayList<>();
        final List<Long> invocationNanos = new ArrayList<>();
        long initNanos = -1;
        long primingNanos;
        long peakRssKb = -1;
        int failures;
        ClassLoads classLoads;
    }

    private ChildOutput runChild(Variant variant, Path messages, int batchSize) {
        boolean connector = !variant.seed;
        Path classPathFile = connector
                ? writeLines("connector-classpath.txt", List.of(deploymentJar.toAbsolutePath().toString()))
                : writeLines("seed-classpath.txt", seedClassPath());
        Path classLoadLog = workDirectory.resolve("class-load.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_OPTIONS);
        if (variant.https) {
            command.addAll(pinpointTls.trustStoreOptions());
        }
        // Written to a file by the JVM itself: costs the child a little I/O, the same for every variant.
        command.add("-Xlog:class+load=info:file=" + classLoadLog);
        command.add("-cp");
        command.add(childMainLocation());
        command.add(ColdStartChild.class.getName());
        command.add(connector ? "io.github.pinpointgtm.runtime.SqsEventHandler" : SeedStyleHandler.class.getName());
        command.add(classPathFile.toString());
        command.add(messages.toString());
        command.add(Integer.toString(batchSize));
        command.add(Boolean.toString(variant.primed));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL") || name.startsWith("_JAVA"));
        env.putAll(BenchInputs.processorEnvironment(rejectedQueueUrl, deadLetterQueueUrl));
        env.put("AWS_ENDPOINT_URL_PINPOINT", (variant.https ? pinpointTls.endpoint() : pinpoint.endpoint()).toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALBENCHMARK00");
        env.put("AWS_SECRET_ACCESS_KEY", "local-benchmark-secret");

        ChildOutput out = new ChildOutput();
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.startsWith(ColdStartChild.MARK)) {
                        out.lines.add(line);
                        continue;
                    }
                    String[] report = line.substring(ColdStartChild.MARK.length()).split(" ");
                    switch (report[0]) {
                        case "initialized" -> out.initNanos = System.nanoTime() - started;
                        case "primingNanos" -> out.primingNanos = Long.parseLong(report[1]);
                        case "invocationNanos" -> out.invocationNanos.add(Long.parseLong(report[1]));
                        case "failures" -> out.failures += Integer.parseInt(report[1]);
                        case "vmHwmKb" -> out.peakRssKb = Long.parseLong(report[1]);
                        default -> throw new IllegalStateException("unknown report " + line);
                    }
                }
            }
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(variant + " run did not finish in " + RUN_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0 || out.initNanos < 0 || out.invocationNanos.isEmpty()) {
                throw new IllegalStateException(variant + " run failed (exit " + process.exitValue() + "):\n"
                        + String.join("\n", out.lines));
            }
            out.classLoads = ClassLoads.count(Files.readAllLines(classLoadLog, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    /** Where {@link ColdStartChild} was loaded from (the benchmark classes; the child uses nothing else from it). */
    private static String childMainLocation() {
        try {
            return Path.of(ColdStartChild.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The baseline's deployment class path: the benchmark classes plus the jars a user's function would ship with
     * the SDK's defaults (Pinpoint with the Apache HTTP client, Lambda core and events, Jackson databind), picked
     * from this JVM's class path (the project's resolved versions). The lean URL-connection client is left out,
     * as it is not among the SDK's defaults.
     */
    static List<String> seedClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        entries.add(childMainLocation());
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            boolean sdk = path.contains("/software/amazon/awssdk/") && !path.contains("/url-connection-client/")
                    && !path.contains("/apache5-client/") && !path.contains("/netty-nio-client/");
            boolean seedDependency = sdk
                    || path.contains("/software/amazon/eventstream/")
                    || path.contains("/org/reactivestreams/")
                    || path.contains("/org/apache/httpcomponents/")
                    || path.contains("/commons-logging/")
                    || path.contains("/commons-codec/")
                    || path.contains("/com/amazonaws/aws-lambda-java-core/")
                    || path.contains("/com/amazonaws/aws-lambda-java-events/")
                    || path.contains("/com/fasterxml/jackson/core/")
                    || path.contains("/org/slf4j/slf4j-api/");
            if (seedDependency && path.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        if (entries.stream().noneMatch(e -> e.contains("apache-client")) || entries.stream().noneMatch(e -> e.contains("jackson-databind"))) {
            throw new IllegalStateException("the baseline needs apache-client and jackson-databind on the class path "
                    + "(run with -Pbenchmarks): " + entries);
        }
        return entries;
    }

    static List<Summary> summarize(List<Run> runs) {
        Map<Variant, List<Run>> byVariant = new EnumMap<>(Variant.class);
        runs.forEach(run -> byVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>()).add(run));
        List<Summary> summaries = new ArrayList<>();
        byVariant.forEach((variant, list) -> summaries.add(new Summary(variant, list.size(),
                median(list.stream().mapToDouble(Run::initMillis).toArray()),
                median(list.stream().mapToDouble(Run::primingMillis).toArray()),
                median(list.stream().mapToDouble(Run::firstInvocationMillis).toArray()),
                median(list.stream().mapToDouble(r -> r.initMillis() + r.primingMillis() + r.firstInvocationMillis()).toArray()),
                median(list.stream().mapToDouble(r -> r.peakRssKb() / 1024.0).toArray()),
                median(list.stream().mapToDouble(Run::putEventsCalls).toArray()),
                median(list.stream().mapToDouble(r -> r.classLoads().total()).toArray()),
                median(list.stream().mapToDouble(r -> r.classLoads().deployment()).toArray()))));
        return summaries;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** @return the figures as a Markdown table, with the connector's ratios to the baseline */
    static String table(List<Summary> summaries, List<Batching> batching, long deploymentJarBytes) {
        Map<Variant, Summary> byVariant = new EnumMap<>(Variant.class);
        summaries.forEach(s -> byVariant.put(s.variant(), s));
        StringBuilder out = new StringBuilder();
        out.append("| variant | runs | init ms | priming ms | first batch (100) ms | init + priming + first batch ms "
                + "| speed-up vs baseline | peak RSS MB | PutEvents calls (first batch) | classes loaded "
                + "| of them from the deployment |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : summaries) {
            Summary baseline = byVariant.get(s.variant().baseline());
            if (baseline == null) {
                throw new IllegalArgumentException("no runs of " + s.variant().baseline() + ", the baseline of "
                        + s.variant());
            }
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.2fx | %.0f | %.0f | %.0f | %.0f |%n",
                    s.variant().label, s.runs(), s.initMillis(), s.primingMillis(), s.firstInvocationMillis(),
                    s.initPlusFirstBatchMillis(), baseline.initPlusFirstBatchMillis() / s.initPlusFirstBatchMillis(),
                    s.peakRssMb(), s.putEventsCallsPerBatch(), s.classesLoaded(), s.deploymentClassesLoaded()));
        }
        out.append("\n| handler | events | invocations (batch size ").append(DEFAULT_BATCH_SIZE)
                .append(") | PutEvents calls | PutEvents calls per 1,000 events |\n|---|---:|---:|---:|---:|\n");
        for (Batching b : batching) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f |%n", b.variant().label, b.events(),
                    b.invocations(), b.putEventsCalls(), b.putEventsCalls() * 1000.0 / b.events()));
        }
        out.append(String.format(Locale.ROOT, "%nDeployment jar: %d bytes (%.2f MB)%n", deploymentJarBytes,
                deploymentJarBytes / 1_000_000.0));
        return out.toString();
    }

    private Path writeMessages(String name, List<String> bodies) {
        return writeLines(name, bodies);
    }

    private Path writeLines(String name, List<String> lines) {
        try {
            return Files.write(workDirectory.resolve(name), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        pinpointTls.close();
        pinpoint.close();
        sqs.close();
    }

    long deploymentJarBytes() {
        try {
            return Files.size(deploymentJar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path jar = null;
        int runs = 10;
        Duration latency = Duration.ZERO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--pinpoint-latency-ms" -> latency = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("usage: --jar <deployment jar> [--runs N] [--pinpoint-latency-ms L]; got " + args[i]);
            }
        }
        if (jar == null || runs < 1) {
            throw new IllegalArgumentException("usage: --jar <deployment jar> [--runs N >= 1]");
        }
        Path work = Files.createTempDirectory("cold-start-benchmark");
        ColdStartBenchmark benchmark = new ColdStartBenchmark(jar, work, latency);
        try {
            List<Run> all = benchmark.coldStarts(runs);
            List<Batching> batching = benchmark.batching();
            all.forEach(run -> System.out.println("run " + run));
            System.out.println();
            System.out.println("Stand-in latency per PutEvents call: " + latency.toMillis() + " ms; JVM options: "
                    + String.join(" ", LAMBDA_JVM_OPTIONS) + "; " + Runtime.version());
            System.out.println(table(summarize(all), batching, benchmark.deploymentJarBytes()));
        } finally {
            benchmark.close();
        }
    }
}
