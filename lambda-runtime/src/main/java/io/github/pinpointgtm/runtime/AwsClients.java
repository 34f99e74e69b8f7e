package io.github.pinpointgtm.runtime;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the processor's SDK clients once per Lambda instance: one lean HTTP client ({@code UrlConnectionHttpClient})
 * shared by all, the region from {@code AWS_REGION}, the default credentials chain (which reads SnapStart's
 * container credentials; never hard-wired environment-variable credentials), the standard retry mode (jittered
 * exponential backoff). Endpoints come from the SDK's standard configuration, so {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_PINPOINT} and {@code AWS_ENDPOINT_URL_SQS} (or the {@code aws.endpointUrl*} system
 * properties) point the processor at other endpoints without code here.
 */
final class AwsClients {

    /** Connecting to an AWS endpoint takes milliseconds; longer means it is unreachable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** One HTTP attempt may wait this long for data; the invocation's deadline bounds the whole call anyway. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final Region region;
    private final SdkHttpClient httpClient;

    private AwsClients(Region region, SdkHttpClient httpClient) {
        this.region = region;
        this.httpClient = httpClient;
    }

    /** @param region the region of the processor's AWS services ({@code AWS_REGION}) */
    static AwsClients forRegion(Region region) {
        return new AwsClients(region, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build());
    }

    PinpointClient pinpoint() {
        return PinpointClient.builder()
                .region(region)
                .httpClient(httpClient)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    SqsClient sqs() {
        return SqsClient.builder()
                .region(region)
                .httpClient(httpClient)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
