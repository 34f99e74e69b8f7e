package io.github.pinpointgtm.examples.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.examples.ExampleDestination;
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
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The whole connector on one machine: {@link LocalGateway} (the synthesized API's mapping templates) → ElasticMQ
 * queue ({@link LocalQueues}, the synthesized redrive settings) → {@link EventSourcePoller} → the real processor →
 * the stand-in of the synthesized destination (Pinpoint, Kinesis Data Streams, Data Firehose, EventBridge or Customer
 * Profiles: the testkit's stand-ins, which the processor's tests use too, started for the names the synthesized
 * environment references) or another endpoint, with the hits the policy refuses in the rejected queue and valid events
 * the destination refuses in the dead-letter queue. Every event the stand-in accepts is a {@link RecordedEvent}.
 *
 * <p>The processor's SDK clients find the local endpoints through the SDK's standard configuration, the
 * {@code aws.endpointUrlSqs} and {@code aws.endpointUrl<Service>} system properties (JVM-wide; the twins of
 * {@code AWS_ENDPOINT_URL_SQS} and {@code AWS_ENDPOINT_URL_<SERVICE>}). When the environment already names an endpoint
 * for the destination's service ({@code AWS_ENDPOINT_URL_PINPOINT}, {@code AWS_ENDPOINT_URL_KINESIS},
 * {@code AWS_ENDPOINT_URL_FIREHOSE}, {@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code AWS_ENDPOINT_URL_CUSTOMER_PROFILES}),
 * no stand-in starts and the processor sends there.
 */
public final class LocalPipeline implements AutoCloseable {

    /** The region when {@code AWS_REGION} is not set. */
    static final String DEFAULT_REGION = "us-east-1";
    /** Held while the JVM-wide SDK settings are set and the processor's clients are built with them. */
    private static final Object SDK_SETTINGS = new Object();

    /**
     * How to run it.
     *
     * @param port                    the gateway's port (0: any free port)
     * @param destination             the example stack's destination to synthesize and deliver to
     * @param extraAllowedOrigins     origins allowed besides the gateway's own ({@code http://localhost:port},
     *                                {@code http://127.0.0.1:port})
     * @param visibilityTimeout       overrides the synthesized visibility timeout when not null (soak: short)
     * @param functionTimeout         overrides the synthesized function timeout when not null
     * @param pollerConcurrency       concurrent invocations
     * @param processorLogs           where the processor's JSON logs and EMF metrics go
     * @param onEvent                 called with every event the destination's stand-in accepts (from the stand-in's
     *                                threads, before it answers)
     * @param crashInvocation         which invocations crash (see {@link EventSourcePoller})
     * @param identity                verifies endpoint ids with this key instead of Secrets Manager; null for what
     *                                the synthesized environment says
     */
    public record Options(int port, ExampleDestination destination, List<String> extraAllowedOrigins,
                          Duration visibilityTimeout, Duration functionTimeout, int pollerConcurrency,
                          Appendable processorLogs, Consumer<RecordedEvent> onEvent, IntPredicate crashInvocation,
                          LocalIdentity identity) {

        public Options {
            Objects.requireNonNull(destination, "destination");
        }

        /** Defaults: Pinpoint, everything from the synthesized template, two pollers, logs discarded. */
        public static Options defaults(int port) {
            return new Options(port, ExampleDestination.PINPOINT, List.of(), null, null, 2, java.io.Writer.nullWriter(),
                    event -> { }, invocation -> false, null);
        }

        public Options withDestination(ExampleDestination to) {
            return new Options(port, to, extraAllowedOrigins, visibilityTimeout, functionTimeout, pollerConcurrency,
                    processorLogs, onEvent, crashInvocation, identity);
        }

        public Options withExtraAllowedOrigins(List<String> origins) {
            return new Options(port, destination, List.copyOf(origins), visibilityTimeout, functionTimeout,
                    pollerConcurrency, processorLogs, onEvent, crashInvocation, identity);
        }

        public Options withTimeouts(Duration visibility, Duration function) {
            return new Options(port, destination, extraAllowedOrigins, visibility, function, pollerConcurrency,
                    processorLogs, onEvent, crashInvocation, identity);
        }

        public Options withPollerConcurrency(int concurrency) {
            return new Options(port, destination, extraAllowedOrigins, visibilityTimeout, functionTimeout, concurrency,
                    processorLogs, onEvent, crashInvocation, identity);
        }

        public Options withProcessorLogs(Appendable logs) {
            return new Options(port, destination, extraAllowedOrigins, visibilityTimeout, functionTimeout,
                    pollerConcurrency, logs, onEvent, crashInvocation, identity);
        }

        public Options withEventListener(Consumer<RecordedEvent> listener) {
            return new Options(port, destination, extraAllowedOrigins, visibilityTimeout, functionTimeout,
                    pollerConcurrency, processorLogs, listener, crashInvocation, identity);
        }

        /** Verifies endpoint ids with this key instead of Secrets Manager (null: as the template says). */
        public Options withIdentity(LocalIdentity verification) {
            return new Options(port, destination, extraAllowedOrigins, visibilityTimeout, functionTimeout,
                    pollerConcurrency, processorLogs, onEvent, crashInvocation, verification);
        }

        public Options withCrashes(IntPredicate crashes) {
            return new Options(port, destination, extraAllowedOrigins, visibilityTimeout, functionTimeout,
                    pollerConcurrency, processorLogs, onEvent, crashes, identity);
        }
    }

