package io.github.pinpointgtm;

import java.util.Map;

import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisfirehose.IDeliveryStream;
import software.constructs.Construct;

/**
 * Where the processor delivers the customer events it builds from the queued hits.
 *
 * <p>Create one with a factory method:
 * <ul>
 *   <li>{@link #pinpoint(String)}: Amazon Pinpoint {@code PutEvents} (Pinpoint's engagement features end on
 *       2026-10-30);</li>
 *   <li>{@link #kinesisStream(IStream)}: Amazon Kinesis Data Streams {@code PutRecords}, one record per event,
 *       partition key the endpoint id;</li>
 *   <li>{@link #firehose(IDeliveryStream)}: Amazon Data Firehose {@code PutRecordBatch}, one newline-terminated
 *       JSON record per event;</li>
 *   <li>{@link #eventBridge(IEventBus)} and {@link #eventBridge(IEventBus, EventBridgeDestinationOptions)}:
 *       Amazon EventBridge {@code PutEvents}, one entry per event;</li>
 *   <li>{@link #customerProfiles(String, String)}: Amazon Connect Customer Profiles {@code PutProfileObject}, one
 *       profile object per event.</li>
 * </ul>
 * Every destination but Pinpoint receives the same versioned event JSON ({@code schemaVersion} 1). Each grants the
 * processor exactly the one write action it needs on exactly that resource.
 *
 * <p>The set of destinations is closed (the constructor is package-private): the processor must understand every
 * destination, so new ones are added here, as new factories, without breaking existing code.
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

    /**
     * Amazon Kinesis Data Streams: every event becomes one record ({@code PutRecords}), with the endpoint id as its
     * partition key, so one endpoint's events stay in order within a shard.
     *
     * <p>Grants {@code kinesis:PutRecords} on the stream and, if the stream has a customer managed KMS key,
     * {@code kms:GenerateDataKey} on that key.
     *
     * @param stream the stream (created in the app, or imported with {@code Stream.fromStreamAttributes}; pass its
     *               {@code encryptionKey} there when it is encrypted with a customer managed key)
     * @return the destination
     * @throws IllegalArgumentException if {@code stream} is null
     */
    public static KinesisStreamDestination kinesisStream(IStream stream) {
        return new KinesisStreamDestination(stream);
    }

    /**
     * Amazon Data Firehose: every event becomes one newline-terminated JSON record ({@code PutRecordBatch}), so
     * objects delivered to S3 are newline-delimited JSON that Athena reads as is.
     *
     * <p>Grants {@code firehose:PutRecordBatch} on the delivery stream.
     *
     * @param deliveryStream the delivery stream; its source must be Direct PUT (not a Kinesis stream)
     * @return the destination
     * @throws IllegalArgumentException if {@code deliveryStream} is null
     */
    public static FirehoseDestination firehose(IDeliveryStream deliveryStream) {
        return new FirehoseDestination(deliveryStream);
    }

    /**
     * Amazon EventBridge: every event becomes one entry ({@code PutEvents}) on the bus, with source
     * {@value EventBridgeDestinationOptions#DEFAULT_SOURCE} and detail type
     * {@value EventBridgeDestinationOptions#DEFAULT_DETAIL_TYPE}; the event JSON is the entry's {@code detail}.
     *
     * @param bus the event bus (a custom bus, or {@code EventBus.fromEventBusName(scope, id, "default")})
     * @return the destination
     * @throws IllegalArgumentException if {@code bus} is null
     * @see #eventBridge(IEventBus, EventBridgeDestinationOptions)
     */
    public static EventBridgeDestination eventBridge(IEventBus bus) {
        return new EventBridgeDestination(bus, EventBridgeDestinationOptions.builder().build());
    }

    /**
     * Amazon EventBridge with a chosen source and detail type.
     *
     * <p>Grants {@code events:PutEvents} on the bus, on condition that every entry carries exactly the configured
     * {@code source} and {@code detail-type}.
     *
     * @param bus     the event bus
     * @param options the entries' source and detail type
     * @return the destination
     * @throws IllegalArgumentException if {@code bus} or {@code options} is null
     */
    public static EventBridgeDestination eventBridge(IEventBus bus, EventBridgeDestinationOptions options) {
        return new EventBridgeDestination(bus, options);
    }

    /**
     * Amazon Connect Customer Profiles: every event becomes one profile object ({@code PutProfileObject}) of the
     * given object type, whose mapping (keys and fields) decides which profile it joins.
     *
     * <p>Grants {@code profile:PutProfileObject} on that one object type of that one domain.
     *
     * @param domainName     the Customer Profiles domain: 1 to 64 characters of {@code [a-zA-Z0-9_-]}, or a token
     * @param objectTypeName the object type (mapping) the events are written as: 1 to 255 characters matching
     *                       {@code [a-zA-Z_][a-zA-Z_0-9-]*}, or a token
     * @return the destination
     * @throws IllegalArgumentException if a name is missing or malformed
     */
    public static CustomerProfilesDestination customerProfiles(String domainName, String objectTypeName) {
        return new CustomerProfilesDestination(domainName, objectTypeName);
    }

    /**
     * @return the processor's {@code DESTINATION_TYPE} value: {@code pinpoint}, {@code kinesis}, {@code firehose},
     *         {@code eventbridge} or {@code customer-profiles}
     */
    public abstract String getDestinationType();

    /** The destination-specific environment variables of the processor (besides {@code DESTINATION_TYPE}). */
    abstract Map<String, String> processorEnvironment();

    /** Grants the processor exactly the permissions it needs to deliver events, and nothing wider. */
    abstract void grantDelivery(Construct scope, IGrantable processor);

    static <T> T required(T value, String parameter) {
        if (value == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
        return value;
    }
}
