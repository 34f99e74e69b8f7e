package io.github.pinpointgtm.runtime.testsupport;

import java.util.ArrayList;
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
        if (!deliveryStreamName.equals(request.get("DeliveryStreamName"))) {
            throw new Refusal(400, "ResourceNotFoundException", "Firehose " + request.get("DeliveryStreamName")
                    + " under account 123456789012 not found.");
        }
        List<?> entries = list(request.get("Records"), "Records");
        if (entries.isEmpty() || entries.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("Records has " + entries.size() + " entries; 1 to " + MAX_RECORDS
                    + " are allowed");
        }
        List<ReceivedRecord> records = new ArrayList<>(entries.size());
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = object(entries.get(i), "Records[" + i + "]");
            onlyMembers(entry, "Records[" + i + "]", Set.of("Data"));
            ReceivedRecord record = new ReceivedRecord(null, blob(entry.get("Data"), format, "Records[" + i + "].Data"));
            if (record.data().length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("Records[" + i + "].Data is " + record.data().length
                        + " bytes, more than " + MAX_RECORD_BYTES);
            }
            total += record.data().length;
            records.add(record);
        }
        if (total > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("the request carries " + total + " bytes, more than " + MAX_REQUEST_BYTES);
        }
        return records;
    }

    @Override
    protected long size(ReceivedRecord record) {
        return record.data().length;
    }

    @Override
    protected Map<String, Object> answer(List<ReceivedRecord> records, List<RecordFault> failures) {
        List<Object> results = new ArrayList<>(records.size());
        int failed = 0;
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            RecordFault failure = failures.get(i);
            if (failure == null) {
                result.put("RecordId", UUID.randomUUID().toString());
            } else {
                failed++;
                result.put("ErrorCode", failure.errorCode());
                result.put("ErrorMessage", failure.errorMessage());
            }
            results.add(result);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedPutCount", failed);
        response.put("Encrypted", false);
        response.put("RequestResponses", results);
        return response;
    }

    @Override
    protected String invalidRequestCode() {
        return "InvalidArgumentException";
    }
}
