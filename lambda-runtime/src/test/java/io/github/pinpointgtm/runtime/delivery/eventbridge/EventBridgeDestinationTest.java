package io.github.pinpointgtm.runtime.delivery.eventbridge;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class EventBridgeDestinationTest {

    private static final String BUS_ARN = "arn:aws:events:eu-west-1:123456789012:event-bus/gtm-events";
    private static final String SOURCE = "io.github.pinpointgtm";
    private static final String DETAIL_TYPE = "GTM Customer Event";
    /** Time (14) + Source + DetailType, as EventBridge counts them. */
    private static final int ENTRY_OVERHEAD = 14 + SOURCE.length() + DETAIL_TYPE.length();

    private EventBridgeStandIn eventBridge;
    private EventBridgeClient client;
    private EventBridgeDestination destination;
    private final RecordingObserver observer = new RecordingObserver();
    private final SimulatedTime time = new SimulatedTime();

    @BeforeEach
    void start() {
        eventBridge = EventBridgeStandIn.start(BUS_ARN);
        client = client(eventBridge);
        destination = new EventBridgeDestination(client, BUS_ARN, SOURCE, DETAIL_TYPE, 4, time.retries(5));
    }

    @AfterEach
    void stop() {
        destination.close();
        client.close();
        eventBridge.close();
    }

    /** The processor's own client settings (standard retries, lean HTTP client), aimed at the stand-in. */
    static EventBridgeClient client(EventBridgeStandIn standIn) {
        return new ClientSettings(Region.EU_WEST_1, UrlConnectionHttpClient.create(), TestClients.DUMMY_CREDENTIALS)
                .configure(EventBridgeClient.builder().endpointOverride(standIn.endpoint()));
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer);
    }

    private void faults(FaultInjector injector) {
        eventBridge.faults(injector);
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

        assertThat(deliver(List.of(full, bare))).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);

        assertThat(eventBridge.protocolViolations()).isEmpty();
        assertThat(eventBridge.acceptedEntries()).containsExactly(
                new RecordedEntry(BUS_ARN, SOURCE, DETAIL_TYPE, CustomerEventJson.toJson(full), hitTime, List.of()),
                new RecordedEntry(BUS_ARN, SOURCE, DETAIL_TYPE, CustomerEventJson.toJson(bare), bare.timestamp(),
                        List.of()));
        eventBridge.acceptedEntries().forEach(entry -> EventJsonSchema.assertValid(entry.detail()));
        assertThat(eventBridge.requestCount()).isEqualTo(1);
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void addressesTheBusByNameToo() {
        try (EventBridgeDestination byName = new EventBridgeDestination(client, "gtm-events", "shop.web",
                "Hit", 1)) {
            assertThat(byName.deliver(List.of(event("req-1", "a")), Deadline.after(Duration.ofSeconds(10)), observer))
                    .containsExactly(DeliveryOutcome.DELIVERED);
        }
        assertThat(eventBridge.protocolViolations()).isEmpty();
        assertThat(eventBridge.acceptedEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.eventBusName()).isEqualTo("gtm-events");
            assertThat(entry.source()).isEqualTo("shop.web");
            assertThat(entry.detailType()).isEqualTo("Hit");
        });
    }

    @Test
    void sendsAtMostTenEntriesPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 25).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(25).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(eventBridge.entriesPerRequest()).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(eventBridge.acceptedEntries()).hasSize(25);
        assertThat(eventBridge.protocolViolations()).isEmpty();
    }

    @Test
    void countsTimeSourceAndDetailTypeTowardsTheRequestSizeLimit() {
        // Three of these entries total 262,146 bytes as EventBridge counts them: over the limit, although their
        // Details alone (3 x 87,329 bytes) would fit.
        List<CustomerEvent> events = IntStream.range(0, 3).mapToObj(i -> eventOfEntrySize("req-" + i, 87_382)).toList();

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(eventBridge.protocolViolations()).isEmpty();
        assertThat(eventBridge.entriesPerRequest()).containsExactlyInAnyOrder(2, 1);
        assertThat(eventBridge.requestSizes()).containsExactlyInAnyOrder(2 * 87_382L, 87_382L);
    }

    @Test
    void packsRequestsUpToJustBelow256KB() {
        // 262,143 bytes in all: one byte below the limit, so one request.
        List<CustomerEvent> events = List.of(eventOfEntrySize("req-1", 131_072), eventOfEntrySize("req-2", 131_071));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(eventBridge.requestSizes()).containsExactly(262_143L);
        assertThat(eventBridge.protocolViolations()).isEmpty();
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
        assertThat(eventBridge.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactlyInAnyOrder("req-1", "req-3");
        assertThat(eventBridge.requestSizes()).allSatisfy(size -> assertThat(size).isLessThan(262_144L));
        assertThat(eventBridge.protocolViolations()).isEmpty();
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

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertRetryable(outcomes.get(1), "throttled");
        assertRetryable(outcomes.get(2), "destination-error");
        assertRejected(outcomes.get(3), "MalformedDetail");
        assertRejected(outcomes.get(4), "InvalidArgument");
        assertRetryable(outcomes.get(5), "destination-misconfigured");
        assertRetryable(outcomes.get(6), "destination-misconfigured");
        assertRetryable(outcomes.get(7), "destination-error");
        assertThat(outcomes.get(8)).isEqualTo(DeliveryOutcome.DELIVERED);
        // Throttled and internally failed entries (and an unknown code) are sent again alone, up to the last retry.
        assertThat(eventBridge.entriesPerRequest()).containsExactly(9, 3, 3, 3, 3, 3, 3);
        assertThat(eventBridge.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
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
        assertThat(eventBridge.entriesPerRequest()).containsExactly(3, 1);
        assertThat(eventBridge.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
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
        assertThat(eventBridge.requestCount()).isLessThanOrEqualTo(1 + 2 * 4);
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
    void retriesThrottlingWithinTheCallAndDeliversWhenItPasses() {
        AtomicInteger throttled = new AtomicInteger();
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return throttled.getAndIncrement() < 1 ? RequestFault.status(400, "ThrottlingException") : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(eventBridge.answersByStatus()).containsEntry(400, 1).containsEntry(200, 1);
    }

    @Test
    void persistentThrottlingIsRetryableAfterTheSdkRetries() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.status(400, "ThrottlingException");
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertRetryable(outcome, "throttled"));
        // The standard retry mode makes 3 attempts per call; both events went in one call.
        assertThat(eventBridge.answersByStatus()).containsExactly(Map.entry(400, 3));
        assertThat(eventBridge.acceptedEntries()).isEmpty();
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.status(500, "InternalException");
            }
        });

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
        assertThat(eventBridge.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
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
        assertThat(eventBridge.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
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
        assertThat(eventBridge.requestCount()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.slow(Duration.ofSeconds(3));
            }
        });

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded"));
    }

    @Test
    void nothingIsSentWhenTheDeadlineHasPassed() {
        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ZERO), observer);

        assertRetryable(outcomes.get(0), "deadline-exceeded");
        assertThat(eventBridge.requestCount()).isZero();
    }

    @Test
    void aHitQueuedTwiceIsSentOnceAndBothMessagesGetItsResult() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).hasSize(3).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(eventBridge.acceptedEntries()).extracting(EventBridgeDestinationTest::eventIdOf)
                .containsExactly("req-1", "req-2");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCallsInFlight() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
                return RequestFault.slow(Duration.ofMillis(150));
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 100).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        try (EventBridgeDestination threeAtATime = new EventBridgeDestination(client, BUS_ARN, SOURCE, DETAIL_TYPE, 3)) {
            assertThat(threeAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer))
                    .hasSize(100).containsOnly(DeliveryOutcome.DELIVERED);
        }
        assertThat(eventBridge.requestCount()).isEqualTo(10);
        assertThat(eventBridge.maxConcurrentRequests()).isBetween(2, 3);
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
