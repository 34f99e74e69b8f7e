package io.github.pinpointgtm.runtime.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@link LocalAws}'s sibling for the Kinesis Data Streams and Data Firehose destinations: points the processor's real
 * SDK clients at the local stand-ins through the SDK's standard configuration ({@code aws.endpointUrlKinesis},
 * {@code aws.endpointUrlFirehose} and {@code aws.endpointUrlSqs}, the twins of {@code AWS_ENDPOINT_URL_KINESIS},
 * {@code AWS_ENDPOINT_URL_FIREHOSE} and {@code AWS_ENDPOINT_URL_SQS}) and dummy static credentials. Also builds test
 * clients for those services, configured like the processor's.
 */
public final class LocalStreamsAws implements AutoCloseable {

    public static final String STREAM_NAME = "gtm-customer-events";
    public static final String DELIVERY_STREAM_NAME = "gtm-customer-events-to-s3";
    private static final String[] PROPERTIES = {
            "aws.endpointUrlKinesis", "aws.endpointUrlFirehose", "aws.endpointUrlSqs",
            "aws.accessKeyId", "aws.secretAccessKey"};

    private final Map<String, String> previous = new LinkedHashMap<>();

    /**
     * @param destination the Kinesis or Firehose stand-in
     * @param sqs         the dead-letter queue's ElasticMQ
     */
    public LocalStreamsAws(RecordStreamStandIn destination, ElasticMqHarness sqs) {
        for (String property : PROPERTIES) {
            previous.put(property, System.getProperty(property));
        }
        System.setProperty(destination instanceof KinesisStandIn ? "aws.endpointUrlKinesis" : "aws.endpointUrlFirehose",
                destination.endpoint().toString());
        System.setProperty("aws.endpointUrlSqs", sqs.endpoint().toString());
        System.setProperty("aws.accessKeyId", "AKIDLOCALTESTING0000");
        System.setProperty("aws.secretAccessKey", "local-testing-secret");
    }

    /** @return the environment the construct would set for {@code DESTINATION_TYPE=kinesis} */
    public static Map<String, String> kinesisEnvironment(String deadLetterQueueUrl) {
        Map<String, String> env = common(deadLetterQueueUrl);
        env.put("DESTINATION_TYPE", "kinesis");
        env.put("KINESIS_STREAM_NAME", STREAM_NAME);
        return env;
    }

    /** @return the environment the construct would set for {@code DESTINATION_TYPE=firehose} */
    public static Map<String, String> firehoseEnvironment(String deadLetterQueueUrl) {
        Map<String, String> env = common(deadLetterQueueUrl);
        env.put("DESTINATION_TYPE", "firehose");
        env.put("FIREHOSE_DELIVERY_STREAM_NAME", DELIVERY_STREAM_NAME);
        return env;
    }

    private static Map<String, String> common(String deadLetterQueueUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
        env.put("ALLOWED_ORIGINS", TestEnvelopes.ORIGIN);
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    /** @return a Kinesis client aimed at {@code endpoint}, configured like the processor's */
    public static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(TestClients.DUMMY_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    /** @return a Firehose client aimed at {@code endpoint}, configured like the processor's */
    public static FirehoseClient firehose(URI endpoint) {
        return FirehoseClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(TestClients.DUMMY_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
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
