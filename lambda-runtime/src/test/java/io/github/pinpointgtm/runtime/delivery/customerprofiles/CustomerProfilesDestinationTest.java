package io.github.pinpointgtm.runtime.delivery.customerprofiles;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertOutcomes;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.Faults;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn.RecordedObject;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.TestClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

/**
 * The Customer Profiles destination through the real SDK client (customerprofiles 2.40.2 on the BOM's newer core)
 * over HTTP to a local stand-in: this also proves that the older generated client marshals, signs and reads
 * errors correctly on that core.
 */
class CustomerProfilesDestinationTest {

    private static final String DOMAIN = "gtm-domain";
    private static final String OBJECT_TYPE = "GtmEvent_v1";

    private CustomerProfilesStandIn profiles;
    private CustomerProfilesClient client;
    private CustomerProfilesDestination destination;
    private final RecordingObserver observer = new RecordingObserver();

    @BeforeEach
    void start() {
        profiles = CustomerProfilesStandIn.start(DOMAIN, OBJECT_TYPE);
        client = new ClientSettings(Region.EU_WEST_1, UrlConnectionHttpClient.create(), TestClients.DUMMY_CREDENTIALS)
                .configure(CustomerProfilesClient.builder().endpointOverride(profiles.endpoint()));
        destination = new CustomerProfilesDestination(client, DOMAIN, OBJECT_TYPE, 4);
    }

