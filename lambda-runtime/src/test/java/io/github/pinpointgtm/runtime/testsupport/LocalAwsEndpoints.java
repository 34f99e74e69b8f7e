package io.github.pinpointgtm.runtime.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the processor's real SDK clients at local stand-ins through the SDK's standard configuration, like
 * {@link LocalAws} does for Pinpoint, for any service: the {@code aws.endpointUrl<Service>} system properties (the
 * twins of {@code AWS_ENDPOINT_URL_<SERVICE>}, e.g. {@code aws.endpointUrlEventBridge},
 * {@code aws.endpointUrlCustomerProfiles}, {@code aws.endpointUrlSqs}) and dummy static credentials
 * ({@code aws.accessKeyId}, {@code aws.secretAccessKey}), which the default credentials chain reads first. Closing it
 * restores the previous values.
 */
public final class LocalAwsEndpoints implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    /** @param endpointsByService e.g. {@code EventBridge -> http://127.0.0.1:1234}, {@code Sqs -> ...} */
    public LocalAwsEndpoints(Map<String, URI> endpointsByService) {
        Map<String, String> properties = new LinkedHashMap<>();
        endpointsByService.forEach((service, endpoint) -> properties.put("aws.endpointUrl" + service, endpoint.toString()));
        properties.put("aws.accessKeyId", "AKIDLOCALTESTING0000");
        properties.put("aws.secretAccessKey", "local-testing-secret");
        properties.forEach((property, value) -> {
            previous.put(property, System.getProperty(property));
            System.setProperty(property, value);
        });
    }

    /**
     * @param destinationType    the {@code DESTINATION_TYPE}
     * @param destinationSettings that destination's own variables
     * @param deadLetterQueueUrl the dead-letter queue's URL
     * @return the environment the construct would set for that destination
     */
    public static Map<String, String> environment(String destinationType, Map<String, String> destinationSettings,
                                                  String deadLetterQueueUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DESTINATION_TYPE", destinationType);
        env.putAll(destinationSettings);
        env.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
        env.put("ALLOWED_ORIGINS", TestEnvelopes.ORIGIN);
        env.put("AWS_REGION", "eu-west-1");
        return env;
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