    private final LocalGateway gateway;
    private final SynthesizedConnector synthesized;
    private final LocalQueues queues;
    private final LocalDestination destination;
    private final ConcurrentLinkedQueue<RecordedEvent> recordedEvents = new ConcurrentLinkedQueue<>();
    private final EventSourcePoller poller;
    private final SideQueueLog rejectedLog;
    private final SideQueueLog deadLetterLog;
    private final ScheduledExecutorService collector;
    private final ConcurrentLinkedQueue<String> queuedRequestIds = new ConcurrentLinkedQueue<>();
    private final Map<String, String> processorEnvironment;
    private final LocalIdentity identity;
    private final TimeScaledSqsRelay sqsRelay;

    private LocalPipeline(Options options, Function<String, String> systemEnvironment, TimeScale timeScale,
                          long roundingSeed) {
        gateway = LocalGateway.bind(options.port());
        identity = options.identity();
        List<String> pageOrigins = List.of("http://localhost:" + gateway.port(), "http://127.0.0.1:" + gateway.port());
        List<String> origins = new ArrayList<>(pageOrigins);
        origins.addAll(options.extraAllowedOrigins());
        String region = Objects.requireNonNullElse(systemEnvironment.apply("AWS_REGION"), DEFAULT_REGION);
        synthesized = SynthesizedConnector.synthesize(options.destination(), origins, region);
        Duration visibility = options.visibilityTimeout() != null ? options.visibilityTimeout()
                : Duration.ofSeconds(synthesized.visibilityTimeoutSeconds());
        Duration functionTimeout = options.functionTimeout() != null ? options.functionTimeout()
                : Duration.ofSeconds(synthesized.functionTimeoutSeconds());
        queues = LocalQueues.start((int) visibility.toSeconds(), synthesized.maxReceiveCount());
        sqsRelay = timeScale.equals(TimeScale.REAL_TIME) ? null
                : TimeScaledSqsRelay.start(queues.endpoint(), timeScale, roundingSeed);
        Map<String, String> environment = new LinkedHashMap<>(synthesized.processorEnvironment());
        environment.put(SynthesizedConnector.DEAD_LETTER_QUEUE_URL, queues.deadLetterQueueUrl());
        environment.put(SynthesizedConnector.REJECTED_QUEUE_URL, queues.rejectedQueueUrl());
        environment.putIfAbsent("AWS_REGION", region);
        processorEnvironment = Map.copyOf(environment);
        Consumer<RecordedEvent> onEvent = options.onEvent();
        RequestHandler<SQSEvent, SQSBatchResponse> processor;
        synchronized (SDK_SETTINGS) {
            // The processor's clients read these JVM-wide settings when it builds them, here.
            destination = LocalDestination.start(options.destination(), processorEnvironment, region,
                    systemEnvironment, event -> {
                        recordedEvents.add(event);
                        onEvent.accept(event);
                    });
            System.setProperty("aws.endpointUrlSqs",
                    (sqsRelay == null ? queues.endpoint() : sqsRelay.endpoint()).toString());
            if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
                // Local endpoints check no signature; the SDK still wants credentials to sign with.
                System.setProperty("aws.accessKeyId", "LOCALPIPELINE000000");
                System.setProperty("aws.secretAccessKey", "local-pipeline-secret");
            }
            processor = ProcessorFactory.create(environment, options.processorLogs(), options.identity());
        }
        poller = new EventSourcePoller(queues.client(), queues.queueUrl(), processor,
                new EventSourcePoller.Settings(synthesized.batchSize(),
                        timeScale.toWallClock(Duration.ofSeconds(synthesized.maxBatchingWindowSeconds())),
                        synthesized.reportBatchItemFailures(), functionTimeout, options.pollerConcurrency()),
                options.crashInvocation()).start();
        rejectedLog = new SideQueueLog(queues.client(), queues.rejectedQueueUrl());
        deadLetterLog = new SideQueueLog(queues.client(), queues.deadLetterQueueUrl());
        collector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "side-queue-collector");
            thread.setDaemon(true);
            return thread;
        });
        collector.scheduleWithFixedDelay(this::collectQuietly, 500, 500, TimeUnit.MILLISECONDS);
        gateway.page("/", new DemoPage(this));
        gateway.page("/sign", new BackendSigner(identity, pageOrigins));
        gateway.start(synthesized, URI.create(queues.queueUrl()), queuedRequestIds::add);
    }

    /** Synthesizes the example stack for the options' destination, starts every part and serves. */
    public static LocalPipeline start(Options options) {
        return start(options, System::getenv);
    }

    /**
     * @param systemEnvironment stands for {@code System.getenv}: where {@code AWS_REGION} and
     *                          {@code AWS_ENDPOINT_URL_<SERVICE>} are read
     */
    static LocalPipeline start(Options options, Function<String, String> systemEnvironment) {
        return new LocalPipeline(Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(systemEnvironment, "systemEnvironment"), TimeScale.REAL_TIME, 0);
    }

    /**
     * Like {@link #start(Options)} in compressed time: the processor's SQS calls go through a
     * {@link TimeScaledSqsRelay}, which divides the visibility timeouts it sets by the scale, and the batching window
     * is divided too. The queue's own visibility timeout and the function timeout stay as the options say: they bound
     * work that runs in real time.
     *
     * @param timeScale    simulated seconds per wall-clock second
     * @param roundingSeed the seed of the relay's rounding of the compressed timeouts to whole seconds
     */
    public static LocalPipeline start(Options options, TimeScale timeScale, long roundingSeed) {
        return new LocalPipeline(Objects.requireNonNull(options, "options"), System::getenv,
                Objects.requireNonNull(timeScale, "timeScale"), roundingSeed);
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

    /** The processor's environment (the synthesized variables, the local queue URLs, the region). */
    public Map<String, String> processorEnvironment() {
        return processorEnvironment;
    }

    /**
     * @return the key and anonymous prefix endpoint ids are verified with; null when none was given (the synthesized
     *         environment decides)
     */
    public LocalIdentity identity() {
        return identity;
    }

    /** @return the destination the example stack was synthesized for */
    public ExampleDestination destination() {
        return destination.destination();
    }

    /** @return where the processor delivers: the stand-in's endpoint, or the one the environment names */
    public URI destinationEndpoint() {
        return destination.endpoint();
    }

    /** @return false when {@code AWS_ENDPOINT_URL_<SERVICE>} names another endpoint and no stand-in runs */
    public boolean usesStandIn() {
        return destination.standIn() != null;
    }

    /**
     * The destination's stand-in, for its destination-specific records, faults and counters.
     *
     * @param type the runtime's stand-in class, e.g. {@code KinesisStandIn.class}
     * @return the stand-in
     * @throws IllegalStateException when no stand-in runs or it is another destination's
     */
    public <T> T standIn(Class<T> type) {
        Object standIn = destination.standIn();
        if (!type.isInstance(standIn)) {
            throw new IllegalStateException("the local pipeline delivers to the " + destination + ", not to a "
                    + type.getSimpleName());
        }
        return type.cast(standIn);
    }

    /** @return every event the destination's stand-in accepted, in arrival order (a redelivered hit may repeat) */
    public List<RecordedEvent> recordedEvents() {
        return List.copyOf(recordedEvents);
    }

    public LocalQueues queues() {
        return queues;
    }

    public EventSourcePoller poller() {
        return poller;
    }

    /** @return the relay that compresses the processor's visibility timeouts; null in real time */
    public TimeScaledSqsRelay sqsRelay() {
        return sqsRelay;
    }

    /** @return the request id of every hit the gateway queued, in order */
    public List<String> queuedRequestIds() {
        return List.copyOf(queuedRequestIds);
    }

    /** @return every hit the policy refused so far (collects what is in the rejected queue now first) */
    public List<SideQueueLog.Letter> rejectedHits() {
        rejectedLog.collect();
        return rejectedLog.letters();
    }

    /** @return every dead letter so far (collects what is in the dead-letter queue now first) */
    public List<SideQueueLog.Letter> deadLetters() {
        deadLetterLog.collect();
        return deadLetterLog.letters();
    }

    private void collectQuietly() {
        for (SideQueueLog log : List.of(rejectedLog, deadLetterLog)) {
            try {
                log.collect();
            } catch (RuntimeException e) {
                System.err.println("side-queue collector: " + e);
            }
        }
    }

    @Override
    public void close() {
        gateway.close();
        poller.close();
        // Let a running collection finish: an interrupted SQS call would leave its connection to the server open.
        collector.shutdown();
        try {
            if (!collector.awaitTermination(5, TimeUnit.SECONDS)) {
                collector.shutdownNow();
            }
        } catch (InterruptedException e) {
            collector.shutdownNow();
            Thread.currentThread().interrupt();
        }
        destination.close();
        if (sqsRelay != null) {
            sqsRelay.close();
        }
        queues.close();
    }
}
