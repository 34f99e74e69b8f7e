package io.github.pinpointgtm;

import java.util.Map;

import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Where the processor delivers the customer events it builds from the queued hits.
 *
 * <p>Create one with a factory method such as {@link #pinpoint(String)}. The set of destinations is closed (the
 * constructor is package-private) so that new factories (Kinesis Data Streams, Data Firehose, EventBridge,
 * Connect Customer Profiles) can be added without breaking existing code.
 */
public abstract class EventDestination {

    EventDestination() {
        // Only this package defines destinations: the processor must understand each of them.
    }

    /**
     * Amazon Pinpoint: every hit becomes a custom event recorded with {@code PutEvents}.
     *
     * @param applicationId the Pinpoint project (application) id: 32 lowercase hexadecimal characters, or a token
     * @return the destination
     * @throws IllegalArgumentException if {@code applicationId} is missing or malformed
     */
    public static PinpointDestination pinpoint(String applicationId) {
        return new PinpointDestination(applicationId);
    }

    /** @return the processor's {@code DESTINATION_TYPE} value, e.g. {@code pinpoint} */
    public abstract String getDestinationType();

    /** The destination-specific environment variables of the processor (besides {@code DESTINATION_TYPE}). */
    abstract Map<String, String> processorEnvironment();

    /** Grants the processor exactly the permissions it needs to deliver events, and nothing wider. */
    abstract void grantDelivery(Construct scope, IGrantable processor);
}
