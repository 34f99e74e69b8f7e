package io.github.pinpointgtm.runtime.delivery;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRejected;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector.everyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.RecordStreamStandIn;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.FaultInjector;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.RecordFault;
import io.github.pinpointgtm.runtime.testsupport.SizedEvents;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What every record-stream destination (Kinesis {@code PutRecords}, Firehose {@code PutRecordBatch}) does alike,
 * through the real SDK client against the service's stand-in, besides what {@link DestinationContract} checks:
 * request and record size limits, per-record retries within the call, invalid requests, misconfiguration and
 * duplicate hits. Each destination's test extends it with the service's codes and limits and adds what only that
 * service does.
 */
public abstract class RecordStreamDestinationContract<C extends SdkAutoCloseable>
        extends DestinationContract<RecordStreamStandIn, C> {

    /**
     * What a record-stream service counts and answers.
     *
     * @param limits                the destination's batch limits
     * @param framingBytes          the bytes the destination adds to the event JSON of an endpoint's record and the
     *                              service counts towards its limits
     * @param throttle              the service's throttling answer to a whole request
     * @param serverError           the service's internal failure answer to a whole request (HTTP 500)
     * @param throttledRecordCode   the service's per-record error code that asks to back off
     * @param invalidRequestCode    the error code with which the service refuses a request it finds invalid (HTTP 400)
     * @param misconfigurationCodes the error codes (HTTP 400) that say the destination is misconfigured
     */
    public record RecordService(BatchLimits limits, ToIntFunction<String> framingBytes, RequestFault throttle,
                                RequestFault serverError, String throttledRecordCode, String invalidRequestCode,
                                List<String> misconfigurationCodes) {
    }

    private final RecordService recordService;

    /**
     * @param standIn     starts the service's stand-in
     * @param client      builds the client to the stand-in's endpoint
     * @param destination opens the destination on the client
     * @param records     what the service counts and answers
     */
    protected RecordStreamDestinationContract(Supplier<RecordStreamStandIn> standIn, Function<URI, C> client,
                                              DestinationOnClient<C> destination, RecordService records) {
        super(new Service<>(standIn, client, destination, RecordStreamDestinationContract::failRequests,
                records.throttle(), records.serverError(), records.limits().maxRecords()));
        this.recordService = records;
    }

    private static void failRequests(RecordStreamStandIn standIn, IntFunction<RequestFault> byRequestNumber) {
        standIn.faults(new FaultInjector() {
            @Override
            public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                return byRequestNumber.apply(requestNumber);
            }
        });
    }

    private BatchLimits limits() {
        return recordService.limits();
    }

    private int framingBytes(String endpointId) {
        return recordService.framingBytes().applyAsInt(endpointId);
    }

    private String invalidRequestCode() {
        return recordService.invalidRequestCode();
    }

    private static boolean hasEndpoint(ReceivedRecord record, String endpointId) {
        return record.text().contains("\"endpointId\":\"" + endpointId + "\"");
    }

    @Test
    void sendsAtMostFiveHundredRecordsPerRequest() {
        List<CustomerEvent> events = IntStream.range(0, 1_234).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        assertThat(deliver(events)).hasSize(1_234).containsOnly(DeliveryOutcome.DELIVERED);

        assertThat(standIn.recordsPerRequest()).containsExactlyInAnyOrder(500, 500, 234);
        assertThat(standIn.acceptedRecords()).hasSize(1_234);
        assertThat(standIn.protocolViolations()).isEmpty();
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

        assertThat(standIn.protocolViolations()).isEmpty();
        assertThat(standIn.recordsPerRequest()).containsExactlyInAnyOrder(perRequest, perRequest, 1);
        assertThat(standIn.sizePerRequest()).allSatisfy(size ->
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
        assertThat(standIn.requestCount()).isEqualTo(1);
        assertThat(standIn.sizePerRequest()).containsExactly(limits().maxRecordBytes());
        assertThat(standIn.protocolViolations()).isEmpty();
    }

    @Test
    void aRecordTheServiceAsksToBackOffFromIsSentAgainAloneInTheSameCallAndDelivered() {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        standIn.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                if (hasEndpoint(record, "hot")) {
                    return attempts.merge("hot", 1, Integer::sum) <= 2
                            ? new RecordFault(recordService.throttledRecordCode(), "Slow down.") : null;
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
        assertThat(standIn.recordsPerRequest()).containsExactly(3, 2, 1);
        assertThat(standIn.acceptedRecords()).satisfiesExactly(first -> assertThat(hasEndpoint(first, "fine")).isTrue(),
                second -> assertThat(hasEndpoint(second, "unlucky")).isTrue(),
                third -> assertThat(hasEndpoint(third, "hot")).isTrue());
        assertThat(time.pauses()).hasSize(2).allSatisfy(pause ->
                assertThat(pause).isLessThanOrEqualTo(InCallRetries.ceiling(2)));
    }

    @Test
    void anUnknownPerRecordErrorCodeIsRetriedNeverDropped() {
        standIn.faults(new FaultInjector() {
            @Override
            public RecordFault onRecord(ReceivedRecord record) {
                return new RecordFault("SomethingNewException", "a code this version does not know");
            }
        });

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
    }

    @Test
    void aWholeRequestTheServiceFindsInvalidIsSplitUntilTheBadRecordIsIsolated() {
        standIn.faults(new FaultInjector() {
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
        assertThat(standIn.answersByStatus()).containsEntry(400, 4).containsEntry(200, 3);
        assertThat(standIn.acceptedRecords()).hasSize(7);
    }

    @Test
    void misconfigurationKeepsRecordsForRetryAndRaisesAConfigurationError() {
        for (String code : recordService.misconfigurationCodes()) {
            observer.configurationErrors.clear();
            standIn.faults(everyRequest(RequestFault.status(400, code)));

            List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

            assertThat(outcomes).as(code).allSatisfy(outcome -> assertRetryable(outcome, "destination-misconfigured"));
            assertThat(observer.configurationErrors).as(code).singleElement().asString().contains(code);
        }
        // Never split, never retried by the SDK: one request per attempt.
        assertThat(standIn.requestCount()).isEqualTo(recordService.misconfigurationCodes().size());
    }

    @Test
    void aHitQueuedTwiceInOneBatchIsWrittenOnce() {
        List<CustomerEvent> events = List.of(event("req-1", "a"), event("req-2", "b"), event("req-1", "a"));

        assertThat(deliver(events)).containsExactly(DeliveryOutcome.DELIVERED, DeliveryOutcome.DELIVERED,
                DeliveryOutcome.DELIVERED);

        assertThat(standIn.recordsPerRequest()).containsExactly(2);
        assertThat(standIn.acceptedRecords()).extracting(ReceivedRecord::text)
                .satisfiesExactly(first -> assertThat(first).contains("\"eventId\":\"req-1\""),
                        second -> assertThat(second).contains("\"eventId\":\"req-2\""));
    }
}
