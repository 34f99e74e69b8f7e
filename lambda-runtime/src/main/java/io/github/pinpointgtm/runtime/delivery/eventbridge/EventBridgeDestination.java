package io.github.pinpointgtm.runtime.delivery.eventbridge;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.delivery.batch.PendingRecord;
import io.github.pinpointgtm.runtime.delivery.batch.RecordBatchDestination;
import io.github.pinpointgtm.runtime.delivery.batch.ServiceErrors;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes customer events to an Amazon EventBridge event bus with {@code PutEvents}.
 *
 * <p>Each event becomes one entry: {@code EventBusName} the configured bus (name or ARN), {@code Source} and
 * {@code DetailType} the configured values, {@code Detail} the event JSON
 * ({@link io.github.pinpointgtm.runtime.event.CustomerEventJson}, always a JSON object) and {@code Time} the hit's
 * timestamp, so rules, archives and replays see when the hit happened rather than when it was processed.
 *
 * <p>Limits: at most {@value #MAX_ENTRIES} entries per request, and the entries' total size, as EventBridge counts it
 * (14 bytes for {@code Time}, the UTF-8 bytes of {@code Source}, {@code DetailType} and {@code Detail}), below
 * 256 KB; an event that alone reaches that size is rejected ({@code limit-exceeded}) without a call.
 *
 * <p>EventBridge answers HTTP 200 when some entries failed: each entry carries an {@code EventId} or an
 * {@code ErrorCode}, and only the failed entries are retried or rejected (throttled and internally failed entries are
 * first retried within the invocation, see {@link InCallRetries}):
 *
 * <table>
 *   <caption>per-entry error codes</caption>
 *   <tr><th>{@code ErrorCode}</th><th>outcome</th></tr>
 *   <tr><td>{@code ThrottlingException}</td><td>retryable: {@code throttled}</td></tr>
 *   <tr><td>{@code InternalFailure}, and any code not listed here</td><td>retryable: {@code destination-error}</td></tr>
 *   <tr><td>{@code NotAuthorizedForSourceException}, {@code NotAuthorizedForDetailTypeException},
 *       {@code AccessDeniedException}, {@code InvalidAccountIdException}, {@code ResourceNotFoundException}</td>
 *       <td>retryable: {@code destination-misconfigured}, reported to {@link DeliveryObserver#configurationError}
 *       (once per code and request)</td></tr>
 *   <tr><td>{@code MalformedDetail}, {@code InvalidArgument}, {@code RedactionFailure},
 *       {@code ValidationException}</td><td>rejected: {@code destination-rejected} (dead-lettered)</td></tr>
 * </table>
 *
 * <p>A whole request's failure is mapped by {@link RecordBatchDestination} (throttling, 5xx, access denied,
 * validation errors split in halves).
 */
public final class EventBridgeDestination extends RecordBatchDestination {

    /**
     * {@code DESTINATION_TYPE=eventbridge}: Amazon EventBridge {@code PutEvents} to {@code EVENTBRIDGE_EVENT_BUS}, with
     * {@code EVENTBRIDGE_SOURCE} and {@code EVENTBRIDGE_DETAIL_TYPE}. The endpoint follows the SDK's standard
     * configuration ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code aws.endpointUrlEventBridge}).
     */
    public static final DestinationFactory FACTORY = new DestinationFactory(
            (config, clients, retries) -> new EventBridgeDestination(clients.configure(EventBridgeClient.builder()),
                    config.eventBridgeEventBus(), config.eventBridgeSource(), config.eventBridgeDetailType(),
                    config.deliveryConcurrency(), retries),
            EventBridgeOfflineAnswer::new);

    /** Entries per {@code PutEvents} request. */
    public static final int MAX_ENTRIES = 10;
    /** The entries of one request must total less than 256 KB as EventBridge counts them. */
    public static final long MAX_REQUEST_BYTES = 256 * 1024 - 1;
    /** What EventBridge counts for an entry's {@code Time}, whatever its value. */
    static final int TIME_BYTES = 14;

    /** Per-entry codes that mean this entry's content is refused for good. */
    private static final Set<String> REFUSED = Set.of(
            "MalformedDetail", "InvalidArgument", "RedactionFailure", "ValidationException");
    /** Per-entry codes that mean the deployment (permissions, bus, account) is wrong, not the event. */
    private static final Set<String> MISCONFIGURED = Set.of(
            "NotAuthorizedForSourceException", "NotAuthorizedForDetailTypeException", "AccessDeniedException",
            "InvalidAccountIdException", "ResourceNotFoundException");

    private final EventBridgeClient client;
    private final String eventBus;
    private final String source;
    private final String detailType;
    private final long fixedEntryBytes;

    /**
     * @param client      the EventBridge client (its region, credentials, endpoint and retry strategy are used as is)
     * @param eventBus    the event bus's name or ARN
     * @param source      every entry's {@code Source}
     * @param detailType  every entry's {@code DetailType}
     * @param concurrency how many {@code PutEvents} calls may be in flight at once
     */
    public EventBridgeDestination(EventBridgeClient client, String eventBus, String source, String detailType,
                                  int concurrency) {
        this(client, eventBus, source, detailType, concurrency, InCallRetries.standard());
    }

    /**
     * @param client      the EventBridge client (its region, credentials, endpoint and retry strategy are used as is)
     * @param eventBus    the event bus's name or ARN
     * @param source      every entry's {@code Source}
     * @param detailType  every entry's {@code DetailType}
     * @param concurrency how many {@code PutEvents} calls may be in flight at once
     * @param retries     how throttled and internally failed entries are retried within the invocation
     */
    public EventBridgeDestination(EventBridgeClient client, String eventBus, String source, String detailType,
                                  int concurrency, InCallRetries retries) {
        super("EventBridge", new BatchLimits(MAX_ENTRIES, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES), concurrency, retries);
        this.client = Objects.requireNonNull(client, "client");
        this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
        this.source = Objects.requireNonNull(source, "source");
        this.detailType = Objects.requireNonNull(detailType, "detailType");
        this.fixedEntryBytes = TIME_BYTES + utf8Length(source) + utf8Length(detailType);
    }

    /** EventBridge's own count: {@code Time} 14 bytes, then the UTF-8 bytes of Source, DetailType and Detail. */
    @Override
    protected long recordSize(CustomerEvent event, byte[] json) {
        return fixedEntryBytes + json.length;
    }

    @Override
    protected List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout, DeliveryObserver observer) {
        List<PutEventsRequestEntry> entries = new ArrayList<>(batch.size());
        for (PendingRecord record : batch) {
            entries.add(PutEventsRequestEntry.builder()
                    .eventBusName(eventBus)
                    .source(source)
                    .detailType(detailType)
                    .detail(new String(record.json(), StandardCharsets.UTF_8))
                    .time(record.event().timestamp())
                    .build());
        }
        PutEventsResponse response = client.putEvents(request -> request
                .entries(entries)
                .overrideConfiguration(o -> o.apiCallTimeout(apiCallTimeout)));
        return results(batch.size(), response, observer);
    }

    /** Reads one outcome per entry; reports each misconfiguration code once per response. */
    static List<DeliveryOutcome> results(int entries, PutEventsResponse response, DeliveryObserver observer) {
        List<PutEventsResultEntry> results = response.entries();
        if (results.size() != entries) {
            throw new IllegalStateException("EventBridge answered " + results.size() + " results for " + entries
                    + " entries");
        }
        int status = response.sdkHttpResponse() == null ? 200 : response.sdkHttpResponse().statusCode();
        List<DeliveryOutcome> outcomes = new ArrayList<>(entries);
        Set<String> reported = new HashSet<>();
        for (PutEventsResultEntry result : results) {
            String code = result.errorCode();
            if (code == null || code.isEmpty()) {
                outcomes.add(result.eventId() == null || result.eventId().isEmpty()
                        ? new DeliveryOutcome.Retryable("destination-error",
                                "EventBridge answered neither an event id nor an error code for the entry")
                        : DeliveryOutcome.DELIVERED);
                continue;
            }
            ServiceErrors.Kind kind = classify(code);
            String detail = "EventBridge refused the entry (" + code + "): "
                    + Objects.requireNonNullElse(result.errorMessage(), "");
            if (kind == ServiceErrors.Kind.MISCONFIGURED && reported.add(code)) {
                observer.configurationError(status, detail);
            }
            outcomes.add(ServiceErrors.outcome(kind, detail));
        }
        return outcomes;
    }

    /**
     * @param entryErrorCode a {@code PutEventsResultEntry}'s {@code ErrorCode}
     * @return what it means for that entry
     */
    static ServiceErrors.Kind classify(String entryErrorCode) {
        if (REFUSED.contains(entryErrorCode)) {
            return ServiceErrors.Kind.INVALID;
        }
        if (MISCONFIGURED.contains(entryErrorCode)) {
            return ServiceErrors.Kind.MISCONFIGURED;
        }
        // ThrottlingException, InternalFailure; an unknown code keeps the event for retry (SQS redrives it to the
        // dead-letter queue after maxReceiveCount receives if it never passes).
        return ServiceErrors.classify(0, entryErrorCode);
    }

    private static long utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
