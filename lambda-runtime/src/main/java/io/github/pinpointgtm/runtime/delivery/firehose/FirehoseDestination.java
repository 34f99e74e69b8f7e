package io.github.pinpointgtm.runtime.delivery.firehose;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.delivery.batch.PendingRecord;
import io.github.pinpointgtm.runtime.delivery.batch.RecordAnswer;
import io.github.pinpointgtm.runtime.delivery.batch.RecordBatchDestination;
import io.github.pinpointgtm.runtime.delivery.batch.ServiceErrors;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Writes each event's JSON ({@link io.github.pinpointgtm.runtime.event.CustomerEventJson}) followed by a newline as one
 * record of an Amazon Data Firehose stream with {@code PutRecordBatch}. Firehose concatenates records into its
 * destination's objects, so the newline makes them newline-delimited JSON (one event per line), which Athena, Glue
 * and most readers expect.
 *
 * <p>Limits ({@code PutRecordBatch} API reference, not adjustable): at most 500 records and 4 MiB per request; a
 * record's data (JSON and newline) at most 1,000 KiB (1,024,000 bytes, the model's length constraint), counted before
 * the base64 encoding of the JSON protocol. A larger event is rejected ({@code limit-exceeded}) without a call.
 *
 * <p>Results: {@code PutRecordBatch} answers 200 with one {@code PutRecordBatchResponseEntry} per record, in request
 * order: a {@code RecordId} when the record was accepted, {@code ErrorCode} and {@code ErrorMessage} when it was not.
 * Only the failed records are retried: throttled and internally failed ones first within the invocation
 * ({@link InCallRetries}), then by SQS, which redelivers their messages. Firehose's {@code ServiceUnavailableException}
 * ("back off and retry; throughput limits for the stream may have been exceeded") is its throttling answer, per record
 * as well as for a whole request, and is classified as throttling; {@code InternalFailure} (and any code not known
 * here) is a service failure. {@code InvalidSourceException} (the stream only accepts CloudWatch Logs records) is
 * misconfiguration, like {@code ResourceNotFoundException} and {@code InvalidKMSResourceException}: retried, and
 * reported to {@link DeliveryObserver#configurationError}.
 */
public final class FirehoseDestination extends RecordBatchDestination {

    /**
     * {@code DESTINATION_TYPE=firehose}: Amazon Data Firehose {@code PutRecordBatch} to
     * {@code FIREHOSE_DELIVERY_STREAM_NAME}.
     */
    public static final DestinationFactory FACTORY = new DestinationFactory(
            (config, clients, retries) -> new FirehoseDestination(clients.configure(FirehoseClient.builder()),
                    config.firehoseDeliveryStreamName(), config.deliveryConcurrency(), retries),
            FirehoseOfflineAnswer::new);

    /** {@code PutRecordBatch}: 500 records and 4 MiB per request; 1,000 KiB per record. */
    public static final BatchLimits LIMITS = new BatchLimits(500, 4L * 1024 * 1024, 1_000L * 1024);

    private static final byte NEWLINE = '\n';

    private final FirehoseClient client;
    private final String deliveryStreamName;

    /**
     * @param client             the Firehose client (the processor's: standard retries, lean HTTP client)
     * @param deliveryStreamName the Firehose stream's name ({@code FIREHOSE_DELIVERY_STREAM_NAME})
     * @param concurrency        how many {@code PutRecordBatch} calls may be in flight at once
     */
    public FirehoseDestination(FirehoseClient client, String deliveryStreamName, int concurrency) {
        this(client, deliveryStreamName, concurrency, InCallRetries.standard());
    }

    /**
     * @param client             the Firehose client (the processor's: standard retries, lean HTTP client)
     * @param deliveryStreamName the Firehose stream's name ({@code FIREHOSE_DELIVERY_STREAM_NAME})
     * @param concurrency        how many {@code PutRecordBatch} calls may be in flight at once
     * @param retries            how throttled and internally failed records are retried within the invocation
     */
    public FirehoseDestination(FirehoseClient client, String deliveryStreamName, int concurrency,
                               InCallRetries retries) {
        super("Firehose", LIMITS, concurrency, retries);
        this.client = Objects.requireNonNull(client, "client");
        this.deliveryStreamName = Objects.requireNonNull(deliveryStreamName, "deliveryStreamName");
    }

    /**
     * @param json an event's JSON
     * @return the record's data: the JSON and a newline
     */
    public static byte[] recordData(byte[] json) {
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = NEWLINE;
        return line;
    }

    @Override
    protected long recordSize(CustomerEvent event, byte[] json) {
        return json.length + 1L;
    }

    @Override
    protected ServiceErrors.Kind classify(int statusCode, String errorCode) {
        if ("ServiceUnavailableException".equals(errorCode)) {
            return ServiceErrors.Kind.THROTTLED;
        }
        if ("InvalidSourceException".equals(errorCode)) {
            return ServiceErrors.Kind.MISCONFIGURED;
        }
        return super.classify(statusCode, errorCode);
    }

    @Override
    protected List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout, DeliveryObserver observer) {
        List<Record> records = new ArrayList<>(batch.size());
        for (PendingRecord record : batch) {
            records.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(recordData(record.json()))).build());
        }
        PutRecordBatchResponse response = client.putRecordBatch(PutRecordBatchRequest.builder()
                .deliveryStreamName(deliveryStreamName)
                .records(records)
                .overrideConfiguration(o -> o.apiCallTimeout(apiCallTimeout))
                .build());
        return outcomes(batch.size(), response, observer);
    }

    private List<DeliveryOutcome> outcomes(int records, PutRecordBatchResponse response, DeliveryObserver observer) {
        List<PutRecordBatchResponseEntry> results = response.hasRequestResponses() ? response.requestResponses() : List.of();
        List<RecordAnswer> answers = new ArrayList<>(results.size());
        for (PutRecordBatchResponseEntry result : results) {
            answers.add(new RecordAnswer(result.recordId(), result.errorCode(), result.errorMessage()));
        }
        return outcomesByRecord(records, answers, "a record id", observer);
    }
}
