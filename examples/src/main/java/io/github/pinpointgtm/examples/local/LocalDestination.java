package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.CustomerProfilesStandIn;
import io.github.pinpointgtm.testkit.EventBridgeStandIn;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the local pipeline's processor delivers: the runtime's stand-in of the synthesized destination, started for
 * exactly the names in the processor's environment, or another endpoint that the environment names with the SDK's
 * own variable ({@code AWS_ENDPOINT_URL_KINESIS} etc.).
 *
 * <p>Either way the processor's real SDK client finds it through the SDK's standard configuration: {@link #start}
 * sets the service's {@code aws.endpointUrl<Service>} system property (JVM-wide; a system property takes precedence
 * over the environment variable, so it is set to that variable's value when there is one).
 *
 * @param destination the synthesized destination
 * @param standIn     the stand-in, or null when the environment names another endpoint
 * @param endpoint    the stand-in's endpoint, or the one {@code AWS_ENDPOINT_URL_<SERVICE>} names
 */
record LocalDestination(ExampleDestination destination, AwsApiStandIn<?> standIn, URI endpoint)
        implements AutoCloseable {

    /**
     * The SDK's endpoint settings of a destination's service.
     *
     * @param environmentVariable e.g. {@code AWS_ENDPOINT_URL_KINESIS}
     * @param systemProperty      e.g. {@code aws.endpointUrlKinesis}
     * @param nameVariables       the processor variables that name the destination's resources
     */
    record Service(String environmentVariable, String systemProperty, List<String> nameVariables) {
    }

    private static final Map<ExampleDestination, Service> SERVICES = Map.of(
            ExampleDestination.PINPOINT, new Service("AWS_ENDPOINT_URL_PINPOINT", "aws.endpointUrlPinpoint",
                    List.of("PINPOINT_APPLICATION_ID")),
            ExampleDestination.KINESIS, new Service("AWS_ENDPOINT_URL_KINESIS", "aws.endpointUrlKinesis",
                    List.of("KINESIS_STREAM_NAME")),
            ExampleDestination.FIREHOSE, new Service("AWS_ENDPOINT_URL_FIREHOSE", "aws.endpointUrlFirehose",
                    List.of("FIREHOSE_DELIVERY_STREAM_NAME")),
            ExampleDestination.EVENTBRIDGE, new Service("AWS_ENDPOINT_URL_EVENTBRIDGE", "aws.endpointUrlEventBridge",
                    List.of("EVENTBRIDGE_EVENT_BUS", "EVENTBRIDGE_SOURCE", "EVENTBRIDGE_DETAIL_TYPE")),
            ExampleDestination.CUSTOMER_PROFILES, new Service("AWS_ENDPOINT_URL_CUSTOMER_PROFILES",
                    "aws.endpointUrlCustomerProfiles",
                    List.of("CUSTOMER_PROFILES_DOMAIN_NAME", "CUSTOMER_PROFILES_OBJECT_TYPE_NAME")));

    /** @return the SDK's endpoint settings of the destination's service */
    static Service service(ExampleDestination destination) {
        return Objects.requireNonNull(SERVICES.get(destination), destination.value());
    }

    /**
     * Starts the destination's stand-in, or uses the endpoint the environment names, and points the SDK at it.
     *
     * @param destination the synthesized destination
     * @param processor   the processor's environment (references resolved to local names)
     * @param region      the processor's region (of a bus ARN built from a bare bus name)
     * @param environment the process environment ({@code AWS_ENDPOINT_URL_<SERVICE>})
     * @param listener    called with every event the stand-in accepts
     * @throws IllegalStateException when the processor's environment lacks a name the stand-in needs
     */
    static LocalDestination start(ExampleDestination destination, Map<String, String> processor, String region,
            Function<String, String> environment, Consumer<RecordedEvent> listener) {
        Service service = service(destination);
        String configured = environment.apply(service.environmentVariable());
        if (configured != null && !configured.isBlank()) {
            System.setProperty(service.systemProperty(), configured.trim());
            return new LocalDestination(destination, null, URI.create(configured.trim()));
        }
        AwsApiStandIn<?> standIn = switch (destination) {
            case PINPOINT -> {
                PinpointStandIn pinpoint = PinpointStandIn.start(required(processor, "PINPOINT_APPLICATION_ID"));
                pinpoint.onAccepted(event -> listener.accept(RecordedEvent.fromPinpoint(event)));
                yield pinpoint;
            }
            case KINESIS -> {
                KinesisStandIn kinesis = KinesisStandIn.start(required(processor, "KINESIS_STREAM_NAME"));
                kinesis.onAccepted(record -> listener.accept(RecordedEvent.fromEventJson(record.text())));
                yield kinesis;
            }
            case FIREHOSE -> {
                FirehoseStandIn firehose = FirehoseStandIn.start(required(processor, "FIREHOSE_DELIVERY_STREAM_NAME"));
                firehose.onAccepted(record -> listener.accept(RecordedEvent.fromEventJson(record.text())));
                yield firehose;
            }
            case EVENTBRIDGE -> {
                String bus = required(processor, "EVENTBRIDGE_EVENT_BUS");
                EventBridgeStandIn eventBridge = EventBridgeStandIn.start(bus.startsWith("arn:") ? bus
                        : "arn:aws:events:" + region + ":" + CloudFormationReferences.LOCAL_ACCOUNT + ":event-bus/" + bus);
                eventBridge.onAccepted(entry -> listener.accept(RecordedEvent.fromEventJson(entry.detail())));
                yield eventBridge;
            }
            case CUSTOMER_PROFILES -> {
                CustomerProfilesStandIn profiles = CustomerProfilesStandIn.start(
                        required(processor, "CUSTOMER_PROFILES_DOMAIN_NAME"),
                        required(processor, "CUSTOMER_PROFILES_OBJECT_TYPE_NAME"));
                profiles.onAccepted(object -> listener.accept(RecordedEvent.fromEventJson(object.object())));
                yield profiles;
            }
        };
        System.setProperty(service.systemProperty(), standIn.endpoint().toString());
        return new LocalDestination(destination, standIn, standIn.endpoint());
    }

    private static String required(Map<String, String> processor, String variable) {
        String value = processor.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the synthesized processor environment has no " + variable);
        }
        return value;
    }

    @Override
    public void close() {
        if (standIn != null) {
            try {
                standIn.close();
            } catch (RuntimeException e) {
                throw new IllegalStateException("could not stop the " + destination.value() + " stand-in", e);
            }
        }
    }

    @Override
    public String toString() {
        return destination.displayName() + (standIn == null ? " at " + endpoint + " (" + service(destination)
                .environmentVariable() + ")" : " stand-in at " + endpoint);
    }
}
