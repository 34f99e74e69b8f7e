package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.deadletter.DeadLetter;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.deadletter.HandOff;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.CountMetric;
import io.github.pinpointgtm.runtime.observability.EmfMetricsWriter;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SnapStart priming: before the snapshot is taken, runs a sample hit through the processor's own code (envelope
 * parsing, policy, mapping, the destination's request planning, the SDK's request marshalling and SigV4 signing,
 * response parsing, result reading, EMF and log writing), reads the sample {@value #SAMPLE_READS} times in all so
 * that the JIT has compiled the read path when the snapshot is taken (the snapshot keeps the compiled code, and a
 * restored instance's first batch reads up to 100 hits), hands a sample letter to the rejected queue and one to the
 * dead-letter queue through the real SQS client and {@link DeadLetterPublisher} (SendMessageBatch, the SQS client's
 * checksum validation), and writes a TLS ClientHello in memory ({@link TlsWarmUp}), so those classes are loaded and
 * initialised in the snapshot instead of on the first real invocation. The sample is read by a reader of priming's
 * own ({@link PrimingReader}) that allows the sample's origin and does not verify endpoint ids, so it is accepted and
 * the whole read path runs (bot check, parameters, event id, metrics, enrichment, the destination limits) whatever
 * the deployment's allowed origins, event types and identity settings are. Every request goes to an
 * {@link OfflineHttpClient} (the destination's own {@link DestinationFactory#offlineAnswer()}, SQS's
 * {@link SendMessageBatchOfflineAnswer}): nothing is sent to AWS, no connection is opened (so none is left idle in
 * the snapshot) and no credentials are needed. The identity key is never read here. {@link #afterRestore} does nothing: the real clients' credentials provider has fetched nothing before
 * the checkpoint, and SnapStart's container credentials provider fetches them at the first call after restore.
 */
public final class SnapStartPriming implements Resource {

    /** The sample envelope's origin, the only one the priming reader allows. */
    static final String SAMPLE_ORIGIN = "https://www.example.com";

    /** A valid version-1 envelope, as API Gateway's template writes it (every client string form-URL-encoded). */
    static final String SAMPLE_ENVELOPE = """
            {"v":1,"requestId":"priming-request","requestTimeEpoch":1764201600123,"httpMethod":"GET",\
            "query":[["event","priming"],["endpoint_id","priming-endpoint"],["evat_page","%2Fcheckout"],\
            ["evmt_value","9.5"],["session_id","priming-session"]],"body":"","contentType":"",\
            "userAgent":"Mozilla%2F5.0","origin":"https%3A%2F%2Fwww.example.com","referer":"","sourceIp":"",\
            "identity":"","identitySource":""}""";

    /**
     * How often priming reads its sample (this priming's envelope, and the event document of the stream handler's):
     * the client compiler (Lambda's JVMs stop at C1) compiles a method after about 200 calls, so each method of a read
     * path runs several times that often.
     */
    public static final int SAMPLE_READS = 1_000;

    /** Signs the offline requests; never sent anywhere. */
    private static final StaticCredentialsProvider PRIMING_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    /** Makes the sample's reader when priming runs: an on-demand start, which never primes, builds none. */
    private final Supplier<Function<String, HitOutcome>> readers;
    private final DestinationFactory destinations;
    private final ProcessorConfig config;
    private final Region region;
    private final StructuredLog log;

    /**
     * @param destinations builds the configured destination (here: over the offline HTTP client)
     * @param config       the processor's configuration (the destination's settings go into the offline request;
     *                     the sample is read with its user attribute, client timestamp and bot settings)
     * @param region       the processor's region (only used to sign the offline request)
     * @param log          where a priming failure is reported (it never fails the checkpoint)
     */
    public SnapStartPriming(DestinationFactory destinations, ProcessorConfig config, Region region,
                            StructuredLog log) {
        this(() -> PrimingReader.forSample(config)::read, destinations, config, region, log);
    }

    /** @param reader reads the sample envelope instead of a {@link PrimingReader} (for tests) */
    SnapStartPriming(Function<String, HitOutcome> reader, DestinationFactory destinations,
                     ProcessorConfig config, Region region, StructuredLog log) {
        this(supplying(Objects.requireNonNull(reader, "reader")), destinations, config, region, log);
    }

    private SnapStartPriming(Supplier<Function<String, HitOutcome>> readers, DestinationFactory destinations,
                             ProcessorConfig config, Region region, StructuredLog log) {
        this.readers = readers;
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.config = Objects.requireNonNull(config, "config");
        this.region = Objects.requireNonNull(region, "region");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Registers this resource with the global CRaC context (a no-op outside SnapStart/CRaC). The caller keeps it.
     *
     * @return this, registered
     */
    public SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            // A cold first invocation is better than a failed version publication.
            log.unexpectedError(null, "SnapStart priming", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: the SDK resolves credentials per call; no connections were opened while priming.
    }

    /**
     * What priming exercised (for tests and logs).
     *
     * @param sample            the event read from the sample envelope
     * @param delivery          the sample event's outcome at the destination
     * @param offlineRequests   the destination's requests, as the SDK built and signed them
     * @param sideQueueHandOffs the rejected queue's and the dead-letter queue's hand-offs, in that order
     * @param sideQueueRequests the SQS requests, as the SDK built and signed them
     * @param tlsClientHello    the size of the ClientHello written in memory
     */
    record Result(CustomerEvent sample, DeliveryOutcome delivery, List<SdkHttpRequest> offlineRequests,
                  List<HandOff> sideQueueHandOffs, List<SdkHttpRequest> sideQueueRequests, int tlsClientHello) {
    }

    private static Supplier<Function<String, HitOutcome>> supplying(Function<String, HitOutcome> reader) {
        return () -> reader;
    }

    Result prime() {
        Function<String, HitOutcome> reader = readers.get();
        HitOutcome outcome = reader.apply(SAMPLE_ENVELOPE);
        for (int read = 1; read < SAMPLE_READS; read++) {
            reader.apply(SAMPLE_ENVELOPE);
        }
        if (!(outcome instanceof HitOutcome.Accepted accepted)) {
            Rejection rejection = ((HitOutcome.Rejected) outcome).rejection();
            throw new IllegalStateException("the priming reader rejected the sample envelope ("
                    + rejection.reason().code() + ": " + rejection.detail() + ")");
        }
        CustomerEvent event = accepted.event();
        OfflineHttpClient http = new OfflineHttpClient(destinations.offlineAnswer());
        ClientSettings offline = new ClientSettings(region, http, PRIMING_CREDENTIALS);
        InvocationMetrics metrics = new InvocationMetrics();
        DeliveryOutcome delivery;
        try (EventDestination destination = destinations.create(config, offline)) {
            delivery = destination.deliver(List.of(event), Deadline.after(Duration.ofSeconds(10)), metrics).get(0);
        }
        Writer discard = Writer.nullWriter();
        metrics.add(CountMetric.RECEIVED, 1);
        new EmfMetricsWriter("Priming", "priming", discard).write(metrics.snapshot(), Instant.now());
        StructuredLog discardLog = new StructuredLog(discard, new PersonalData(false), Clock.systemUTC());
        discardLog.messageNotDelivered("priming", "priming", "retry", "priming", "priming", event.endpointId());
        OfflineHttpClient sqsHttp = new OfflineHttpClient(new SendMessageBatchOfflineAnswer());
        List<HandOff> handOffs = primeSideQueues(new ClientSettings(region, sqsHttp, PRIMING_CREDENTIALS));
        int clientHello = TlsWarmUp.clientHello("sqs." + region.id() + ".amazonaws.com").remaining();
        return new Result(event, delivery, http.requests(), handOffs, sqsHttp.requests(), clientHello);
    }

    /** Hands one sample letter to each side queue through the real SQS client and publisher, offline. */
    private List<HandOff> primeSideQueues(ClientSettings offline) {
        List<HandOff> handOffs = new ArrayList<>(2);
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        try (SqsClient sqs = offline.configure(SqsClient.builder());
             DeadLetterPublisher rejected = new DeadLetterPublisher(sqs, config.rejectedQueueUrl());
             DeadLetterPublisher deadLetters = new DeadLetterPublisher(sqs, config.deadLetterQueueUrl())) {
            handOffs.addAll(rejected.publish(List.of(new DeadLetter(SAMPLE_ENVELOPE,
                    new Rejection(RejectionReason.ORIGIN_NOT_ALLOWED, "priming"))), deadline));
            handOffs.addAll(deadLetters.publish(List.of(new DeadLetter(SAMPLE_ENVELOPE,
                    new Rejection(RejectionReason.DESTINATION_REJECTED, "priming"))), deadline));
        }
        return handOffs;
    }
}
