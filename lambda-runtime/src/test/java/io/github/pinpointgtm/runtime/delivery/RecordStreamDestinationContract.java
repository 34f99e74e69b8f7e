package io.github.pinpointgtm.runtime.delivery;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRejected;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.FaultInjector.everyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import io.github.pinpointgtm.runtime.testsupport.SizedEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every record-stream destination (Kinesis {@code PutRecords}, Firehose {@code PutRecordBatch}) does alike,
 * through the real SDK client against the service's stand-in: request limits, per-record retries within the call,
 * whole-request throttling, server errors, invalid requests, misconfiguration, deadlines and duplicate hits. Each
 * destination's test extends it with the service's codes and limits and adds what only that service does.
 */
public abstract class RecordStreamDestinationContract {

    protected final RecordingObserver observer = new RecordingObserver();
    protected final SimulatedTime time = new SimulatedTime();
    protected RecordStreamStandIn stream;
    protected EventDestination destination;

    /** @return the service's stand-in, started */
    protected abstract RecordStreamStandIn startStandIn();

    /**
     * @param endpoint the stand-in's endpoint
     * @param retries  the in-call retries the destination must use
     * @return the destination under test, sending through a client of its own to {@code endpoint}
     */
    protected abstract EventDestination openDestination(URI endpoint, InCallRetries retries);

    /** Closes the client {@link #openDestination} built. */
    protected abstract void closeClient();

    /** @return the destination's batch limits */
    protected abstract BatchLimits limits();

    /**
     * @param endpointId an event's endpoint id
     * @return the bytes the destination adds to the event JSON in a record and the service counts towards its limits
     */
    protected abstract int framingBytes(String endpointId);

    /** @return the service's per-record error code that asks to back off */
    protected abstract String throttledRecordCode();

    /** @return the service's throttling answer to a whole request */
    protected abstract RequestFault throttle();

    /** @return the service's internal failure answer to a whole request */
    protected abstract RequestFault serverError();

    /** @return the error code with which the service refuses a request it finds invalid (HTTP 400) */
    protected abstract String invalidRequestCode();

    /** @return the error codes (HTTP 400) that say the destination is misconfigured */
    protected abstract List<String> misconfigurationCodes();

    @BeforeEach
    void startDestination() {
        stream = startStandIn();
        destination = openDestination(stream.endpoint(), time.retries(5));
    }

    @AfterEach
    void stopDestination() {
        destination.close();
        closeClient();
        stream.close();
    }

    protected List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    private static boolean hasEndpoint(ReceivedRecord record, String endpointId) {
        return record.text().contains("\"endpointId\":\"" + endpointId + "\"");
    }

