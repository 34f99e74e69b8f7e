package io.github.pinpointgtm.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in for Amazon Data Firehose's {@code PutRecordBatch} ({@code X-Amz-Target:
 * Firehose_20150804.PutRecordBatch}, SigV4 service {@code firehose}, JSON protocol).
 *
 * <p>It checks what the service would: the request names its Firehose stream ({@code DeliveryStreamName}, else
 * {@code ResourceNotFoundException}); {@code Records} has 1 to 500 entries, each a base64 {@code Data} blob of at
 * most 1,000 KiB (1,024,000 bytes) decoded, at most 4 MiB of data per request. It answers like Firehose:
 * {@code FailedPutCount}, {@code Encrypted} and one {@code RequestResponses} entry per record, in order, with a
 * {@code RecordId} or {@code ErrorCode} and {@code ErrorMessage}.
 */
public final class FirehoseStandIn extends RecordStreamStandIn {

    public static final String TARGET = "Firehose_20150804.PutRecordBatch";
    public static final int MAX_RECORDS = 500;
    public static final long MAX_RECORD_BYTES = 1_024_000;
    public static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    private final String deliveryStreamName;

    private FirehoseStandIn(String deliveryStreamName) {
        super(TARGET, "firehose", Set.of(WireFormat.JSON));
        this.deliveryStreamName = deliveryStreamName;
    }

    public static FirehoseStandIn start(String deliveryStreamName) {
        return new FirehoseStandIn(deliveryStreamName);
    }

    /** @return Firehose's answer when a stream's throughput limits are exceeded (HTTP 500 in the API model) */
    public static RequestFault throttle() {
        return RequestFault.status(500, "ServiceUnavailableException");
    }

    /** @return an internal failure of the service */
    public static RequestFault serverError() {
        return RequestFault.status(500, "InternalFailure");
    }

    @Override
    protected List<ReceivedRecord> readRecords(Map<String, Object> request, WireFormat format) {
        onlyMembers(request, "PutRecordBatchRequest", Set.of("DeliveryStreamName", "Records"));
        return readRecordList(request, "DeliveryStreamName", deliveryStreamName, "Firehose",
                new Limits(MAX_RECORDS, MAX_RECORD_BYTES, MAX_REQUEST_BYTES), (entry, what) -> {
                    onlyMembers(entry, what, Set.of("Data"));
                    return new ReceivedRecord(null, blob(entry.get("Data"), format, what + ".Data"));
                });
    }

    @Override
    protected long size(ReceivedRecord record) {
        return record.data().length;
    }

    @Override
    protected Map<String, Object> answer(List<ReceivedRecord> records, List<RecordFault> failures) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedPutCount", failedCount(failures));
        response.put("Encrypted", false);
        response.put("RequestResponses",
                results(records, failures, record -> Map.of("RecordId", UUID.randomUUID().toString())));
        return response;
    }

    @Override
    protected String invalidRequestCode() {
        return "InvalidArgumentException";
    }
}
