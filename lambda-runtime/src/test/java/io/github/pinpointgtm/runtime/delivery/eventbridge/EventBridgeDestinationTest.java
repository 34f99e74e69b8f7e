package io.github.pinpointgtm.runtime.delivery.eventbridge;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertOutcomes;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationContract;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.event.RequestContext;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.EntryError;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.EventBridgeStandIn.RecordedEntry;
import io.github.pinpointgtm.testkit.EventBridgeStandIn;
import io.github.pinpointgtm.testkit.TestClients;
import io.github.pinpointgtm.testkit.TestClients;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@link EventBridgeDestination} against the EventBridge stand-in; see {@link DestinationContract}. */
class EventBridgeDestinationTest extends DestinationContract<EventBridgeStandIn, EventBridgeClient> {

    private static final String BUS_ARN = "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events";
    private static final String SOURCE = "io.github.pinpointgtm";
    private static final String DETAIL_TYPE = "GTM Customer Event";
    /** Time (14) + Source + DetailType, as EventBridge counts them. */
    private static final int ENTRY_OVERHEAD = 14 + SOURCE.length() + DETAIL_TYPE.length();

    EventBridgeDestinationTest() {
        super(new Service<>(() -> EventBridgeStandIn.start(BUS_ARN), EventBridgeDestinationTest::client,
                (client, concurrency, retries) -> new EventBridgeDestination(client, BUS_ARN, SOURCE, DETAIL_TYPE,
                        concurrency, retries),
                EventBridgeDestinationTest::failRequests, RequestFault.status(400, "ThrottlingException"),
                RequestFault.status(500, "InternalException"), 10));
    }

