package io.github.pinpointgtm.testkit;

import java.nio.charset.StandardCharsets;
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
        return readRecordList(request, "StreamName", streamName, "Stream",
                new Limits(MAX_RECORDS, MAX_RECORD_BYTES, MAX_REQUEST_BYTES), (entry, what) -> {
                    onlyMembers(entry, what, Set.of("Data", "PartitionKey", "ExplicitHashKey"));
                    byte[] data = blob(entry.get("Data"), format, what + ".Data");
                    if (!(entry.get("PartitionKey") instanceof String key) || key.isEmpty()
                            || key.codePointCount(0, key.length()) > MAX_PARTITION_KEY_CHARS) {
                        throw new IllegalArgumentException(what + ".PartitionKey must be 1 to "
                                + MAX_PARTITION_KEY_CHARS + " characters: " + entry.get("PartitionKey"));
                    }
                    return new ReceivedRecord(key, data);
                });
    }

    @Override
    protected long size(ReceivedRecord record) {
        return record.data().length + (long) record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected Map<String, Object> answer(List<ReceivedRecord> records, List<RecordFault> failures) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("FailedRecordCount", failedCount(failures));
        response.put("Records", results(records, failures, record -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("SequenceNumber", Long.toString(sequence.incrementAndGet()) + "0000000000000000");
            result.put("ShardId", shardOf(record.partitionKey()));
            return result;
        }));
        response.put("EncryptionType", "NONE");
        return response;
    }

    @Override
    protected String invalidRequestCode() {
        return "ValidationException";
    }
}
