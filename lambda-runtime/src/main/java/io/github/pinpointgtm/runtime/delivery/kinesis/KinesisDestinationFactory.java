package io.github.pinpointgtm.runtime.delivery.kinesis;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code DESTINATION_TYPE=kinesis}: Amazon Kinesis Data Streams {@code PutRecords} to {@code KINESIS_STREAM_NAME}. */
public final class KinesisDestinationFactory implements DestinationFactory {

    /** Creates the factory. */
    public KinesisDestinationFactory() {
    }

    @Override
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return new KinesisDestination(clients.configure(KinesisClient.builder()), config.kinesisStreamName(),
                config.deliveryConcurrency(), retries);
    }

    @Override
    public OfflineAnswer offlineAnswer() {
        return new KinesisOfflineAnswer();
    }
}