    @Test
    void sendsAtMostFiveHundredRecordsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 1_234).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(1_234).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(stream.recordsPerRequest()).containsExactlyInAnyOrder(500, 500, 234);
        assertThat(stream.acceptedRecords()).hasSize(1_234);
        assertThat(stream.protocolViolations()).isEmpty();
    }

    @Test
    void packsRequestsUpToTheRequestSizeLimitCountingWhatFramesEachRecord() {
        // Records of a size of which perRequest fit in one request and one more does not.
        int perRequest = (int) (limits().maxRequestBytes() / limits().maxRecordBytes()) + 1;
        long recordBytes = limits().maxRequestBytes() / perRequest;
        assertThat(recordBytes * (perRequest + 1)).isGreaterThan(limits().maxRequestBytes());
        int count = 2 * perRequest + 1;
        List<CustomerEvent> events = IntStream.range(0, count).mapToObj(i -> SizedEvents.withJsonSize("req-" + i,
                "endpoint-" + i, (int) recordBytes - framingBytes("endpoint-" + i))).toList();

        assertThat(deliver(events)).hasSize(count).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(stream.protocolViolations()).isEmpty();
        assertThat(stream.recordsPerRequest()).containsExactlyInAnyOrder(perRequest, perRequest, 1);
        assertThat(stream.sizePerRequest()).allSatisfy(size ->
                assertThat(size).isLessThanOrEqualTo(limits().maxRequestBytes()));
    }

    @Test
    void aRecordOverTheRecordSizeLimitWithItsFramingIsRejectedWithoutACall() {
        String endpointId = "endpoint-k";
        int largestJson = (int) limits().maxRecordBytes() - framingBytes(endpointId);
        CustomerEvent fits = SizedEvents.withJsonSize("req-1", endpointId, largestJson);
        CustomerEvent oneByteOver = SizedEvents.withJsonSize("req-2", endpointId, largestJson + 1);

        List<DeliveryOutcome> outcomes = deliver(List.of(oneByteOver, fits));

        assertRejected(outcomes.get(0), RejectionReason.LIMIT_EXCEEDED);
        assertThat(((DeliveryOutcome.Rejected) outcomes.get(0)).rejection().detail())
                .contains((limits().maxRecordBytes() + 1) + " bytes").contains(String.valueOf(limits().maxRecordBytes()));
        assertThat(outcomes.get(1)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(stream.requestCount()).isEqualTo(1);
        assertThat(stream.sizePerRequest()).containsExactly(limits().maxRecordBytes());
        assertThat(stream.protocolViolations()).isEmpty();
    }

    @Test
    void aRecordTheServiceAsksToBackOffFromIsSentAgainAloneInTheSameCallAndDelivered() {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        stream.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                if (hasEndpoint(record, "hot")) {
                    return attempts.merge("hot", 1, Integer::sum) <= 2
                            ? new RecordFault(throttledRecordCode(), "Slow down.") : null;
                }
                if (hasEndpoint(record, "unlucky")) {
                    return attempts.merge("unlucky", 1, Integer::sum) == 1
                            ? new RecordFault("InternalFailure", "Internal service failure.") : null;
                }
                return null;
            }
        });

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "fine"), event("req-2", "hot"),
                event("req-3", "unlucky")));

        assertThat(outcomes).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(stream.recordsPerRequest()).containsExactly(3, 2, 1);
        assertThat(stream.acceptedRecords()).satisfiesExactly(first -> assertThat(hasEndpoint(first, "fine")).isTrue(),
                second -> assertThat(hasEndpoint(second, "unlucky")).isTrue(),
                third -> assertThat(hasEndpoint(third, "hot")).isTrue());
        assertThat(time.pauses()).hasSize(2).allSatisfy(pause ->
                assertThat(pause).isLessThanOrEqualTo(InCallRetries.ceiling(2)));
    }

    @Test
    void anUnknownPerRecordErrorCodeIsRetriedNeverDropped() {
        stream.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return new RecordFault("SomethingNewException", "a code this version does not know");
            }
        });

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
    }

    @Test
    void throttlingThatPassesIsRetriedWithinTheCall() {
        AtomicInteger throttled = new AtomicInteger();
        stream.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                return throttled.getAndIncrement() < 1 ? throttle() : RequestFault.NONE;
            }
        });

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(stream.answersByStatus()).containsEntry(throttle().status(), 1).containsEntry(200, 1);
    }

    @Test
    void persistentThrottlingIsRetryableAfterTheSdkRetries() {
        stream.faults(everyRequest(throttle()));

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertRetryable(outcome, "throttled"));
        // The standard retry mode makes 3 attempts per call; both records went in one call.
        assertThat(stream.answersByStatus()).containsExactly(Map.entry(throttle().status(), 3));
        assertThat(stream.acceptedRecords()).isEmpty();
        assertThat(observer.results).containsExactly("status-" + throttle().status());
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        stream.faults(everyRequest(serverError()));

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
        assertThat(stream.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
    }

    @Test
    void aWholeRequestTheServiceFindsInvalidIsSplitUntilTheBadRecordIsIsolated() {
        stream.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                boolean poisoned = records.stream().anyMatch(r -> r.text().contains("\"eventId\":\"req-5\""));
                return poisoned ? RequestFault.status(400, invalidRequestCode()) : RequestFault.NONE;
            }
        });
        List<CustomerEvent> events = IntStream.range(0, 8).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        List<DeliveryOutcome> outcomes = deliver(events);

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertRejected(outcomes.get(i), RejectionReason.DESTINATION_REJECTED);
                assertThat(((DeliveryOutcome.Rejected) outcomes.get(i)).rejection().detail())
                        .contains(invalidRequestCode());
            } else {
                assertThat(outcomes.get(i)).as("event %d", i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        // 8 -> 4+4 -> 2+2 -> 1+1: four requests held the bad record, three halves without it were written.
        assertThat(stream.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
        assertThat(stream.acceptedRecords()).hasSize(7);
    }

    @Test
    void misconfigurationKeepsRecordsForRetryAndRaisesAConfigurationError() {
        for (String code : misconfigurationCodes()) {
            observer.configurationErrors.clear();
            stream.faults(everyRequest(RequestFault.status(400, code)));

            List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

            assertThat(outcomes).as(code).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
            assertThat(observer.configurationErrors).as(code).singleElement().asString().contains(code);
        }
        // Never split, never retried by the SDK: one request per attempt.
        assertThat(stream.requestCount()).isEqualTo(misconfigurationCodes().size());
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        stream.faults(everyRequest(RequestFault.slow(Duration.ofSeconds(3))));

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded"));
    }

    @Test
    void aHitQueuedTwiceInOneBatchIsWrittenOnce() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED,
                DeliveryOutcome.DELIVERED);

        assertThat(stream.recordsPerRequest()).containsExactly(2);
        assertThat(stream.acceptedRecords()).extracting(ReceivedRecord::text)
                .satisfiesExactly(first -> assertThat(first).contains("\"eventId\":\"req-1\""),
                        second -> assertThat(second).contains("\"eventId\":\"req-2\""));
    }
}
