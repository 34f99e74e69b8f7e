package io.github.pinpointgtm.runtime.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points the processor's real SDK clients at the local stand-ins the way a deployment would point them at other
 * endpoints: through the SDK's standard configuration (the {@code aws.endpointUrlPinpoint} and
 * {@code aws.endpointUrlSqs} system properties, the twins of {@code AWS_ENDPOINT_URL_PINPOINT} and
 * {@code AWS_ENDPOINT_URL_SQS}) and dummy static credentials ({@code aws.accessKeyId}, {@code aws.secretAccessKey}),
 * which the default credentials chain reads first.
 */
public final class LocalAws implements AutoCloseable {

    public static final String APPLICATION_ID = "0123456789abcdef0123456789abcdef";
    private static final String[] PROPERTIES = {
            "aws.endpointUrlPinpoint", "aws.endpointUrlSqs", "aws.accessKeyId", "aws.secretAccessKey"};

    private final Map<String, String> previous = new LinkedHashMap<>();

    public LocalAws(PinpointStandIn pinpoint, ElasticMqHarness sqs) {
        for (String property : PROPERTIES) {
            previous.put(property, System.getProperty(property));
        }
        System.setProperty("aws.endpointUrlPinpoint", pinpoint.endpoint().toString());
        System.setProperty("aws.endpointUrlSqs", sqs.endpoint().toString());
        System.setProperty("aws.accessKeyId", "AKIDLOCALTESTING0000");
        System.setProperty("aws.secretAccessKey", "local-testing-secret");
    }

    /** @return the environment the construct would set, aimed at the given dead-letter queue */
    public static Map<String, String> environment(String deadLetterQueueUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DESTINATION_TYPE", "pinpoint");
        env.put("PINPOINT_APPLICATION_ID", APPLICATION_ID);
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
