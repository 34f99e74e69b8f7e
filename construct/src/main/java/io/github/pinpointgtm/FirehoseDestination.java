package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kinesisfirehose.IDeliveryStream;
import software.constructs.Construct;

/**
 * Delivers events to one Amazon Data Firehose delivery stream with {@code PutRecordBatch}: one record per event,
 * the event JSON followed by a newline, so the objects Firehose writes (e.g. to S3) are newline-delimited JSON.
 * Create it with {@link EventDestination#firehose(IDeliveryStream)}.
 *
 * <p>Permissions: {@code firehose:PutRecordBatch} on the delivery stream, nothing else.
 */
public final class FirehoseDestination extends EventDestination {

    private final IDeliveryStream deliveryStream;

    FirehoseDestination(IDeliveryStream deliveryStream) {
        this.deliveryStream = required(deliveryStream, "firehose: deliveryStream");
    }

    /** @return the delivery stream events are written to */
    public IDeliveryStream getDeliveryStream() {
        return deliveryStream;
    }

    /** @return {@code firehose} */
    @Override
    public String getDestinationType() {
        return "firehose";
    }

    @Override
    Map<String, String> processorEnvironment() {
        return Map.of("FIREHOSE_DELIVERY_STREAM_NAME", deliveryStream.getDeliveryStreamName());
    }

    @Override
    void grantDelivery(Construct scope, IGrantable processor) {
        // Not deliveryStream.grantPutRecords(): that adds firehose:PutRecord as well.
        PrincipalPolicy.allow(processor, List.of("firehose:PutRecordBatch"), deliveryStream.getDeliveryStreamArn());
    }
}
