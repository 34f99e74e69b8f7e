package io.github.pinpointgtm.testkit;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the processor's real SDK clients at local stand-ins the way a deployment would point them at other
 * endpoints: through the SDK's standard configuration, the {@code aws.endpointUrl<Service>} system properties (the
 * twins of {@code AWS_ENDPOINT_URL_<SERVICE>}, e.g. {@code aws.endpointUrlPinpoint}, {@code aws.endpointUrlSqs}) or
 * {@code aws.endpointUrl} for every service, and dummy static credentials ({@code aws.accessKeyId},
 * {@code aws.secretAccessKey}), which the default credentials chain reads first. Closing it restores the previous
 * values. Also builds the environment the construct would set for a destination.
 */
public final class LocalAws implements AutoCloseable {

    /** The Pinpoint application of {@link #pinpointEnvironment}. */
    public static final String APPLICATION_ID = "0123456789abcdef0123456789abcdef";
    /** The Kinesis data stream of {@link #kinesisEnvironment}. */
    public static final String STREAM_NAME = "gtm-customer-events";
    /** The Firehose stream of {@link #firehoseEnvironment}. */
    public static final String DELIVERY_STREAM_NAME = "gtm-customer-events-to-s3";

    /** A service the processor calls, by its SDK service id (the suffix of its {@code aws.endpointUrl*} property). */
    public enum Service {
        PINPOINT("Pinpoint"),
        SQS("Sqs"),
        KINESIS("Kinesis"),
        FIREHOSE("Firehose"),
        EVENTBRIDGE("EventBridge"),
        CUSTOMER_PROFILES("CustomerProfiles"),
        SECRETS_MANAGER("SecretsManager"),
        /** Every service without an endpoint of its own ({@code aws.endpointUrl}). */
        ALL("");

        private final String serviceId;

        Service(String serviceId) {
            this.serviceId = serviceId;
        }

        /** @return the system property that sets this service's endpoint */
        public String endpointProperty() {
            return "aws.endpointUrl" + serviceId;
        }
    }

    private final Map<String, String> previous = new LinkedHashMap<>();

    /** @param endpoints each service's local endpoint, e.g. {@code PINPOINT -> http://127.0.0.1:1234} */
    public LocalAws(Map<Service, URI> endpoints) {
        Map<String, String> properties = new LinkedHashMap<>();
        endpoints.forEach((service, endpoint) -> properties.put(service.endpointProperty(), endpoint.toString()));
        properties.put("aws.accessKeyId", "AKIDLOCALTESTING0000");
        properties.put("aws.secretAccessKey", "local-testing-secret");
        properties.forEach((property, value) -> {
            previous.put(property, System.getProperty(property));
            System.setProperty(property, value);
        });
    }

    /** @return {@code new LocalAws} for a destination's service and the dead-letter queue's ElasticMQ */
    public static LocalAws pointing(Service destination, URI destinationEndpoint, ElasticMqHarness sqs) {
        return new LocalAws(Map.of(destination, destinationEndpoint, Service.SQS, sqs.endpoint()));
    }

    /**
     * @param destinationType     the {@code DESTINATION_TYPE}
     * @param destinationSettings that destination's own variables
     * @param queues              the rejected queue and the dead-letter queue
     * @return the environment the construct would set for that destination
     */
    public static Map<String, String> environment(String destinationType, Map<String, String> destinationSettings,
                                                  SideQueues queues) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DESTINATION_TYPE", destinationType);
        env.putAll(destinationSettings);
        env.put("REJECTED_QUEUE_URL", queues.rejectedQueueUrl());
        env.put("DEAD_LETTER_QUEUE_URL", queues.deadLetterQueueUrl());
        env.put("ALLOWED_ORIGINS", TestEnvelopes.ORIGIN);
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    /** @return the environment the construct would set for {@code DESTINATION_TYPE=pinpoint} */
    public static Map<String, String> pinpointEnvironment(SideQueues queues) {
        return environment("pinpoint", Map.of("PINPOINT_APPLICATION_ID", APPLICATION_ID), queues);
    }

    /** @return the environment the construct would set for {@code DESTINATION_TYPE=kinesis} */
    public static Map<String, String> kinesisEnvironment(SideQueues queues) {
        return environment("kinesis", Map.of("KINESIS_STREAM_NAME", STREAM_NAME), queues);
    }

    /** @return the environment the construct would set for {@code DESTINATION_TYPE=firehose} */
    public static Map<String, String> firehoseEnvironment(SideQueues queues) {
        return environment("firehose", Map.of("FIREHOSE_DELIVERY_STREAM_NAME", DELIVERY_STREAM_NAME), queues);
    }

    @Override
    public void close() {
        previous.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }
}
