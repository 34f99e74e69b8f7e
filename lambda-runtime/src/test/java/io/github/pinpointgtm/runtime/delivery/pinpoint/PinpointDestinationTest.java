package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationContract;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.HangingCalls;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.TestClients;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.HangingCalls;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

/** {@link PinpointDestination} against the Pinpoint stand-in; see {@link DestinationContract}. */
class PinpointDestinationTest extends DestinationContract<PinpointStandIn, PinpointClient> {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";

    PinpointDestinationTest() {
        super(new Service<>(() -> PinpointStandIn.start(APP_ID), TestClients::pinpoint,
                (client, concurrency, retries) -> new PinpointDestination(client, APP_ID, concurrency, retries),
                (pinpoint, byRequestNumber) -> pinpoint.faults(new FaultInjector() {
                    @Override
                    public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                        return byRequestNumber.apply(requestNumber);
                    }
                }), PinpointStandIn.throttle(), PinpointStandIn.serverError(), 100));
    }

    @Test
    void writesEachEventWithItsTypeTimestampAttributesMetricsSessionAndUserAttributes() {
        deliverAll(FULL, BARE);

        assertThat(standIn.acceptedEvents()).containsExactly(
                new RecordedEvent("endpoint-a", "req-1", "purchase", "2025-11-27T10:15:30.123Z",
                        Map.of("plan", "pro", "page", "/checkout", "note", "line one\nline two"), Map.of("value", 9.5), "session-1",
                        "2025-11-27T10:15:30.123Z", Map.of("tier", List.of("gold"))),
                new RecordedEvent("endpoint-b", "req-2", "purchase", "2025-11-27T10:15:30.123Z",
                        Map.of(), Map.of(), null, null, Map.of()));
        assertThat(observer.results).containsExactly("accepted");
    }

    @Test
    void sendsSeveralEventsOfOneEndpointInOneBatchAndAHitQueuedTwiceOnce() {
        List<CustomerEvent> events = List.of(event("req-1", "endpoint-a"), event("req-2", "endpoint-b"),
                event("req-3", "endpoint-a"), event("req-1", "endpoint-a"));

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED).hasSize(4);

        assertThat(standIn.requestCount()).isEqualTo(1);
        assertThat(standIn.acceptedEvents()).extracting(RecordedEvent::endpointId, RecordedEvent::eventId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("endpoint-a", "req-1"),
                        org.assertj.core.groups.Tuple.tuple("endpoint-a", "req-3"),
                        org.assertj.core.groups.Tuple.tuple("endpoint-b", "req-2"));
    }

    @Test
    void sendsAtMostOneHundredEventsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 250).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED).hasSize(250);

        assertThat(standIn.requestCount()).isEqualTo(3);
        assertThat(standIn.acceptedEvents()).hasSize(250);
        assertThat(standIn.protocolViolations()).isEmpty();
    }

    @Test
    void readsPerEventStatusCodes() {
        standIn.faults(new FaultInjector() {
            @Override
            public String rejectEvent(RecordedEvent event) {
                return event.eventId().equals("req-2") ? "Event type is invalid" : null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "a"), event("req-3", "b")));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED);
            assertThat(rejected.rejection().detail()).contains("400").contains("Event type is invalid");
        });
        assertThat(outcomes.get(2)).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void forbiddenOrUnknownApplicationKeepsEventsForRetryAndRaisesAConfigurationError() {
        standIn.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return RequestFault.status(403, "ForbiddenException");
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a")));

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isEqualTo("destination-misconfigured"));
        assertThat(observer.configurationStatuses).containsExactly(403);
    }

    @Test
    void aWholeRequest400IsSplitUntilTheBadEventIsIsolated() {
        standIn.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                boolean poisoned = events.stream().anyMatch(e -> e.eventId().equals("req-5"));
                return poisoned ? RequestFault.status(400, "BadRequestException") : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 8).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertThat(outcomes.get(i)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected ->
                        assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED));
            } else {
                assertThat(outcomes.get(i)).as("event %d", i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        // 8 -> 4+4 -> 2+2 -> 1+1: four requests contained the bad event, three halves without it were accepted.
        assertThat(standIn.answersByStatus()).containsEntry(400, 4).containsEntry(202, 3);
    }

    @Test
    void aSingleEventRefusedAsTooLargeIsALimitRejection() {
        standIn.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return RequestFault.status(413, "PayloadTooLargeException");
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a")));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED));
    }

    @Test
    void aRequestRefusedWhateverItHoldsIsSystemicEventsAreKeptAndOneConfigurationErrorRaised() {
        standIn.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return RequestFault.status(400, "BadRequestException");
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 100).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        assertThat(outcomes).hasSize(100).allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(
                DeliveryOutcome.Retryable.class, retry -> {
                    assertThat(retry.reason()).isEqualTo("destination-misconfigured");
                    assertThat(retry.detail()).contains("refused alike").contains("400");
                }));
        assertThat(observer.configurationStatuses).containsExactly(400);
        // Not 199 requests down to 100 single events: each half down its first halves (50, 25, 12, 6, 3), then those
        // three events alone.
        assertThat(standIn.requestCount()).isEqualTo(1 + 2 * (5 + 3));
        assertThat(standIn.refusedEvents()).isEmpty();
    }

    @Test
    void eventsAnswered429Or500InsideAnAcceptedRequestAreSentAgainAloneInTheSameCall() {
        java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        standIn.faults(new FaultInjector() {
            @Override
            public PinpointStandIn.EventFault failEvent(RecordedEvent event) {
                int attempt = attempts.merge(event.eventId(), 1, Integer::sum);
                return switch (event.eventId()) {
                    case "req-1" -> attempt <= 2 ? new PinpointStandIn.EventFault(429, "Too many requests") : null;
                    case "req-2" -> attempt == 1 ? new PinpointStandIn.EventFault(500, "Internal error") : null;
                    default -> null;
                };
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-0", "a"), event("req-1", "b"),
                event("req-2", "c")));

        assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(standIn.acceptedEvents()).extracting(RecordedEvent::eventId)
                .containsExactly("req-0", "req-2", "req-1");
        assertThat(standIn.requestCount()).isEqualTo(3);
        assertThat(time.pauses()).hasSize(2);
    }

    @Test
    void anEventStillThrottledAfterTheLastInCallRetryIsRetryable() {
        standIn.faults(new FaultInjector() {
            @Override
            public PinpointStandIn.EventFault failEvent(RecordedEvent event) {
                return event.eventId().equals("req-1") ? new PinpointStandIn.EventFault(429, "Too many requests") : null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-0", "a"), event("req-1", "b")));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retry -> assertThat(retry.reason()).isEqualTo("throttled"));
        assertThat(standIn.requestCount()).isEqualTo(1 + InCallRetries.MAX_RETRIES);
        assertThat(standIn.acceptedEvents()).extracting(RecordedEvent::eventId).containsExactly("req-0");
    }

    @Test
    void anEventOverThePerEventQuotaIsRejectedWithoutACall() {
        CustomerEvent huge = event("req-1", "a", Map.of("blob", "x".repeat(1_100_000)), Map.of(), null, Map.of());

        List<DeliveryOutcome> outcomes = deliver(List.of(huge, event("req-2", "b")));

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED));
        assertThat(outcomes.get(1)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(standIn.acceptedEvents()).extracting(RecordedEvent::eventId).containsExactly("req-2");
    }

    @Test
    void callsThatIgnoreTheirTimeoutCannotHoldDeliveryPastTheDeadline() {
        HangingCalls calls = new HangingCalls();
        PinpointClient hanging = new PinpointClient() {
            @Override
            public PutEventsResponse putEvents(PutEventsRequest request) {
                calls.hang();
                return PutEventsResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "pinpoint";
            }

            @Override
            public void close() {
            }
        };
        List<CustomerEvent> events = IntStream.range(0, 800).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        try (PinpointDestination eightAtATime = new PinpointDestination(hanging, APP_ID, 8); calls) {
            List<DeliveryOutcome> outcomes = eightAtATime.deliver(events, Deadline.after(Duration.ofMillis(300)), observer);

            assertThat(outcomes).hasSize(800).allSatisfy(outcome -> assertThat(outcome)
                    .isEqualTo(new DeliveryOutcome.Retryable("deadline-exceeded", "the PutEvents call did not finish in time")));
            assertThat(calls.started()).as("calls made").isPositive();
            assertThat(calls.returned()).as("calls that returned before delivery did").isZero();
        }
    }
}
