package io.github.pinpointgtm.runtime.delivery;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;

/**
 * Builds one kind of destination. The processor picks the factory by {@code DESTINATION_TYPE}; each factory lives in
 * its destination's package, the only code that touches that destination's SDK module, so a deployment jar needs
 * only the configured destination's module.
 */
public interface DestinationFactory {

    /**
     * @param config  the processor's configuration (the destination reads its own settings from it)
     * @param clients how to build the destination's SDK client
     * @return the destination, retrying what its service fails one by one with {@link InCallRetries#standard()}
     */
    default EventDestination create(ProcessorConfig config, ClientSettings clients) {
        return create(config, clients, InCallRetries.standard());
    }

    /**
     * @param config  the processor's configuration (the destination reads its own settings from it)
     * @param clients how to build the destination's SDK client
     * @param retries how the destination retries, within the invocation, what its service fails one by one
     * @return the destination
     */
    EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries);

    /**
     * @return an in-memory answer to the one API call the destination makes, accepting everything it is sent;
     *         SnapStart priming sends a sample event through the real SDK client into it
     */
    OfflineAnswer offlineAnswer();
}
