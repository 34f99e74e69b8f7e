package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RequestContext;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.EmfMetricsWriter;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming: before the snapshot is taken, runs a sample hit through the processor's own code (envelope
 * parsing, policy, mapping, the destination's request planning, the SDK's request marshalling and SigV4 signing,
 * response parsing, result reading, EMF and log writing), so those classes are loaded and initialised in the
 * snapshot instead of on the first real invocation. The destination's request goes to an {@link OfflineHttpClient}
 * with the destination's own {@link DestinationFactory#offlineAnswer()}: nothing is sent to AWS and no credentials
 * are needed. {@link #afterRestore} does nothing: the real clients' credentials provider has fetched nothing before
 * the checkpoint, and SnapStart's container credentials provider fetches them at the first call after restore.
 */
public final class SnapStartPriming implements Resource {

    /** A valid version-1 envelope, as API Gateway's template writes it (every client string form-URL-encoded). */
    static final String SAMPLE_ENVELOPE = """
            {"v":1,"requestId":"priming-request","requestTimeEpoch":1764201600123,"httpMethod":"GET",\
            "query":[["event","priming"],["endpoint_id","priming-endpoint"],["evat_page","%2Fcheckout"],\
            ["evmt_value","9.5"],["session_id","priming-session"]],"body":"","contentType":"",\
            "userAgent":"Mozilla%2F5.0","origin":"https%3A%2F%2Fwww.example.com","referer":"","sourceIp":"",\
            "identity":"","identitySource":""}""";

    /** Used when the deployment's policy rejects the sample envelope (e.g. another allowed origin). */
    private static final CustomerEvent SAMPLE_EVENT = new CustomerEvent("priming-request", "priming",
            Instant.ofEpochMilli(1764201600123L), "priming-endpoint", Map.of("page", "/checkout"),
            Map.of("value", 9.5), "priming-session", Map.of(),
            new RequestContext(Instant.ofEpochMilli(1764201600123L), "GET", "Mozilla/5.0", "", "", ""));

    private final Function<String, HitOutcome> reader;
    private final DestinationFactory destinations;
    private final ProcessorConfig config;
    private final Region region;
    private final StructuredLog log;

    /**
     * @param reader       the processor's hit reader
     * @param destinations builds the configured destination (here: over the offline HTTP client)
     * @param config       the processor's configuration (the destination's settings go into the offline request)
     * @param region       the processor's region (only used to sign the offline request)
     * @param log          where a priming failure is reported (it never fails the checkpoint)
     */
    public SnapStartPriming(Function<String, HitOutcome> reader, DestinationFactory destinations,
                            ProcessorConfig config, Region region, StructuredLog log) {
        this.reader = Objects.requireNonNull(reader, "reader");
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

    /** What priming exercised (for tests and logs). */
    record Result(boolean sampleAccepted, DeliveryOutcome delivery, List<SdkHttpRequest> offlineRequests) {
    }

    Result prime() {
        HitOutcome outcome = reader.apply(SAMPLE_ENVELOPE);
        boolean accepted = outcome instanceof HitOutcome.Accepted;
        CustomerEvent event = accepted ? ((HitOutcome.Accepted) outcome).event() : SAMPLE_EVENT;
        OfflineHttpClient http = new OfflineHttpClient(destinations.offlineAnswer());
        ClientSettings offline = new ClientSettings(region, http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
        InvocationMetrics metrics = new InvocationMetrics();
        DeliveryOutcome delivery;
        try (EventDestination destination = destinations.create(config, offline)) {
            delivery = destination.deliver(List.of(event), Deadline.after(Duration.ofSeconds(10)), metrics).get(0);
        }
        Writer discard = Writer.nullWriter();
        metrics.received(1);
        new EmfMetricsWriter("Priming", "priming", discard).write(metrics.snapshot(), Instant.now());
        StructuredLog discardLog = new StructuredLog(discard, new PersonalData(false), Clock.systemUTC());
        discardLog.messageNotDelivered("priming", "priming", "retry", "priming", "priming", event.endpointId());
        return new Result(accepted, delivery, http.requests());
    }
}
