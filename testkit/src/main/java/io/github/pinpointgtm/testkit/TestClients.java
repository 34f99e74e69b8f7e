package io.github.pinpointgtm.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Real SDK clients aimed at the local stand-ins, configured like the processor's (standard retries, lean HTTP). */
public final class TestClients {

    public static final StaticCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTESTTEST", "test-secret"));

    private TestClients() {
    }

    public static PinpointClient pinpoint(URI endpoint) {
        return aimedAt(PinpointClient.builder(), endpoint);
    }

    public static SqsClient sqs(URI endpoint) {
        return aimedAt(SqsClient.builder(), endpoint);
    }

    public static KinesisClient kinesis(URI endpoint) {
        return aimedAt(KinesisClient.builder(), endpoint);
    }

    public static FirehoseClient firehose(URI endpoint) {
        return aimedAt(FirehoseClient.builder(), endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C aimedAt(B builder, URI endpoint) {
        return builder
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
