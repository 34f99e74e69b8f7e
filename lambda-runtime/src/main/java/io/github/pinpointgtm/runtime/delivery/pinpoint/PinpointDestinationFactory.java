package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** {@code DESTINATION_TYPE=pinpoint}: Amazon Pinpoint {@code PutEvents} to {@code PINPOINT_APPLICATION_ID}. */
public final class PinpointDestinationFactory implements DestinationFactory {

    @Override
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return new PinpointDestination(clients.configure(PinpointClient.builder()), config.pinpointApplicationId(),
                config.deliveryConcurrency(), retries);
    }

    @Override
    public OfflineAnswer offlineAnswer() {
        return new PinpointOfflineAnswer();
    }
}
