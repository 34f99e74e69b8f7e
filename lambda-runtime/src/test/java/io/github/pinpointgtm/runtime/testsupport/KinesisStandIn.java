package io.github.pinpointgtm.runtime.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Amazon Kinesis Data Streams' {@code PutRecords} ({@code X-Amz-Target: Kinesis_20131202.PutRecords},
 * SigV4 service {@code kinesis}), in CBOR (the SDK's default for Kinesis) and JSON.
 *
 * <p>It checks what the service would: the request names its stream ({@code StreamName}, else
 * {@code ResourceNotFoundException}); {@code Records} has 1 to 500 entries, each a {@code Data} blob (a byte string
 * in CBOR) and a {@code PartitionKey} of 1 to 256 characters; data plus partition key (UTF-8) at most 1 MiB per
 * record and 10 MiB per request. It answers like Kinesis: {@code FailedRecordCount} and one result per record, in
 * order, with {@code SequenceNumber} and {@code ShardId} or {@code ErrorCode} and {@code ErrorMessage}.
 */
public final class KinesisStandIn extends RecordStreamStandIn {

    public static final String TARGET = "Kinesis_20131202.PutRecords";
    public static final int MAX_RECORDS = 500;
    public static final long MAX_RECORD_BYTES = 1024L * 1024;
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    public static final int MAX_PARTITION_KEY_CHARS = 256;
    private static final int SHARDS = 4;

    private final String streamName;
    private final AtomicLong sequence = new AtomicLong(49_650_000_000L);

    private KinesisStandIn(String streamName) {
        super(TARGET, "kinesis", Set.of(WireFormat.CBOR, WireFormat.JSON));
        this.streamName = streamName;
    }

    public static KinesisStandIn start(String streamName) {
        return new KinesisStandIn(streamName);
    }

    /** @return Kinesis' throttling answer to a whole request */
    public static RequestFault throttle() {
        return RequestFault.status(400, "ProvisionedThroughputExceededException");
    }

    /** @return Kinesis' internal failure answer to a whole request */
    public static RequestFault serverError() {
        return RequestFault.status(500, "InternalFailureException");
    }

    /** @return the shard a partition key lands on in this stand-in (a stable hash, like Kinesis' MD5 ranges) */
    public static String shardOf(String partitionKey) {
        return String.format("shardId-%012d", Math.floorMod(partitionKey.hashCode(), SHARDS));
    }

    @Override
    protected List<ReceivedRecord> readRecords(Map<String, Object> request, WireFormat format) {
        onlyMembers(request, "PutRecordsRequest", Set.of("StreamName", "StreamARN", "Records"));
        if (!streamName.equals(request.get("StreamName"))) {
            throw new Refusal(400, "ResourceNotFoundException", "Stream " + request.get("StreamName")
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
            onlyMembers(entry, "Records[" + i + "]", Set.of("Data", "PartitionKey", "ExplicitHashKey"));
            byte[] data = blob(entry.get("Data"), format, "Records[" + i + "].Data");
            if (!(entry.get("PartitionKey") instanceof String key) || key.isEmpty()
                    || key.codePointCount(0, key.length()) > MAX_PARTITION_KEY_CHARS) {
                throw new IllegalArgumentException("Records[" + i + "].PartitionKey must be 1 to "
                        + MAX_PARTITION_KEY_CHARS + " characters: " + entry.get("PartitionKey"));
            }
            ReceivedRecord record = new ReceivedRecord(key, data);
            long size = size(record);
            if (size > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("Records[" + i + "] is " + size + " bytes, more than "
                        + MAX_RECORD_BYTES);
            }
            total += size;
            records.add(record);
        }
        if (total > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("the request carries " + total + " bytes, more than " + MAX_REQUEST_BYTES);
        }
        return records;
    }

    @Override
    protected long size(ReceivedRecord record) {
        return record.data().length + (long) record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected Map<String, Object> answer(List<ReceivedRecord> records, List<RecordFault> failures) {
        List<Object> results = new ArrayList<>(records.size());
        int failed = 0;
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            RecordFault failure = failures.get(i);
            if (failure == null) {
                result.put("SequenceNumber", Long.toString(sequence.incrementAndGet()) + "0000000000000000");
                result.put("ShardId", shardOf(records.get(i).partitionKey()));
            } else {
                failed++;
                result.put("ErrorCode", failure.errorCode());
                result.put("ErrorMessage", failure.errorMessage());
            }
            results.add(result);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedRecordCount", failed);
        response.put("Records", results);
        response.put("EncryptionType", "NONE");
        return response;
    }

    @Override
    protected String invalidRequestCode() {
        return "ValidationException";
    }
}
