package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

class PinpointDestinationTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";

    private PinpointStandIn pinpoint;
    private PinpointClient client;
    private PinpointDestination destination;
    private final RecordingObserver observer = new RecordingObserver();
    private final SimulatedTime time = new SimulatedTime();

    @BeforeEach
    void start() {
        pinpoint = PinpointStandIn.start(APP_ID);
        client = TestClients.pinpoint(pinpoint.endpoint());
        destination = new PinpointDestination(client, APP_ID, 4, time.retries(5));
    }

    @AfterEach
    void stop() {
        destination.close();
        client.close();
        pinpoint.close();
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    @Test
    void writesEachEventWithItsTypeTimestampAttributesMetricsSessionAndUserAttributes() {
        CustomerEvent full = event("req-1", "endpoint-a", Map.of("plan", "pro", "page", "/checkout"),
                Map.of("value", 9.5), "session-1", Map.of("tier", "gold"));
        CustomerEvent bare = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

        assertThat(deliver(List.of(full, bare))).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED);

        assertThat(pinpoint.protocolViolations()).isEmpty();
        assertThat(pinpoint.acceptedEvents()).containsExactly(
                new RecordedEvent("endpoint-a", "req-1", "purchase", "2025-11-27T10:15:30.123Z",
                        Map.of("plan", "pro", "page", "/checkout"), Map.of("value", 9.5), "session-1",
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

        assertThat(pinpoint.requestCount()).isEqualTo(1);
        assertThat(pinpoint.acceptedEvents()).extracting(RecordedEvent::endpointId, RecordedEvent::eventId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("endpoint-a", "req-1"),
                        org.assertj.core.groups.Tuple.tuple("endpoint-a", "req-3"),
                        org.assertj.core.groups.Tuple.tuple("endpoint-b", "req-2"));
    }

    @Test
    void sendsAtMostOneHundredEventsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 250).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).containsOnly(DeliveryOutcome.DELIVERED).hasSize(250);

        assertThat(pinpoint.requestCount()).isEqualTo(3);
        assertThat(pinpoint.acceptedEvents()).hasSize(250);
        assertThat(pinpoint.protocolViolations()).isEmpty();
    }

    @Test
    void readsPerEventStatusCodes() {
        pinpoint.faults(new FaultInjector() {
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
    void retriesThrottlingWithinTheCallAndDeliversWhenItPasses() {
        AtomicInteger throttled = new AtomicInteger();
        pinpoint.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return throttled.getAndIncrement() < 1 ? PinpointStandIn.throttle() : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(pinpoint.answersByStatus()).containsEntry(429, 1).containsEntry(202, 1);
    }

    @Test
    void persistentThrottlingIsRetryableAfterTheSdkRetries() {
        pinpoint.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return PinpointStandIn.throttle();
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(
                DeliveryOutcome.Retryable.class, retryable -> assertThat(retryable.reason()).isEqualTo("throttled")));
        // The standard retry mode makes 3 attempts per call; both events went in one call.
        assertThat(pinpoint.answersByStatus()).containsExactly(Map.entry(429, 3));
        assertThat(pinpoint.acceptedEvents()).isEmpty();
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        pinpoint.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return PinpointStandIn.serverError();
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a")));

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isEqualTo("destination-error"));
        assertThat(pinpoint.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        pinpoint.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
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

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isEqualTo("deadline-exceeded"));
        assertThat(pinpoint.requestCount()).isZero();
    }

    @Test
    void forbiddenOrUnknownApplicationKeepsEventsForRetryAndRaisesAConfigurationError() {
        pinpoint.faults(new FaultInjector() {
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
        pinpoint.faults(new FaultInjector() {
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
        assertThat(pinpoint.answersByStatus()).containsEntry(400, 4).containsEntry(202, 3);
    }

    @Test
    void aSingleEventRefusedAsTooLargeIsALimitRejection() {
        pinpoint.faults(new FaultInjector() {
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
        pinpoint.faults(new FaultInjector() {
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
        assertThat(pinpoint.requestCount()).isEqualTo(1 + 2 * (5 + 3));
        assertThat(pinpoint.refusedEvents()).isEmpty();
    }

    @Test
    void eventsAnswered429Or500InsideAnAcceptedRequestAreSentAgainAloneInTheSameCall() {
        java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        pinpoint.faults(new FaultInjector() {
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
        assertThat(pinpoint.acceptedEvents()).extracting(RecordedEvent::eventId)
                .containsExactly("req-0", "req-2", "req-1");
        assertThat(pinpoint.requestCount()).isEqualTo(3);
        assertThat(time.pauses()).hasSize(2);
    }

    @Test
    void anEventStillThrottledAfterTheLastInCallRetryIsRetryable() {
        pinpoint.faults(new FaultInjector() {
            @Override
            public PinpointStandIn.EventFault failEvent(RecordedEvent event) {
                return event.eventId().equals("req-1") ? new PinpointStandIn.EventFault(429, "Too many requests") : null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-0", "a"), event("req-1", "b")));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retry -> assertThat(retry.reason()).isEqualTo("throttled"));
        assertThat(pinpoint.requestCount()).isEqualTo(1 + InCallRetries.MAX_RETRIES);
        assertThat(pinpoint.acceptedEvents()).extracting(RecordedEvent::eventId).containsExactly("req-0");
    }

    @Test
    void anEventOverThePerEventQuotaIsRejectedWithoutACall() {
        CustomerEvent huge = event("req-1", "a", Map.of("blob", "x".repeat(1_100_000)), Map.of(), null, Map.of());

        List<DeliveryOutcome> outcomes = deliver(List.of(huge, event("req-2", "b")));

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED));
        assertThat(outcomes.get(1)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(pinpoint.acceptedEvents()).extracting(RecordedEvent::eventId).containsExactly("req-2");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCallsInFlight() {
        pinpoint.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
                return RequestFault.slow(Duration.ofMillis(150));
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 800).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();
        try (PinpointDestination threeAtATime = new PinpointDestination(client, APP_ID, 3)) {
            List<DeliveryOutcome> outcomes = threeAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer);
            assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED).hasSize(800);
        }
        assertThat(pinpoint.requestCount()).isEqualTo(8);
        assertThat(pinpoint.maxConcurrentRequests()).isBetween(2, 3);
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
