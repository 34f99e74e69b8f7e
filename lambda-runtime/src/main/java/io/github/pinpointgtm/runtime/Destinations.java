package io.github.pinpointgtm.runtime;

import io.github.pinpointgtm.runtime.config.DestinationType;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.customerprofiles.CustomerProfilesDestination;
import io.github.pinpointgtm.runtime.delivery.eventbridge.EventBridgeDestination;
import io.github.pinpointgtm.runtime.delivery.firehose.FirehoseDestination;
import io.github.pinpointgtm.runtime.delivery.kinesis.KinesisDestination;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointDestination;

/**
 * Picks the destination factory for {@code DESTINATION_TYPE}. Each deployment jar carries one destination's package
 * and SDK module only; the JVM loads the destination class holding a {@code FACTORY} when its branch runs, so the
 * other branches' missing classes are never touched, and a jar built for another destination fails with a message instead of a bare
 * {@link NoClassDefFoundError}.
 */
final class Destinations {

    private Destinations() {
    }

    /**
     * @param type the configured destination
     * @return its factory
     * @throws IllegalStateException if this deployment jar was built for another destination
     */
    static DestinationFactory factoryFor(DestinationType type) {
        try {
            return switch (type) {
                case PINPOINT -> PinpointDestination.FACTORY;
                case KINESIS -> KinesisDestination.FACTORY;
                case FIREHOSE -> FirehoseDestination.FACTORY;
                case EVENTBRIDGE -> EventBridgeDestination.FACTORY;
                case CUSTOMER_PROFILES -> CustomerProfilesDestination.FACTORY;
            };
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(ProcessorConfig.DESTINATION_TYPE + " is " + type.value()
                    + ", but this deployment jar does not contain that destination (" + e.getMessage()
                    + "): deploy the processor jar built for " + type.value(), e);
        }
    }
}