    @AfterEach
    void stop() {
        destination.close();
        client.close();
        profiles.close();
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer);
    }

    private static String eventIdOf(RecordedObject object) {
        return (String) Json.parseObject(object.object()).get("eventId");
    }

    /** An event whose JSON is exactly {@code length} characters long, padded with {@code filler}. */
    private static CustomerEvent eventOfLength(String eventId, int length, String filler) {
        int withoutBlob = CustomerEventJson.toJson(blobEvent(eventId, "")).length();
        return blobEvent(eventId, filler.repeat((length - withoutBlob) / filler.length()));
    }

    private static CustomerEvent blobEvent(String eventId, String blob) {
        return event(eventId, "endpoint-" + eventId, Map.of("blob", blob), Map.of(), null, Map.of());
    }

    private void faults(FaultInjector injector) {
        profiles.faults(injector);
    }

    private void failEvents(Map<String, RequestFault> byEventId) {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return byEventId.getOrDefault(eventIdOf(object), RequestFault.NONE);
            }
        });
    }

    @Test
    void writesEachEventAsOneObjectOfTheObjectTypeInTheDomain() {
        CustomerEvent full = event("req-1", "endpoint-a", Map.of("plan", "pro"), Map.of("value", 9.5), "session-1",
                Map.of("tier", "gold"));
        CustomerEvent bare = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

        assertThat(deliver(List.of(full, bare))).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);

        assertThat(profiles.protocolViolations()).isEmpty();
        assertThat(profiles.requestCount()).isEqualTo(2);
        assertThat(profiles.acceptedObjects()).containsExactlyInAnyOrder(
                new RecordedObject(DOMAIN, OBJECT_TYPE, CustomerEventJson.toJson(full)),
                new RecordedObject(DOMAIN, OBJECT_TYPE, CustomerEventJson.toJson(bare)));
        profiles.acceptedObjects().forEach(object -> EventJsonSchema.assertValid(object.object()));
        assertThat(observer.results).containsExactly("accepted", "accepted");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCallsInFlight() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return RequestFault.slow(Duration.ofMillis(150));
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 12).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        try (CustomerProfilesDestination threeAtATime = new CustomerProfilesDestination(client, DOMAIN, OBJECT_TYPE, 3)) {
            assertThat(threeAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer))
                    .hasSize(12).containsOnly(DeliveryOutcome.DELIVERED);
        }
        assertThat(profiles.requestCount()).isEqualTo(12);
        assertThat(profiles.maxConcurrentRequests()).isBetween(2, 3);
    }

    @Test
    void anObjectAtTheLengthLimitIsSentAndOneCharacterMoreIsRejectedWithoutACall() {
        CustomerEvent longest = eventOfLength("req-1", 256_000, "x");
        CustomerEvent tooLong = eventOfLength("req-2", 256_001, "x");
        assertThat(CustomerEventJson.toJson(longest)).hasSize(256_000);
        assertThat(CustomerEventJson.toJson(tooLong)).hasSize(256_001);

        List<DeliveryOutcome> outcomes = deliver(List.of(longest, tooLong));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED);
            assertThat(rejected.rejection().detail()).contains("256001").contains("256000");
        });
        assertThat(profiles.requestCount()).isEqualTo(1);
        assertThat(profiles.protocolViolations()).isEmpty();
    }

    @Test
    void theLengthLimitCountsCharactersNotUtf8Bytes() {
        // 'é' is two UTF-8 bytes but one character: 256,000 characters are ~500,000 bytes and still one valid Object.
        CustomerEvent accented = eventOfLength("req-1", 256_000, "é");

        assertThat(deliver(List.of(accented))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(profiles.acceptedObjects()).singleElement()
                .satisfies(object -> assertThat(object.object()).hasSize(256_000));
        assertThat(profiles.protocolViolations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "é", "€uro", "😀 emoji", "a😀b€cé\u0000"})
    void countsUtf16CodeUnitsFromUtf8Bytes(String text) {
        assertThat(CustomerProfilesDestination.utf16Length(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(text.length());
    }

    @Test
    void aBadRequestRejectsOnlyThatEventWithOneCall() {
        failEvents(Map.of("req-2", Faults.badRequest()));

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b"), event("req-3", "c")));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED);
            assertThat(rejected.rejection().detail()).contains("400").contains("BadRequestException");
        });
        assertThat(outcomes.get(2)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(profiles.answersByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(200, 2, 400, 1));
        assertThat(profiles.acceptedObjects()).extracting(CustomerProfilesDestinationTest::eventIdOf)
                .containsExactlyInAnyOrder("req-1", "req-3");
        assertThat(observer.configurationStatuses).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"403, AccessDeniedException", "404, ResourceNotFoundException"})
    void aRefusedOrUnknownDomainOrObjectTypeKeepsEventsForRetryAndRaisesAConfigurationError(int status,
                                                                                            String errorType) {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return RequestFault.status(status, errorType);
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a")));

        assertRetryable(outcomes.get(0), "destination-misconfigured");
        assertThat(observer.configurationStatuses).containsExactly(status);
        assertThat(observer.configurationErrors).singleElement().asString().contains(errorType);
        assertThat(profiles.requestCount()).isEqualTo(1);
    }

    @Test
    void onlyTheFailedCallsOfABatchAreRetriedOrRejected() {
        failEvents(Map.of(
                "req-1", Faults.throttle(),
                "req-2", Faults.serverError(),
                "req-3", Faults.badRequest(),
                "req-4", Faults.accessDenied()));
        List<CustomerEvent> events = IntStream.range(0, 6).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        assertOutcomes(outcomes, "delivered", "retryable throttled", "retryable destination-error",
                "rejected destination-rejected", "retryable destination-misconfigured", "delivered");
        assertThat(profiles.acceptedObjects()).extracting(CustomerProfilesDestinationTest::eventIdOf)
                .containsExactlyInAnyOrder("req-0", "req-5");
        // 429 and 500 are retried by the SDK (3 attempts each); 400 and 403 are not.
        assertThat(profiles.answersByStatus())
                .containsExactlyInAnyOrderEntriesOf(Map.of(200, 2, 429, 3, 500, 3, 400, 1, 403, 1));
    }

    @Test
    void retriesThrottlingWithinTheCallAndDeliversWhenItPasses() {
        AtomicInteger throttled = new AtomicInteger();
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return throttled.getAndIncrement() < 2 ? Faults.throttle() : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(profiles.answersByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(429, 2, 200, 1));
    }

    @Test
    void persistentThrottlingAndServerErrorsAreRetryableAfterTheSdkRetries() {
        failEvents(Map.of("req-1", Faults.throttle(), "req-2", Faults.serverError()));

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertOutcomes(outcomes, "retryable throttled", "retryable destination-error");
        assertThat(profiles.answersByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of(429, 3, 500, 3));
        assertThat(observer.results).containsExactlyInAnyOrder("status-429", "status-500");
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, RecordedObject object) {
                return RequestFault.slow(Duration.ofSeconds(3));
            }
        });

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a"), event("req-2", "b")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(
                DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded")));
    }

    @Test
    void nothingIsSentWhenTheDeadlineHasPassed() {
        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ZERO), observer);

        assertRetryable(outcomes.get(0), "deadline-exceeded");
        assertThat(profiles.requestCount()).isZero();
    }

    @Test
    void aHitQueuedTwiceIsWrittenOnceAndBothMessagesGetItsResult() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).hasSize(3).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(profiles.acceptedObjects()).extracting(CustomerProfilesDestinationTest::eventIdOf)
                .containsExactlyInAnyOrder("req-1", "req-2");
    }

}
