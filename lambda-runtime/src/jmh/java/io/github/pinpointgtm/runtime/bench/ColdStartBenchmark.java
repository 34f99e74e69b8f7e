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
 * The cold-start harness: per run a fresh JVM ({@link ColdStartChild}, or the Lambda runtime interface client) loads
 * a handler the Lambda way and sends its first batch of 100 messages to the local Pinpoint stand-in (SQS is
 * ElasticMQ, for the dead-letter queue and the source queue). The variants run interleaved on the same inputs in the
 * same session:
 * <ul>
 *   <li>{@link Variant#CONNECTOR}: the shaded deployment jar the construct ships, {@code SqsEventHandler};</li>
 *   <li>{@link Variant#CONNECTOR_PRIMED}: the same, with the SnapStart priming hook ({@code beforeCheckpoint})
 *       run after init and before the measured invocation;</li>
 *   <li>{@link Variant#SEED_BASELINE}: {@link SeedStyleHandler} on the SDK's default class path (Apache HTTP
 *       client, Jackson databind), one PutEvents call per message;</li>
 *   <li>{@link Variant#CONNECTOR_HTTPS} and {@link Variant#SEED_BASELINE_HTTPS}: the connector and the baseline
 *       calling Pinpoint over HTTPS ({@link TlsFrontEnd}: a {@link ThrowawayCertificate} the child trusts through a
 *       trust store), so TLS start-up and the handshake are paid as against a real endpoint;</li>
 *   <li>{@link Variant#CONNECTOR_NO_OVERRIDE} and {@link Variant#SEED_BASELINE_NO_OVERRIDE}: as in Lambda, no
 *       endpoint override: the SDK resolves {@code https://pinpoint.<region>.amazonaws.com} (and SQS's endpoint) with
 *       its own endpoint rules. Only the network is simulated: the child resolves AWS's host names to the loopback
 *       address (a hosts file, {@code jdk.net.hosts.file}) and reaches the TLS front ends through a local
 *       {@link ConnectProxy} ({@code https.proxyHost}); the certificate is issued for those names;</li>
 *   <li>{@link Variant#CONNECTOR_LAMBDA_RUNTIME} and {@link Variant#SEED_BASELINE_LAMBDA_RUNTIME}: the same, with the
 *       child being the Lambda Java runtime interface client itself (its start-up, its class loading from the task
 *       root; for the baseline, its deserialisation of the SQS event JSON into {@code SQSEvent} and serialisation of
 *       the response; the connector's {@code SqsStreamHandler}, as deployed, reads and writes those itself),
 *       talking to a local {@link RuntimeApiStandIn}. The event's records come from a real receive of a local SQS
 *       queue ({@link LambdaSqsEvents}), so they carry receipt handles and the queue's ARN as in Lambda, and the
 *       connector's early deletes reach SQS.</li>
 * </ul>
 * A variant's speed-up is against the baseline with the same transport and runtime. Every run is checked: all 100
 * events reach the stand-in, no batch item failures, no protocol violations, TLS used exactly when the variant says;
 * without an override, every tunnel and handshake names AWS's host names and nothing else is asked for. Each run
 * also counts the classes its JVM loaded ({@code -Xlog:class+load}): in all, those of the deployment (loaded from its
 * jar, directories or task root) and those of the runtime (the runtime interface client or the harness's child).
 * Also measures batching: PutEvents calls and invocations for 1,000 events at the construct's default batch size.
 *
 * <p>Arguments: {@code --jar <deployment jar> [--runs N] [--pinpoint-latency-ms L]}: N runs per variant (default
 * 10); L milliseconds the stand-in waits before answering each PutEvents call (default 0: loopback, no service
 * time, which favours the one-call-per-message baseline). The system property {@value #CHILD_JVM_OPTIONS_PROPERTY}
 * adds whitespace-separated JVM options to every child, after Lambda's (for profiling a cold start, e.g.
 * {@code -Xlog:class+load:file=load-%p.log:uptime}; they cost the child time, so figures taken with them are not
 * comparable).
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
    /** System property: extra JVM options of every child, whitespace-separated. */
    static final String CHILD_JVM_OPTIONS_PROPERTY = "coldstart.childJvmOptions";

    /** How a child reaches the stand-ins. */
    enum Transport {
        /** Plain HTTP, endpoint overrides to the stand-ins. */
        HTTP,
        /** HTTPS to Pinpoint's TLS front end, endpoint overrides. */
        HTTPS,
        /** HTTPS, no endpoint override: AWS's host names, through the hosts file and the CONNECT proxy. */
        HTTPS_NO_OVERRIDE
    }

    enum Variant {
        CONNECTOR("connector (deployment jar)", false, false, Transport.HTTP, false),
        CONNECTOR_PRIMED("connector, SnapStart priming done first", false, true, Transport.HTTP, false),
        SEED_BASELINE("seed-style baseline", true, false, Transport.HTTP, false),
        CONNECTOR_HTTPS("connector, HTTPS to Pinpoint", false, false, Transport.HTTPS, false),
        SEED_BASELINE_HTTPS("seed-style baseline, HTTPS to Pinpoint", true, false, Transport.HTTPS, false),
        CONNECTOR_NO_OVERRIDE("connector, HTTPS, no endpoint override", false, false, Transport.HTTPS_NO_OVERRIDE,
                false),
        SEED_BASELINE_NO_OVERRIDE("seed-style baseline, HTTPS, no endpoint override", true, false,
                Transport.HTTPS_NO_OVERRIDE, false),
        CONNECTOR_LAMBDA_RUNTIME("connector in the Lambda runtime interface client, HTTPS, no endpoint override",
                false, false, Transport.HTTPS_NO_OVERRIDE, true),
        SEED_BASELINE_LAMBDA_RUNTIME("seed-style baseline in the Lambda runtime interface client, HTTPS, no endpoint "
                + "override", true, false, Transport.HTTPS_NO_OVERRIDE, true);

        final String label;
        final boolean seed;
        final boolean primed;
        final Transport transport;
        final boolean runtimeClient;

        Variant(String label, boolean seed, boolean primed, Transport transport, boolean runtimeClient) {
            this.label = label;
            this.seed = seed;
            this.primed = primed;
            this.transport = transport;
            this.runtimeClient = runtimeClient;
        }

        /** @return the baseline of this variant's speed-up: the seed with the same transport and runtime */
        Variant baseline() {
            for (Variant candidate : values()) {
                if (candidate.seed && candidate.transport == transport && candidate.runtimeClient == runtimeClient) {
                    return candidate;
                }
            }
            throw new IllegalStateException("no baseline for " + this);
        }
    }

    /** One fresh JVM's figures. */
    record Run(Variant variant, double initMillis, double primingMillis, double firstInvocationMillis,
               long peakRssKb, int putEventsCalls, int eventsDelivered, ClassLoads classLoads) {
    }

    /**
     * Classes one JVM loaded, counted from its {@code -Xlog:class+load} output.
     *
     * @param total      every class loaded, the runtime's and the JDK's included
     * @param deployment those loaded from the deployment's jars, directories or task root
     * @param runtime    those loaded from the rest of the class path: the runtime interface client and its
     *                   libraries, or the harness's own {@link ColdStartChild}
     */
    record ClassLoads(int total, int deployment, int runtime) {
        /** @return the JDK's classes: from its modules or CDS archive, or generated */
        int jdk() {
            return total - deployment - runtime;
        }

        /**
         * @param deploymentLocations the paths the deployment's classes are loaded from (jars, directories, task root)
         */
        static ClassLoads count(List<String> logLines, List<String> deploymentLocations) {
            int total = 0;
            int deployment = 0;
            int runtime = 0;
            for (String line : logLines) {
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                total++;
                String className = line.substring(line.lastIndexOf("] ", source) + 2, source);
                String from = line.substring(source + " source: ".length());
                // The JDK's classes come from the CDS archive ("shared objects file"), "jrt:/..." or are generated
                if (!from.startsWith("file:") && !from.startsWith("jar:")) {
                    continue;
                }
                boolean fromDeployment = !className.startsWith(ColdStartChild.class.getName())
                        && deploymentLocations.stream().anyMatch(from::contains);
                if (fromDeployment) {
                    deployment++;
                } else {
                    runtime++;
                }
            }
            return new ClassLoads(total, deployment, runtime);
        }
    }

    /** Medians of a variant's runs. */
    record Summary(Variant variant, int runs, double initMillis, double primingMillis, double firstInvocationMillis,
                   double initPlusFirstBatchMillis, double peakRssMb, double putEventsCallsPerBatch,
                   double classesLoaded, double deploymentClassesLoaded, double runtimeClassesLoaded,
                   double jdkClassesLoaded) {
    }

    /** Calls and invocations for {@link #BATCHING_EVENTS} events, for one handler. */
    record Batching(Variant variant, int events, int invocations, int putEventsCalls) {
    }

    /** The endpoints the SDK resolves without an override, as its endpoint rules give them for the region. */
    static final String PINPOINT_HOST = "pinpoint." + BenchInputs.REGION + ".amazonaws.com";
    static final String SQS_HOST = "sqs." + BenchInputs.REGION + ".amazonaws.com";
    /** What {@link ColdStartChild} calls directly, {@code handleRequest(SQSEvent, Context)}. */
    private static final String CONNECTOR_HANDLER = "io.github.pinpointgtm.runtime.SqsEventHandler";
    /** What the construct deploys and the runtime interface client invokes with the event document. */
    private static final String CONNECTOR_STREAM_HANDLER = "io.github.pinpointgtm.runtime.SqsStreamHandler";

    private final Path deploymentJar;
    private final Path workDirectory;
    private final PinpointStandIn pinpoint;
    private final ElasticMqHarness sqs;
    private final TlsFrontEnd pinpointTls;
    private final TlsFrontEnd sqsTls;
    private final ConnectProxy proxy;
    private final ThrowawayCertificate certificate;
    private final Path hostsFile;
    private final Path emptyAwsConfig;
    private final String rejectedQueueUrl;
    private final String deadLetterQueueUrl;
    private final LambdaSqsEvents sourceQueue;
    private final RuntimeClientLauncher runtimeClient;

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
        this.runtimeClient = new RuntimeClientLauncher(workDirectory);
        this.pinpoint = PinpointStandIn.start(BenchInputs.APPLICATION_ID);
        this.sqs = ElasticMqHarness.start();
        this.certificate = new ThrowawayCertificate(workDirectory, List.of("localhost", PINPOINT_HOST, SQS_HOST));
        this.pinpointTls = new TlsFrontEnd(pinpoint.endpoint(), certificate);
        this.sqsTls = new TlsFrontEnd(sqs.endpoint(), certificate);
        this.proxy = new ConnectProxy(Map.of(PINPOINT_HOST + ":443", pinpointTls.address(),
                SQS_HOST + ":443", sqsTls.address()));
        // The JDK then resolves only these names, so nothing a child asks for leaves the machine.
        this.hostsFile = writeLines("hosts", List.of("127.0.0.1 localhost", "127.0.0.1 " + PINPOINT_HOST,
                "127.0.0.1 " + SQS_HOST));
        // No profile of this machine's may configure a child (an endpoint_url in ~/.aws/config would be an override).
        this.emptyAwsConfig = writeLines("aws-config", List.of());
        this.rejectedQueueUrl = sqs.createQueue("cold-start-rejected");
        this.deadLetterQueueUrl = sqs.createQueue("cold-start-dlq");
        this.sourceQueue = new LambdaSqsEvents(sqs.client(), sqs.createQueue("cold-start-source"), BenchInputs.REGION);
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
        return coldStarts(runs, List.of(Variant.values()));
    }

    /** Runs the given variants {@code runs} times, interleaved. */
    List<Run> coldStarts(int runs, List<Variant> variants) {
        Path messages = writeMessages("first-batch.txt", BenchInputs.messageBodies(FIRST_BATCH));
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
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
        int pinpointNamesBefore = pinpointTls.serverNames().size();
        int pinpointHostsBefore = pinpointTls.hostHeaders().size();
        int sqsNamesBefore = sqsTls.serverNames().size();
        int sqsHostsBefore = sqsTls.hostHeaders().size();
        int tunnelsBefore = proxy.tunnelled().size();
        int refusalsBefore = proxy.refused().size();
        ChildOutput out = runChild(variant, messages, FIRST_BATCH);
        int delivered = pinpoint.acceptedEvents().size() - eventsBefore;
        check(variant, out, delivered, FIRST_BATCH);
        boolean usedTls = pinpointTls.handshakes() > handshakesBefore;
        if (usedTls != (variant.transport != Transport.HTTP)) {
            throw new IllegalStateException(variant + (usedTls ? " reached Pinpoint over TLS" : " never completed "
                    + "a TLS handshake with Pinpoint"));
        }
        List<String> refused = since(proxy.refused(), refusalsBefore);
        if (!refused.isEmpty()) {
            throw new IllegalStateException(variant + " asked the proxy for a host it does not serve: " + refused);
        }
        List<String> tunnels = since(proxy.tunnelled(), tunnelsBefore);
        List<String> pinpointNames = since(pinpointTls.serverNames(), pinpointNamesBefore);
        List<String> pinpointHosts = since(pinpointTls.hostHeaders(), pinpointHostsBefore);
        List<String> sqsNames = since(sqsTls.serverNames(), sqsNamesBefore);
        List<String> sqsHosts = since(sqsTls.hostHeaders(), sqsHostsBefore);
        if (variant.transport == Transport.HTTPS_NO_OVERRIDE) {
            // The SDK resolved AWS's endpoint itself: the real name in the CONNECT, the handshake and the Host header
            requireOnly(variant, "CONNECT to Pinpoint", tunnels.stream().filter(t -> !t.startsWith(SQS_HOST)).toList(),
                    PINPOINT_HOST + ":443");
            requireOnly(variant, "server name of the handshakes with Pinpoint", pinpointNames, PINPOINT_HOST);
            requireOnly(variant, "Host header at Pinpoint", pinpointHosts, PINPOINT_HOST);
            if (!sqsNames.isEmpty() || !sqsHosts.isEmpty()) {
                requireOnly(variant, "server name of the handshakes with SQS", sqsNames, SQS_HOST);
                requireOnly(variant, "Host header at SQS", sqsHosts, SQS_HOST);
            }
        } else if (!tunnels.isEmpty()) {
            throw new IllegalStateException(variant + " has endpoint overrides but used the proxy: " + tunnels);
        }
        if (variant.runtimeClient && !variant.seed && sqsHosts.isEmpty()) {
            throw new IllegalStateException(variant + ": the connector's early deletes never reached " + SQS_HOST);
        }
        return new Run(variant, out.initNanos / 1e6, out.primingNanos / 1e6, out.invocationNanos.get(0) / 1e6,
                out.peakRssKb, pinpoint.requestCount() - requestsBefore, delivered, out.classLoads);
    }

    private static List<String> since(List<String> all, int before) {
        return all.subList(before, all.size());
    }

    private static void requireOnly(Variant variant, String what, List<String> seen, String expected) {
        if (seen.isEmpty() || seen.stream().anyMatch(value -> !value.equals(expected))) {
            throw new IllegalStateException(variant + ": " + what + " should be " + expected + " each time, was "
                    + seen);
        }
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
        List<String> deploymentLocations = variant.seed ? seedClassPath()
                : List.of(deploymentJar.toAbsolutePath().toString());
        Path classLoadLog = workDirectory.resolve("class-load.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_OPTIONS);
        command.addAll(extraChildJvmOptions());
        if (variant.transport != Transport.HTTP) {
            command.addAll(certificate.trustStoreOptions());
        }
        if (variant.transport == Transport.HTTPS_NO_OVERRIDE) {
            command.add("-Djdk.net.hosts.file=" + hostsFile);
            command.addAll(proxy.childOptions());
        }
        // Written to a file by the JVM itself: costs the child a little I/O, the same for every variant.
        command.add("-Xlog:class+load=info:file=" + classLoadLog);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("JAVA_TOOL") || name.startsWith("_JAVA"));
        env.putAll(BenchInputs.processorEnvironment(rejectedQueueUrl, deadLetterQueueUrl));
        if (variant.transport != Transport.HTTPS_NO_OVERRIDE) {
            env.put("AWS_ENDPOINT_URL_PINPOINT", (variant.transport == Transport.HTTPS ? pinpointTls.endpoint()
                    : pinpoint.endpoint()).toString());
            env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        }
        env.put("AWS_CONFIG_FILE", emptyAwsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", emptyAwsConfig.toString());
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCALBENCHMARK00");
        env.put("AWS_SECRET_ACCESS_KEY", "local-benchmark-secret");
        if (variant.transport == Transport.HTTPS_NO_OVERRIDE && env.keySet().stream().anyMatch(
                name -> name.startsWith("AWS_ENDPOINT_URL") || name.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            throw new IllegalStateException(variant + " must run without an endpoint override: " + env.keySet());
        }

        ChildOutput out;
        if (variant.runtimeClient) {
            Path taskRoot = runtimeClient.taskRoot(variant.seed ? "task-seed" : "task-connector", deploymentLocations);
            out = runInRuntimeClient(variant, builder, taskRoot, messages, batchSize);
            deploymentLocations = List.of(taskRoot.toString() + "/");
        } else {
            Path classPathFile = variant.seed ? writeLines("seed-classpath.txt", deploymentLocations)
                    : writeLines("connector-classpath.txt", deploymentLocations);
            command.add("-cp");
            command.add(childMainLocation());
            command.add(ColdStartChild.class.getName());
            command.add(variant.seed ? SeedStyleHandler.class.getName() : CONNECTOR_HANDLER);
            command.add(classPathFile.toString());
            command.add(messages.toString());
            command.add(Integer.toString(batchSize));
            command.add(Boolean.toString(variant.primed));
            out = runDirectChild(variant, builder);
        }
        try {
            out.classLoads = ClassLoads.count(Files.readAllLines(classLoadLog, StandardCharsets.UTF_8),
                    deploymentLocations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Runs {@link ColdStartChild}, which calls the handler itself and reports its figures on stdout. */
    private ChildOutput runDirectChild(Variant variant, ProcessBuilder builder) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    /**
     * Runs the connector or the baseline in the Lambda runtime interface client ({@link RuntimeClientLauncher}) on
     * events received from the source queue. The queue's messages are deleted afterwards as the event source mapping
     * does after a successful batch; the connector must have deleted them already (its early deletes).
     */
    private ChildOutput runInRuntimeClient(Variant variant, ProcessBuilder jvm, Path taskRoot, Path messages,
                                           int batchSize) {
        List<LambdaSqsEvents.Batch> batches;
        try {
            batches = sourceQueue.receive(Files.readAllLines(messages, StandardCharsets.UTF_8), batchSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String handler = (variant.seed ? SeedStyleHandler.class.getName() : CONNECTOR_STREAM_HANDLER)
                + "::handleRequest";
        RuntimeClientLauncher.Result result;
        try {
            result = runtimeClient.run(jvm, handler, taskRoot,
                    batches.stream().map(LambdaSqsEvents.Batch::eventJson).toList(),
                    Duration.ofSeconds(RUN_TIMEOUT_SECONDS));
        } catch (IllegalStateException failed) {
            throw new IllegalStateException(variant + ": " + failed.getMessage(), failed);
        }
        ChildOutput out = new ChildOutput();
        out.lines.addAll(result.lines());
        out.initNanos = result.initNanos();
        out.invocationNanos.addAll(result.invocationNanos());
        out.failures = result.failures();
        out.peakRssKb = result.peakRssKb();
        int left = sourceQueue.messagesLeft();
        if (!variant.seed && left != 0) {
            throw new IllegalStateException(variant + " left " + left + " delivered messages in the source queue");
        }
        batches.forEach(sourceQueue::deleteAfterSuccess);
        if (sourceQueue.messagesLeft() != 0) {
            throw new IllegalStateException("the source queue is not empty after " + variant);
        }
        return out;
    }

    /** @return this JVM's class path: the benchmarks', their dependencies' and the processor's */
    static String[] benchmarkClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(java.io.File.pathSeparator);
    }

    /** @return the options of {@value #CHILD_JVM_OPTIONS_PROPERTY}, none when it is unset or blank */
    static List<String> extraChildJvmOptions() {
        String options = System.getProperty(CHILD_JVM_OPTIONS_PROPERTY, "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
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
        List<String> entries = new ArrayList<>();
        entries.add(childMainLocation());
        for (String entry : benchmarkClassPath()) {
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
                    || path.contains("/joda-time/joda-time/") // aws-lambda-java-events' own dependency
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
                median(list.stream().mapToDouble(r -> r.classLoads().deployment()).toArray()),
                median(list.stream().mapToDouble(r -> r.classLoads().runtime()).toArray()),
                median(list.stream().mapToDouble(r -> r.classLoads().jdk()).toArray()))));
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
                + "| from the deployment | from the runtime | from the JDK |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Summary s : summaries) {
            Summary baseline = byVariant.get(s.variant().baseline());
            if (baseline == null) {
                throw new IllegalArgumentException("no runs of " + s.variant().baseline() + ", the baseline of "
                        + s.variant());
            }
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.2fx | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                    s.variant().label, s.runs(), s.initMillis(), s.primingMillis(), s.firstInvocationMillis(),
                    s.initPlusFirstBatchMillis(), baseline.initPlusFirstBatchMillis() / s.initPlusFirstBatchMillis(),
                    s.peakRssMb(), s.putEventsCallsPerBatch(), s.classesLoaded(), s.deploymentClassesLoaded(),
                    s.runtimeClassesLoaded(), s.jdkClassesLoaded()));
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
        proxy.close();
        sqsTls.close();
        pinpointTls.close();
        pinpoint.close();
        sqs.close();
    }

    /** @return the proxy children without an endpoint override go through */
    ConnectProxy proxy() {
        return proxy;
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
