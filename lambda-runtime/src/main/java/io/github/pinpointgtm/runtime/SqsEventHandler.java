package io.github.pinpointgtm.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifier;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifiers;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import io.github.pinpointgtm.runtime.identity.SigningKeySource;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.CountMetric;
import io.github.pinpointgtm.runtime.observability.EmfMetricsWriter;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.priming.SnapStartPriming;
import io.github.pinpointgtm.runtime.retry.BackoffSchedule;
import io.github.pinpointgtm.runtime.retry.Retries;
import io.github.pinpointgtm.runtime.retry.VisibilityBackoff;
import io.github.pinpointgtm.runtime.source.SourceQueueDeletes;
import io.github.pinpointgtm.runtime.source.SourceQueues;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The processor Lambda: reads SQS batches of queued pixel hits and records each hit as a customer event.
 *
 * <p>Lambda runs it through {@link SqsStreamHandler} (handler
 * {@code io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest}), which reads the event document itself, on an
 * SQS event source mapping with {@code ReportBatchItemFailures}; the local pipeline, the tests and the benchmarks call
 * {@link #handleRequest(SQSEvent, Context)} directly. Every message of a batch ends in exactly one place: delivered to the
 * destination, handed at once with {@code reason} and {@code detail} message attributes to the rejected queue (hits
 * the policy refuses: malformed, foreign origin, event type, limits, ...) or to the dead-letter queue (valid events
 * the destination refuses), or reported in {@code batchItemFailures} so SQS retries it (throttling, 5xx, timeouts, a
 * queue that did not take a message, anything unexpected). A message to retry has its next receive postponed by an
 * exponential backoff ({@code ChangeMessageVisibility} on its source queue); on its last allowed receive
 * ({@code MAX_RECEIVE_COUNT}) it goes to the dead-letter queue instead, with reason {@code retries-exhausted}. The
 * messages of each destination request that succeeded are deleted from the source queue at once
 * ({@code DeleteMessageBatch}), so a crash later in the invocation redelivers only the others. Metrics are EMF lines and logs are JSON lines on stdout.
 *
 * <p>Configuration (read once per instance from the environment; see {@link ProcessorConfig} for the details):
 * <ul>
 *   <li>{@code DESTINATION_TYPE}: {@code pinpoint}, {@code kinesis}, {@code firehose}, {@code eventbridge} or
 *       {@code customer-profiles}, with that destination's own variables ({@code PINPOINT_APPLICATION_ID},
 *       {@code KINESIS_STREAM_NAME}, {@code FIREHOSE_DELIVERY_STREAM_NAME}, {@code EVENTBRIDGE_EVENT_BUS} [+
 *       {@code EVENTBRIDGE_SOURCE}, {@code EVENTBRIDGE_DETAIL_TYPE}], {@code CUSTOMER_PROFILES_DOMAIN_NAME} +
 *       {@code CUSTOMER_PROFILES_OBJECT_TYPE_NAME});</li>
 *   <li>{@code REJECTED_QUEUE_URL}: the rejected queue the processor sends hits the policy refuses to;</li>
 *   <li>{@code DEAD_LETTER_QUEUE_URL}: the dead-letter queue the processor sends valid but undeliverable events
 *       to;</li>
 *   <li>{@code ALLOWED_ORIGINS}: comma-separated {@code scheme://host[:port]}, or {@code *};</li>
 *   <li>{@code ALLOW_MISSING_ORIGIN}: accept hits with neither Origin nor Referer (default {@code false});</li>
 *   <li>{@code ALLOWED_EVENT_TYPES}: comma-separated allowlist, empty for any event type;</li>
 *   <li>{@code USER_ATTRIBUTES_ENABLED}: write {@code usat_*} parameters to endpoints (default {@code false});</li>
 *   <li>{@code CLIENT_TIMESTAMP_MAX_SKEW_SECONDS}: how far a client's {@code ts} may be off (default 300);</li>
 *   <li>{@code DELIVERY_CONCURRENCY}: parallel destination requests per invocation (default 4);</li>
 *   <li>{@code MAX_RECEIVE_COUNT}: the main queue's redrive {@code maxReceiveCount} (unset: the processor never
 *       dead-letters a message for its retries, SQS's redrive does);</li>
 *   <li>{@code METRICS_NAMESPACE}: CloudWatch namespace (default {@code PinpointGtmConnector});</li>
 *   <li>{@code CONNECTOR_NAME}: the metrics' {@code Connector} dimension (default the function's name);</li>
 *   <li>{@code LOG_PERSONAL_DATA}: log endpoint ids in full (default {@code false}: HMAC-SHA256 fingerprints);</li>
 *   <li>{@code LOG_FINGERPRINT_SALT}: the fingerprints' per-deployment key (without it, a random key of this
 *       instance, announced by one warning line);</li>
 *   <li>{@code IDENTITY_SECRET_ARN}: turns identity verification on: client-sent endpoint ids need an
 *       {@code endpoint_sig} made with the key in that secret (current or previous version);
 *       {@code IDENTITY_ANONYMOUS_PREFIX}: ids starting with it need none;</li>
 *   <li>the SDK's standard {@code AWS_REGION}, {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}
 *       (e.g. {@code AWS_ENDPOINT_URL_PINPOINT}, {@code AWS_ENDPOINT_URL_SQS}) (endpoints are resolved by the SDK itself).</li>
 * </ul>
 *
 * <p>Time: destination calls stop early enough to leave room for the queue hand-offs and a safety margin
 * before the function's timeout (see {@link InvocationBudget}); what is not done by then is retried.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Used when no Lambda context is given (local runs): the time one batch may take. */
    static final Duration BUDGET_WITHOUT_CONTEXT = Duration.ofSeconds(30);

    private final BatchProcessor processor;
    private final StructuredLog log;
    private final EmfMetricsWriter metricsWriter;
    private final Clock clock;
    /** Held so the CRaC context (which may keep only weak references) does not lose it. */
    private final SnapStartPriming priming;

    /** The constructor Lambda calls: configuration from {@code System.getenv()}, logs and metrics to stdout. */
    public SqsEventHandler() {
        this(System.getenv(), System.out, Clock.systemUTC());
    }

    /**
     * Builds the processor from an environment: its SDK clients, destination, queue publishers and priming.
     *
     * @param environment the environment variables (tests pass a map; endpoints still come from the SDK's standard
     *                    configuration, e.g. the {@code aws.endpointUrlPinpoint} system property)
     * @param out         where JSON log lines and EMF metric lines go
     * @param clock       the wall clock of log and metric timestamps
     * @throws IllegalArgumentException naming the variable when the configuration is invalid
     */
    SqsEventHandler(Map<String, String> environment, Appendable out, Clock clock) {
        this(environment, out, clock, null, InCallRetries.standard());
    }

    /**
     * Like {@link #SqsEventHandler(Map, Appendable, Clock)}, with the destination's in-call retries given (tests pass
     * retries whose pauses do not wait).
     */
    SqsEventHandler(Map<String, String> environment, Appendable out, Clock clock, InCallRetries inCallRetries) {
        this(environment, out, clock, null, inCallRetries);
    }

    /**
     * @param identityKeys  the keys of endpoint signatures, replacing {@code IDENTITY_SECRET_ARN}'s secret (and
     *                      turning verification on); null to follow the environment
     * @param inCallRetries how the destination retries what its service fails one by one
     */
    private SqsEventHandler(Map<String, String> environment, Appendable out, Clock clock,
                            SigningKeySource identityKeys, InCallRetries inCallRetries) {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(environment);
        String region = config.awsRegion().orElseThrow(() -> new IllegalArgumentException(
                ProcessorConfig.AWS_REGION + " is required (Lambda sets it)"));
        DestinationFactory destinations = Destinations.factoryFor(config.destinationType());
        ClientSettings clients = ClientSettings.forRegion(Region.of(region), config.deliveryConcurrency(),
                environment);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = new StructuredLog(out, config.logFingerprintSalt()
                .map(salt -> new PersonalData(config.logPersonalData(), salt))
                .orElseGet(() -> new PersonalData(config.logPersonalData())), clock);
        if (config.logFingerprintSalt().isEmpty() && !config.logPersonalData()) {
            log.fingerprintSaltMissing();
        }
        this.metricsWriter = new EmfMetricsWriter(config.metricsNamespace(), config.connectorName(), out);
        EndpointIdVerifier identity = identityKeys != null
                ? EndpointIdVerifiers.withKeys(identityKeys, config, clock, log::identityKeyWeak)
                : EndpointIdVerifiers.forConfig(config, clients, clock, log::identityKeyWeak);
        HitReader reader = new HitReader(config, identity);
        SqsClient sqs = clients.configure(SqsClient.builder());
        SourceQueues sourceQueues = new SourceQueues(sqs);
        this.processor = new BatchProcessor(reader::read,
                destinations.create(config, clients, inCallRetries),
                new DeadLetterPublisher(sqs, config.rejectedQueueUrl()),
                new DeadLetterPublisher(sqs, config.deadLetterQueueUrl()),
                // SecureRandom: a seeded generator would be frozen into the SnapStart snapshot, and every restored
                // instance would then draw the same jitter.
                new Retries(new VisibilityBackoff(sourceQueues, new BackoffSchedule(new SecureRandom())),
                        config.maxReceiveCount()),
                new EarlyDeletes(new SourceQueueDeletes(sourceQueues)),
                log);
        // Priming reads its sample with a reader of its own: the identity key is read after restore, at the first hit
        // that needs it (a key read before the checkpoint would be frozen into every snapshot).
        this.priming = new SnapStartPriming(destinations, config, Region.of(region), log).register();
    }

    /**
     * Builds the processor from an explicit environment instead of {@code System.getenv()}: for running it outside
     * Lambda (the local pipeline in {@code examples/}), where the configuration, such as the dead-letter queue's URL,
     * is only known once the process runs and a JVM cannot change its own environment.
     *
     * @param environment the environment variables the construct would set (see the class documentation)
     * @param out         where JSON log lines and EMF metric lines go
     * @return the processor, exactly as Lambda runs it once constructed
     * @throws IllegalArgumentException naming the variable when the configuration is invalid
     */
    public static SqsEventHandler withEnvironment(Map<String, String> environment, Appendable out) {
        return new SqsEventHandler(Map.copyOf(environment), out, Clock.systemUTC());
    }

    /**
     * Like {@link #withEnvironment(Map, Appendable)}, with identity verification on and its key given here instead
     * of read from Secrets Manager ({@code IDENTITY_SECRET_ARN} is then not used): for the local pipeline.
     *
     * @param environment  the environment variables the construct would set
     * @param out          where JSON log lines and EMF metric lines go
     * @param identityKeys the keys of endpoint signatures (e.g. a {@link FixedKeySource})
     * @return the processor
     * @throws IllegalArgumentException naming the variable when the configuration is invalid
     */
    public static SqsEventHandler withEnvironment(Map<String, String> environment, Appendable out,
                                                  SigningKeySource identityKeys) {
        return new SqsEventHandler(Map.copyOf(environment), out, Clock.systemUTC(),
                Objects.requireNonNull(identityKeys, "identityKeys"), InCallRetries.standard());
    }

    /** @return the SnapStart priming this processor registered (tests run its checkpoint hook) */
    SnapStartPriming priming() {
        return priming;
    }

    /** @return the processor's structured log (the stream handler's priming reports its failures there) */
    StructuredLog log() {
        return log;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long started = System.nanoTime();
        InvocationBudget budget = InvocationBudget.fromRemaining(context == null
                ? BUDGET_WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()));
        String awsRequestId = context == null ? null : context.getAwsRequestId();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();

        InvocationMetrics metrics = new InvocationMetrics();
        BatchResult result = processor.process(messages, budget, metrics, awsRequestId);
        InvocationMetrics.Snapshot figures = metrics.snapshot();
        log.batchProcessed(new StructuredLog.BatchSummary(awsRequestId, messages.size(),
                result.count(MessageDisposition.DELIVERED), result.count(MessageDisposition.REJECTED),
                result.count(MessageDisposition.DEAD_LETTERED),
                result.count(MessageDisposition.RETRY), figures.count(CountMetric.DESTINATION_REQUESTS),
                Duration.ofNanos(System.nanoTime() - started).toMillis()));
        metricsWriter.write(figures, clock.instant());
        return result.toResponse();
    }
}