    private static void failRequests(EventBridgeStandIn eventBridge, IntFunction<RequestFault> byRequestNumber) {
        eventBridge.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return byRequestNumber.apply(requestNumber);
            }
        });
    }

    /** The processor's own client settings (standard retries, lean HTTP client), aimed at the stand-in. */
    static EventBridgeClient client(URI endpoint) {
        return new ClientSettings(Region.EU_WEST_1, UrlConnectionHttpClient.create(), TestClients.DUMMY_CREDENTIALS)
                .configure(EventBridgeClient.builder().endpointOverride(endpoint));
    }

    private void faults(FaultInjector injector) {
        standIn.faults(injector);
    }

    /** An event whose entry is exactly {@code entrySize} bytes as EventBridge counts them. */
    private static CustomerEvent eventOfEntrySize(String eventId, long entrySize) {
        long withoutBlob = ENTRY_OVERHEAD + CustomerEventJson.toBytes(blobEvent(eventId, "")).length;
        return blobEvent(eventId, "x".repeat((int) (entrySize - withoutBlob)));
    }

    private static CustomerEvent blobEvent(String eventId, String blob) {
        return event(eventId, "endpoint-" + eventId, Map.of("blob", blob), Map.of(), null, Map.of());
    }

    private static String eventIdOf(RecordedEntry entry) {
        return (String) io.github.pinpointgtm.testkit.Json.parseObject(entry.detail()).get("eventId");
    }

    @Test
    void writesEachEventAsAnEntryOfTheBusWithTheSourceDetailTypeHitTimeAndTheEventJsonAsDetail() {
        Instant hitTime = Instant.parse("2025-11-27T09:59:58.250Z");
        CustomerEvent full = new CustomerEvent("req-1", "purchase", hitTime, "endpoint-a",
                Map.of("plan", "pro"), Map.of("value", 9.5), "session-1", Map.of("tier", "gold"),
                new RequestContext(Instant.parse("2025-11-27T10:15:30.123Z"), "GET", "Mozilla/5.0",
                        "https://www.example.com", "", ""));
        CustomerEvent bare = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

        deliverAll(full, bare);

        assertThat(standIn.acceptedEntries()).containsExactly(
                new RecordedEntry(BUS_ARN, SOURCE, DETAIL_TYPE, CustomerEventJson.toJson(full), hitTime, List.of()),
                new RecordedEntry(BUS_ARN, SOURCE, DETAIL_TYPE, CustomerEventJson.toJson(bare), bare.timestamp(),
                        List.of()));
        standIn.acceptedEntries().forEach(entry -> EventJsonSchema.assertValid(entry.detail()));
        assertThat(standIn.requestCount()).isEqualTo(1);
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void addressesTheBusByNameToo() {
        try (EventBridgeDestination byName = new EventBridgeDestination(client, "gtm-events", "shop.web",
                "Hit", 1)) {
            assertThat(byName.deliver(List.of(event("req-1", "a")), Deadline.after(Duration.ofSeconds(10)), observer))
                    .containsExactly(DeliveryOutcome.DELIVERED);
        }
        assertThat(standIn.protocolViolations()).isEmpty();
        assertThat(standIn.acceptedEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.eventBusName()).isEqualTo("gtm-events");
            assertThat(entry.source()).isEqualTo("shop.web");
            assertThat(entry.detailType()).isEqualTo("Hit");
        });
    }

    @Test
    void sendsAtMostTenEntriesPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 25).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(25).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.entriesPerRequest()).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(standIn.acceptedEntries()).hasSize(25);
        assertThat(standIn.protocolViolations()).isEmpty();
    }

    @Test
    void countsTimeSourceAndDetailTypeTowardsTheRequestSizeLimit() {
        // Three of these entries total 262,146 bytes as EventBridge counts them: over the limit, although their
        // Details alone (3 x 87,329 bytes) would fit.
        List<CustomerEvent> events = IntStream.range(0, 3).mapToObj(i -> eventOfEntrySize("req-" + i, 87_382)).toList();

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.protocolViolations()).isEmpty();
        assertThat(standIn.entriesPerRequest()).containsExactlyInAnyOrder(2, 1);
        assertThat(standIn.requestSizes()).containsExactlyInAnyOrder(2 * 87_382L, 87_382L);
    }

    @Test
    void packsRequestsUpToJustBelow256KB() {
        // 262,143 bytes in all: one byte below the limit, so one request.
        List<CustomerEvent> events = List.of(eventOfEntrySize("req-1", 131_072), eventOfEntrySize("req-2", 131_071));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.requestSizes()).containsExactly(262_143L);
        assertThat(standIn.protocolViolations()).isEmpty();
    }

    @Test
    void anEntryAtTheLimitIsSentAloneAndOneByteMoreIsRejectedWithoutACall() {
        CustomerEvent largest = eventOfEntrySize("req-1", 262_143);
        CustomerEvent tooLarge = eventOfEntrySize("req-2", 262_144);

        List<DeliveryOutcome> outcomes = deliver(List.of(largest, tooLarge, event("req-3", "c")));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED);
            assertThat(rejected.rejection().detail()).contains("262144").contains("262143");
        });
        assertThat(outcomes.get(2)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(standIn.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactlyInAnyOrder("req-1", "req-3");
        assertThat(standIn.requestSizes()).allSatisfy(size -> assertThat(size).isLessThan(262_144L));
        assertThat(standIn.protocolViolations()).isEmpty();
    }

    @Test
    void readsPerEntryErrorCodesAndRetriesOrRejectsOnlyTheFailedEntries() {
        Map<String, String> codes = Map.of(
                "req-1", "ThrottlingException",
                "req-2", "InternalFailure",
                "req-3", "MalformedDetail",
                "req-4", "InvalidArgument",
                "req-5", "NotAuthorizedForSourceException",
                "req-6", "NotAuthorizedForDetailTypeException",
                "req-7", "SomethingNewException");
        faults(new FaultInjector() {
            @Override
            public EntryError failEntry(RecordedEntry entry) {
                String code = codes.get(eventIdOf(entry));
                return code == null ? null : new EntryError(code, "injected " + code);
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 9).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        assertOutcomes(outcomes, "delivered", "retryable throttled", "retryable destination-error",
                "rejected destination-rejected", "rejected destination-rejected", "retryable destination-misconfigured",
                "retryable destination-misconfigured", "retryable destination-error", "delivered");
        assertRejected(outcomes.get(3), "MalformedDetail");
        assertRejected(outcomes.get(4), "InvalidArgument");
        // Throttled and internally failed entries (and an unknown code) are sent again alone, up to the last retry.
        assertThat(standIn.entriesPerRequest()).containsExactly(9, 3, 3, 3, 3, 3, 3);
        assertThat(standIn.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactly("req-0", "req-8");
        assertThat(observer.configurationErrors).containsExactlyInAnyOrder(
                "EventBridge refused the entry (NotAuthorizedForSourceException): injected NotAuthorizedForSourceException",
                "EventBridge refused the entry (NotAuthorizedForDetailTypeException): injected NotAuthorizedForDetailTypeException");
    }

    @Test
    void aThrottledEntryIsSentAgainAloneInTheSameCallAndDelivered() {
        AtomicInteger throttledAttempts = new AtomicInteger();
        faults(new FaultInjector() {
            @Override
            public EntryError failEntry(RecordedEntry entry) {
                return eventIdOf(entry).equals("req-1") && throttledAttempts.incrementAndGet() == 1
                        ? new EntryError("ThrottlingException", "Rate exceeded") : null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-0", "a"), event("req-1", "b"), event("req-2", "c")));

        assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(standIn.entriesPerRequest()).containsExactly(3, 1);
        assertThat(standIn.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactly("req-0", "req-2", "req-1");
        assertThat(time.pauses()).singleElement().satisfies(pause ->
                assertThat(pause).isLessThanOrEqualTo(InCallRetries.BASE));
    }

    @Test
    void aRequestRefusedAsInvalidWhateverItHoldsIsSystemicNotTenDeadLetters() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.status(400, "ValidationException");
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 10).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        assertThat(outcomes).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
        assertThat(observer.configurationErrors).singleElement().asString().contains("ValidationException");
        assertThat(standIn.requestCount()).isLessThanOrEqualTo(1 + 2 * 4);
    }

    @Test
    void onePoisonedEntryAmongGoodOnesIsStillIsolatedAndRejected() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return entries.stream().anyMatch(entry -> eventIdOf(entry).equals("req-6"))
                        ? RequestFault.status(400, "ValidationException") : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 10).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 10; i++) {
            if (i == 6) {
                assertRejected(outcomes.get(i), "ValidationException");
            } else {
                assertThat(outcomes.get(i)).as("req-" + i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void aMisconfigurationOfEveryEntryIsReportedOncePerRequest() {
        faults(new FaultInjector() {
            @Override
            public EntryError failEntry(RecordedEntry entry) {
                return new EntryError("AccessDeniedException", "not authorized");
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 10).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
        assertThat(observer.configurationErrors).hasSize(1);
        assertThat(observer.configurationStatuses).containsExactly(200);
    }

    @Test
    void aWholeRequestValidationErrorIsSplitUntilTheBadEventIsIsolated() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                boolean poisoned = entries.stream().anyMatch(e -> eventIdOf(e).equals("req-5"));
                return poisoned ? RequestFault.status(400, "ValidationException") : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 8).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertRejected(outcomes.get(i), "ValidationException");
            } else {
                assertThat(outcomes.get(i)).as("event %d", i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        // 8 -> 4+4 -> 2+2 -> 1+1: four requests contained the bad event, three halves without it were accepted.
        assertThat(standIn.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDeniedException", "ResourceNotFoundException", "UnrecognizedClientException"})
    void aRefusedOrUnknownBusKeepsEventsForRetryAndRaisesAConfigurationError(String errorType) {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.status(400, errorType);
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
        assertThat(observer.configurationStatuses).containsExactly(400);
        assertThat(observer.configurationErrors).singleElement().asString().contains(errorType);
        // Not split (the events are not at fault) and not retried by the SDK.
        assertThat(standIn.requestCount()).isEqualTo(1);
    }

    @Test
    void aHitQueuedTwiceIsSentOnceAndBothMessagesGetItsResult() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).hasSize(3).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactly("req-1", "req-2");
    }

    @Test
    void theOfflineAnswerHasOneEventIdPerEntry() {
        String request = "{\"Entries\":[{\"Source\":\"s\",\"Detail\":\"{\\\"a\\\":[1,{\\\"b\\\":2}]}\"},"
                + "{\"Source\":\"s\",\"Resources\":[\"r1\",\"r2\"]},{}],\"EndpointId\":\"x\"}";

        assertThat(EventBridgeOfflineAnswer.acceptEverything(request.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"offline-0\"},{\"EventId\":\"offline-1\"},"
                        + "{\"EventId\":\"offline-2\"}]}");
    }

    private static void assertRejected(DeliveryOutcome outcome, String code) {
        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED);
            assertThat(rejected.rejection().detail()).contains(code);
        });
    }

}
