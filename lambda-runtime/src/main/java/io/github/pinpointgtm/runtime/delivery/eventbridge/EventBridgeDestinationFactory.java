package io.github.pinpointgtm.runtime.delivery.eventbridge;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * {@code DESTINATION_TYPE=eventbridge}: Amazon EventBridge {@code PutEvents} to {@code EVENTBRIDGE_EVENT_BUS}, with
 * {@code EVENTBRIDGE_SOURCE} and {@code EVENTBRIDGE_DETAIL_TYPE}. The endpoint follows the SDK's standard
 * configuration ({@code AWS_ENDPOINT_URL_EVENTBRIDGE}, {@code aws.endpointUrlEventBridge}).
 */
public final class EventBridgeDestinationFactory implements DestinationFactory {

    /** Creates the factory. */
    public EventBridgeDestinationFactory() {
        // Stateless.
    }

    @Override
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return new EventBridgeDestination(clients.configure(EventBridgeClient.builder()), config.eventBridgeEventBus(),
                config.eventBridgeSource(), config.eventBridgeDetailType(), config.deliveryConcurrency(),
                retries);
    }

    @Override
    public OfflineAnswer offlineAnswer() {
        return new EventBridgeOfflineAnswer();
    }
}
