package io.github.pinpointgtm.runtime.delivery.kinesis;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.delivery.batch.PendingRecord;
import io.github.pinpointgtm.runtime.delivery.batch.RecordAnswer;
import io.github.pinpointgtm.runtime.delivery.batch.RecordBatchDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes each event's JSON ({@link io.github.pinpointgtm.runtime.event.CustomerEventJson}) as one record of an Amazon
 * Kinesis data stream with {@code PutRecords}.
 *
 * <p>The partition key is the event's endpoint id, so one endpoint's records land on one shard, in the order of each
 * request. Kinesis partition keys are 1 to 256 Unicode characters; an endpoint id that does not fit (the hit policy
 * allows at most 128 characters, so only a changed policy gets here) is replaced by the lowercase hexadecimal SHA-256
 * of its UTF-8 bytes: 64 characters, still one shard per endpoint.
 *
 * <p>Limits ({@code PutRecords} API reference): at most 500 records and 10 MiB per request, partition keys included;
 * a record's data plus its partition key (UTF-8 bytes) at most 1 MiB, a stream's default maximum record size. A larger
 * event is rejected ({@code limit-exceeded}) without a call.
 *
 * <p>Results: {@code PutRecords} answers 200 with one {@code PutRecordsResultEntry} per record, in request order:
 * {@code SequenceNumber} and {@code ShardId} when the record was written, {@code ErrorCode} and {@code ErrorMessage}
 * when it was not. Only the failed records are retried (throttled and internally failed ones first within the
 * invocation, see {@link InCallRetries}; then SQS redelivers their messages):
 * {@code ProvisionedThroughputExceededException} and {@code KMSThrottlingException} are throttling,
 * {@code InternalFailure} (and any code not known here) a service failure; the KMS key errors ({@code KMSDisabledException},
 * {@code KMSNotFoundException}, {@code KMSAccessDeniedException}, {@code KMSInvalidStateException},
 * {@code KMSOptInRequired}) are misconfiguration and reported to {@link DeliveryObserver#configurationError}. Whole
 * request errors are mapped by {@link RecordBatchDestination}.
 *
 * <p>The client speaks the SDK's default wire format for Kinesis, CBOR ({@code application/x-amz-cbor-1.1}).
 */
public final class KinesisDestination extends RecordBatchDestination {

    /**
     * {@code DESTINATION_TYPE=kinesis}: Amazon Kinesis Data Streams {@code PutRecords} to {@code KINESIS_STREAM_NAME}.
     */
    public static final DestinationFactory FACTORY = new DestinationFactory(
            (config, clients, retries) -> new KinesisDestination(clients.configure(KinesisClient.builder()),
                    config.kinesisStreamName(), config.deliveryConcurrency(), retries),
            KinesisOfflineAnswer::new);

    /** {@code PutRecords}: 500 records and 10 MiB per request; 1 MiB per record (data plus partition key). */
    public static final BatchLimits LIMITS = new BatchLimits(500, 10L * 1024 * 1024, 1024L * 1024);
    /** The longest partition key Kinesis accepts, in characters. */
    public static final int MAX_PARTITION_KEY_CHARS = 256;

    private final KinesisClient client;
    private final String streamName;

    /**
     * @param client      the Kinesis client (the processor's: standard retries, lean HTTP client)
     * @param streamName  the data stream's name ({@code KINESIS_STREAM_NAME})
     * @param concurrency how many {@code PutRecords} calls may be in flight at once
     */
    public KinesisDestination(KinesisClient client, String streamName, int concurrency) {
        this(client, streamName, concurrency, InCallRetries.standard());
    }

    /**
     * @param client      the Kinesis client (the processor's: standard retries, lean HTTP client)
     * @param streamName  the data stream's name ({@code KINESIS_STREAM_NAME})
     * @param concurrency how many {@code PutRecords} calls may be in flight at once
     * @param retries     how throttled and internally failed records are retried within the invocation
     */
    public KinesisDestination(KinesisClient client, String streamName, int concurrency, InCallRetries retries) {
        super("Kinesis", LIMITS, concurrency, retries);
        this.client = Objects.requireNonNull(client, "client");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
    }

    /**
     * The partition key of an endpoint's records.
     *
     * @param endpointId the event's endpoint id
     * @return the endpoint id when it is a valid partition key (1 to 256 characters), else the lowercase hexadecimal
     *         SHA-256 of its UTF-8 bytes
     */
    public static String partitionKey(String endpointId) {
        // String.length() counts UTF-16 units, never fewer than Unicode characters: a key it allows always fits.
        if (!endpointId.isEmpty() && endpointId.length() <= MAX_PARTITION_KEY_CHARS) {
            return endpointId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(endpointId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    protected long recordSize(CustomerEvent event, byte[] json) {
        return json.length + (long) partitionKey(event.endpointId()).getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout, DeliveryObserver observer) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(batch.size());
        for (PendingRecord record : batch) {
            entries.add(PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromByteArrayUnsafe(record.json()))
                    .partitionKey(partitionKey(record.event().endpointId()))
                    .build());
        }
        PutRecordsResponse response = client.putRecords(PutRecordsRequest.builder()
                .streamName(streamName)
                .records(entries)
                .overrideConfiguration(o -> o.apiCallTimeout(apiCallTimeout))
                .build());
        return outcomes(batch.size(), response, observer);
    }

    private List<DeliveryOutcome> outcomes(int records, PutRecordsResponse response, DeliveryObserver observer) {
        List<PutRecordsResultEntry> results = response.hasRecords() ? response.records() : List.of();
        List<RecordAnswer> answers = new ArrayList<>(results.size());
        for (PutRecordsResultEntry result : results) {
            answers.add(new RecordAnswer(result.sequenceNumber(), result.errorCode(), result.errorMessage()));
        }
        return outcomesByRecord(records, answers, "a sequence number", observer);
    }
}
