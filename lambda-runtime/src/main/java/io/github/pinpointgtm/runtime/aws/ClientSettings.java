package io.github.pinpointgtm.runtime.aws;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How the processor builds its SDK clients, once per Lambda instance: one lean HTTP client
 * ({@code UrlConnectionHttpClient}) shared by all, the region from {@code AWS_REGION}, the default credentials chain
 * (which reads SnapStart's container credentials; never hard-wired environment-variable credentials), the standard
 * retry mode (jittered exponential backoff). Endpoints come from the SDK's standard configuration, so
 * {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} (or the {@code aws.endpointUrl*} system
 * properties) point the processor at other endpoints without code here.
 *
 * <p>Destinations build their own client with {@link #configure} so that only the configured destination's SDK
 * module is ever loaded.
 */
public final class ClientSettings {

    /** Connecting to an AWS endpoint takes milliseconds; longer means it is unreachable. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** One HTTP attempt may wait this long for data; the invocation's deadline bounds the whole call anyway. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final Region region;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;

    /**
     * @param region      the region of the clients
     * @param httpClient  the HTTP client every client shares
     * @param credentials the credentials provider every client uses
     */
    public ClientSettings(Region region, SdkHttpClient httpClient, AwsCredentialsProvider credentials) {
        this.region = Objects.requireNonNull(region, "region");
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * @param region the region of the processor's AWS services ({@code AWS_REGION})
     * @return the settings Lambda runs with: {@code UrlConnectionHttpClient} with short timeouts, default credentials
     */
    public static ClientSettings forRegion(Region region) {
        return new ClientSettings(region, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build(), DefaultCredentialsProvider.builder().build());
    }

    /** @return the clients' region */
    public Region region() {
        return region;
    }

    /**
     * Applies these settings to a service client builder and builds the client.
     *
     * @param builder a synchronous service client builder, e.g. {@code KinesisClient.builder()}
     * @param <B>     the builder type
     * @param <C>     the client type
     * @return the client
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder.region(region)
                .httpClient(httpClient)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
