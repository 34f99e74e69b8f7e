package io.github.pinpointgtm.runtime.delivery.firehose;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * {@code DESTINATION_TYPE=firehose}: Amazon Data Firehose {@code PutRecordBatch} to
 * {@code FIREHOSE_DELIVERY_STREAM_NAME}.
 */
public final class FirehoseDestinationFactory implements DestinationFactory {

    /** Creates the factory. */
    public FirehoseDestinationFactory() {
    }

    @Override
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return new FirehoseDestination(clients.configure(FirehoseClient.builder()), config.firehoseDeliveryStreamName(),
                config.deliveryConcurrency(), retries);
    }

    @Override
    public OfflineAnswer offlineAnswer() {
        return new FirehoseOfflineAnswer();
    }
}
