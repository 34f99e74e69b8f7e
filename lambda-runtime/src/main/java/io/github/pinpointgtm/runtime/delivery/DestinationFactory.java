package io.github.pinpointgtm.runtime.delivery;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds one kind of destination. The processor picks the factory by {@code DESTINATION_TYPE}; each destination class
 * holds its own (e.g. {@code KinesisDestination.FACTORY}) in its destination's package, the only code that touches
 * that destination's SDK module, so a deployment jar needs only the configured destination's module.
 *
 * @param constructor    builds the destination
 * @param offlineAnswers makes an in-memory answer to the one API call the destination makes
 */
public record DestinationFactory(Constructor constructor, Supplier<OfflineAnswer> offlineAnswers) {

    /** How one kind of destination is built from the processor's configuration. */
    @FunctionalInterface
    public interface Constructor {

        /**
         * @param config  the processor's configuration (the destination reads its own settings from it)
         * @param clients how to build the destination's SDK client
         * @param retries how the destination retries, within the invocation, what its service fails one by one
         * @return the destination
         */
        EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries);
    }

    /**
     * @param constructor    builds the destination
     * @param offlineAnswers makes an in-memory answer to the one API call the destination makes
     * @throws NullPointerException naming the missing argument
     */
    public DestinationFactory {
        Objects.requireNonNull(constructor, "constructor");
        Objects.requireNonNull(offlineAnswers, "offlineAnswers");
    }

    /**
     * @param config  the processor's configuration (the destination reads its own settings from it)
     * @param clients how to build the destination's SDK client
     * @return the destination, retrying what its service fails one by one with {@link InCallRetries#standard()}
     */
    public EventDestination create(ProcessorConfig config, ClientSettings clients) {
        return create(config, clients, InCallRetries.standard());
    }

    /**
     * @param config  the processor's configuration (the destination reads its own settings from it)
     * @param clients how to build the destination's SDK client
     * @param retries how the destination retries, within the invocation, what its service fails one by one
     * @return the destination
     */
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return constructor.create(config, clients, retries);
    }

    /**
     * @return an in-memory answer to the one API call the destination makes, accepting everything it is sent;
     *         SnapStart priming sends a sample event through the real SDK client into it
     */
    public OfflineAnswer offlineAnswer() {
        return offlineAnswers.get();
    }
}
