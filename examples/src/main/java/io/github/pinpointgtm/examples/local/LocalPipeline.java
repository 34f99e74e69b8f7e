package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.examples.local.gateway.LocalGateway;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The whole connector on one machine: {@link LocalGateway} (the synthesized API's mapping templates) → ElasticMQ
 * queue ({@link LocalQueues}, the synthesized redrive settings) → {@link EventSourcePoller} → the real processor →
 * a {@link PinpointStandIn} (or any Pinpoint-compatible endpoint), with invalid hits in the dead-letter queue.
 *
 * <p>The processor's SDK clients find the local endpoints through the SDK's standard configuration, the
 * {@code aws.endpointUrlSqs} and {@code aws.endpointUrlPinpoint} system properties (JVM-wide; the twins of
 * {@code AWS_ENDPOINT_URL_SQS} and {@code AWS_ENDPOINT_URL_PINPOINT}). When the environment already names a Pinpoint
 * endpoint ({@code AWS_ENDPOINT_URL_PINPOINT}), no stand-in starts and the processor sends there.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * How to run it.
     *
     * @param port                    the gateway's port (0: any free port)
     * @param extraAllowedOrigins     origins allowed besides the gateway's own ({@code http://localhost:port},
     *                                {@code http://127.0.0.1:port})
     * @param visibilityTimeout       overrides the synthesized visibility timeout when not null (soak: short)
     * @param functionTimeout         overrides the synthesized function timeout when not null
     * @param pollerConcurrency       concurrent invocations
     * @param processorLogs           where the processor's JSON logs and EMF metrics go
     * @param onEvent                 called with every event the stand-in accepts
     * @param crashInvocation         which invocations crash (see {@link EventSourcePoller})
     */
    public record Options(int port, List<String> extraAllowedOrigins, Duration visibilityTimeout,
                          Duration functionTimeout, int pollerConcurrency, Appendable processorLogs,
                          Consumer<PinpointStandIn.RecordedEvent> onEvent, IntPredicate crashInvocation) {

        /** Defaults: everything from the synthesized template, two pollers, logs discarded. */
        public static Options defaults(int port) {
            return new Options(port, List.of(), null, null, 2, java.io.Writer.nullWriter(), event -> { },
                    invocation -> false);
        }

        public Options withExtraAllowedOrigins(List<String> origins) {
            return new Options(port, List.copyOf(origins), visibilityTimeout, functionTimeout, pollerConcurrency,
                    processorLogs, onEvent, crashInvocation);
        }

        public Options withTimeouts(Duration visibility, Duration function) {
            return new Options(port, extraAllowedOrigins, visibility, function, pollerConcurrency, processorLogs,
                    onEvent, crashInvocation);
        }

        public Options withPollerConcurrency(int concurrency) {
            return new Options(port, extraAllowedOrigins, visibilityTimeout, functionTimeout, concurrency,
                    processorLogs, onEvent, crashInvocation);
        }

        public Options withProcessorLogs(Appendable logs) {
            return new Options(port, extraAllowedOrigins, visibilityTimeout, functionTimeout, pollerConcurrency,
                    logs, onEvent, crashInvocation);
        }

        public Options withEventListener(Consumer<PinpointStandIn.RecordedEvent> listener) {
            return new Options(port, extraAllowedOrigins, visibilityTimeout, functionTimeout, pollerConcurrency,
                    processorLogs, listener, crashInvocation);
        }

        public Options withCrashes(IntPredicate crashes) {
            return new Options(port, extraAllowedOrigins, visibilityTimeout, functionTimeout, pollerConcurrency,
                    processorLogs, onEvent, crashes);
        }
    }

    private final LocalGateway gateway;
    private final SynthesizedConnector synthesized;
    private final LocalQueues queues;
    private final PinpointStandIn standIn;
    private final EventSourcePoller poller;
    private final DeadLetterLog deadLetterLog;
    private final ScheduledExecutorService collector;
    private final ConcurrentLinkedQueue<String> queuedRequestIds = new ConcurrentLinkedQueue<>();
    private final Map<String, String> processorEnvironment;

    private LocalPipeline(Options options) {
        gateway = LocalGateway.bind(options.port());
        List<String> origins = new ArrayList<>(List.of("http://localhost:" + gateway.port(),
                "http://127.0.0.1:" + gateway.port()));
        origins.addAll(options.extraAllowedOrigins());
        synthesized = SynthesizedConnector.synthesize(origins);
        Duration visibility = options.visibilityTimeout() != null ? options.visibilityTimeout()
                : Duration.ofSeconds(synthesized.visibilityTimeoutSeconds());
        Duration functionTimeout = options.functionTimeout() != null ? options.functionTimeout()
                : Duration.ofSeconds(synthesized.functionTimeoutSeconds());
        queues = LocalQueues.start((int) visibility.toSeconds(), synthesized.maxReceiveCount());
        String configuredPinpoint = System.getenv("AWS_ENDPOINT_URL_PINPOINT");
        if (configuredPinpoint == null || configuredPinpoint.isBlank()) {
            standIn = PinpointStandIn.start(synthesized.processorEnvironment().get("PINPOINT_APPLICATION_ID"),
                    options.onEvent());
            System.setProperty("aws.endpointUrlPinpoint", standIn.endpoint().toString());
        } else {
            standIn = null;
        }
        System.setProperty("aws.endpointUrlSqs", queues.endpoint().toString());
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            // Local endpoints check no signature; the SDK still wants credentials to sign with.
            System.setProperty("aws.accessKeyId", "LOCALPIPELINE000000");
            System.setProperty("aws.secretAccessKey", "local-pipeline-secret");
        }
        Map<String, String> environment = new LinkedHashMap<>(synthesized.processorEnvironment());
        environment.put("DEAD_LETTER_QUEUE_URL", queues.deadLetterQueueUrl());
        environment.putIfAbsent("AWS_REGION", Objects.requireNonNullElse(System.getenv("AWS_REGION"), "us-east-1"));
        processorEnvironment = Map.copyOf(environment);
        poller = new EventSourcePoller(queues.client(), queues.queueUrl(),
                ProcessorFactory.create(environment, options.processorLogs()),
                new EventSourcePoller.Settings(synthesized.batchSize(),
                        Duration.ofSeconds(synthesized.maxBatchingWindowSeconds()),
                        synthesized.reportBatchItemFailures(), functionTimeout, options.pollerConcurrency()),
                options.crashInvocation()).start();
        deadLetterLog = new DeadLetterLog(queues.client(), queues.deadLetterQueueUrl());
        collector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dead-letter-collector");
            thread.setDaemon(true);
            return thread;
        });
        collector.scheduleWithFixedDelay(this::collectDeadLettersQuietly, 500, 500, TimeUnit.MILLISECONDS);
        gateway.page("/", new DemoPage(this));
        gateway.start(synthesized, URI.create(queues.queueUrl()), queuedRequestIds::add);
    }

    /** Synthesizes the example stack, starts every part and serves. */
    public static LocalPipeline start(Options options) {
        return new LocalPipeline(Objects.requireNonNull(options, "options"));
    }

    /** E.g. {@code http://localhost:8080}. */
    public URI baseUrl() {
        return gateway.baseUrl();
    }

    /** The URL a GTM Custom Image tag would call. */
    public URI eventsUrl() {
        return gateway.baseUrl().resolve("/events");
    }

    public SynthesizedConnector synthesized() {
        return synthesized;
    }

    /** The processor's environment (the synthesized variables, the local DLQ URL, the region). */
    public Map<String, String> processorEnvironment() {
        return processorEnvironment;
    }

    /** The Pinpoint stand-in, or null when {@code AWS_ENDPOINT_URL_PINPOINT} names another endpoint. */
    public PinpointStandIn standIn() {
        return standIn;
    }

    public LocalQueues queues() {
        return queues;
    }

    public EventSourcePoller poller() {
        return poller;
    }

    /** @return the request id of every hit the gateway queued, in order */
    public List<String> queuedRequestIds() {
        return List.copyOf(queuedRequestIds);
    }

    /** @return every dead letter so far (collects what is in the dead-letter queue now first) */
    public List<DeadLetterLog.DeadLetter> deadLetters() {
        deadLetterLog.collect();
        return deadLetterLog.deadLetters();
    }

    private void collectDeadLettersQuietly() {
        try {
            deadLetterLog.collect();
        } catch (RuntimeException e) {
            System.err.println("dead-letter collector: " + e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        poller.close();
        collector.shutdownNow();
        if (standIn != null) {
            standIn.close();
        }
        queues.close();
    }
}
