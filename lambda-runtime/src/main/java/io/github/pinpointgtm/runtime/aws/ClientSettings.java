package io.github.pinpointgtm.runtime.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How the processor builds its SDK clients, once per Lambda instance: one lean HTTP client
 * ({@code UrlConnectionHttpClient}) shared by all, the region from {@code AWS_REGION}, the credentials provider the
 * environment calls for ({@link CredentialsChoice}: SnapStart's container credentials endpoint when Lambda sets it,
 * else the environment's keys), the standard retry mode (jittered exponential backoff, at most 3 attempts).
 * Endpoints come from the SDK's standard configuration, so {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} (or the {@code aws.endpointUrl*} system properties) point the processor at
 * other endpoints without code here.
 *
 * <p>Bounded attempts: each HTTP attempt ends after {@link #API_CALL_ATTEMPT_TIMEOUT}, so one hung connection costs
 * a retry, not the whole call; each call's own {@code apiCallTimeout} (retries included) is set per request from the
 * invocation's remaining budget by its caller, so no call outlives the invocation.
 *
 * <p>Connections: {@code UrlConnectionHttpClient} has no pool of its own; it relies on the JDK's keep-alive cache,
 * which keeps at most {@code http.maxConnections} (default 5) idle connections per host. {@link #forRegion(Region, int)}
 * raises that to the number of calls the processor makes at once, so parallel deliveries reuse their connections
 * instead of opening (and TLS-negotiating) new ones.
 *
 * <p>Destinations build their own client with {@link #configure} so that only the configured destination's SDK
 * module is ever loaded.
 *
 * @param region      the region of the clients
 * @param httpClient  the HTTP client every client shares
 * @param credentials the credentials provider every client uses
 */
public record ClientSettings(Region region, SdkHttpClient httpClient, AwsCredentialsProvider credentials) {

    /** Connecting to an AWS endpoint takes milliseconds; longer means it is unreachable. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** One HTTP attempt may wait this long for data; the invocation's deadline bounds the whole call anyway. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /**
     * One HTTP attempt (connect, send, wait, read) may take this long before the SDK abandons it and retries: the
     * services answer in well under a second, so a few seconds mean a stuck connection, and ending it leaves time in
     * the invocation for another attempt.
     */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** The JDK's keep-alive cache size per host, {@value #MAX_CONNECTIONS_PROPERTY}, when nothing sets it. */
    static final int JDK_DEFAULT_MAX_CONNECTIONS = 5;
    /** The JDK system property bounding idle keep-alive connections per host. */
    static final String MAX_CONNECTIONS_PROPERTY = "http.maxConnections";

    /**
     * @param region      the region of the clients
     * @param httpClient  the HTTP client every client shares
     * @param credentials the credentials provider every client uses
     * @throws NullPointerException naming the missing argument
     */
    public ClientSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * @param region          the region of the processor's AWS services ({@code AWS_REGION})
     * @param concurrentCalls how many calls to one service may be in flight at once (the delivery concurrency)
     * @return {@link #forRegion(Region, int, Map)} with the process environment
     */
    public static ClientSettings forRegion(Region region, int concurrentCalls) {
        return forRegion(region, concurrentCalls, System.getenv());
    }

    /**
     * @param region          the region of the processor's AWS services ({@code AWS_REGION})
     * @param concurrentCalls how many calls to one service may be in flight at once (the delivery concurrency)
     * @param environment     the environment variables the credentials provider is chosen from
     * @return the settings Lambda runs with: {@code UrlConnectionHttpClient} with short timeouts, the credentials
     *         provider of {@link CredentialsChoice#fromEnvironment}, and a keep-alive cache holding at least
     *         {@code concurrentCalls} connections per host
     * @throws IllegalArgumentException naming the variable when the environment's credentials are incomplete
     */
    public static ClientSettings forRegion(Region region, int concurrentCalls, Map<String, String> environment) {
        AwsCredentialsProvider credentials = CredentialsChoice.fromEnvironment(environment);
        keepIdleConnections(concurrentCalls);
        return new ClientSettings(region, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build(), credentials);
    }

    /**
     * Raises {@value #MAX_CONNECTIONS_PROPERTY} to {@code connections} unless it is already at least that. The JDK
     * reads it once, when the first connection is kept alive, so this must run before any HTTP call.
     *
     * @param connections the idle connections per host to keep
     */
    static void keepIdleConnections(int connections) {
        int current = JDK_DEFAULT_MAX_CONNECTIONS;
        String configured = System.getProperty(MAX_CONNECTIONS_PROPERTY);
        if (configured != null) {
            try {
                current = Integer.parseInt(configured.trim());
            } catch (NumberFormatException e) {
                current = JDK_DEFAULT_MAX_CONNECTIONS; // the JDK ignores it too
            }
        }
        if (connections > current) {
            System.setProperty(MAX_CONNECTIONS_PROPERTY, Integer.toString(connections));
        }
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
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT))
                .build();
    }
}
