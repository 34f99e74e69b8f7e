package io.github.pinpointgtm.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

class CredentialsChoiceTest {

    private static final Map<String, String> LAMBDA_KEYS = Map.of(
            "AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT00000",
            "AWS_SECRET_ACCESS_KEY", "environment-secret",
            "AWS_SESSION_TOKEN", "environment-token");

    @Test
    void aFunctionWithoutSnapStartUsesTheKeysLambdaPutInItsEnvironment() {
        AwsCredentials credentials = CredentialsChoice.fromEnvironment(LAMBDA_KEYS).resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("AKIDENVIRONMENT00000");
        assertThat(credentials.secretAccessKey()).isEqualTo("environment-secret");
        assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("environment-token");
    }

    @Test
    void keysWithoutASessionTokenAreLongTermCredentials() {
        AwsCredentials credentials = CredentialsChoice.fromEnvironment(Map.of(
                "AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT00000", "AWS_SECRET_ACCESS_KEY", "environment-secret"))
                .resolveCredentials();

        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("AKIDENVIRONMENT00000");
    }

    @Test
    void aSnapStartFunctionFetchesItsCredentialsFromTheContainerEndpoint() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            try (exchange) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = ("{\"AccessKeyId\":\"AKIDCONTAINER0000000\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-token\",\"Expiration\":\""
                        + Instant.now().plus(6, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        endpoint.start();
        String uri = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials";
        // The provider reads the endpoint and token like the SDK does: environment or their system property twins.
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", "snapstart-token");
        try {
            Map<String, String> snapStart = new java.util.HashMap<>(LAMBDA_KEYS);
            snapStart.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri);
            snapStart.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "snapstart-token");
            AwsCredentialsProvider provider = CredentialsChoice.fromEnvironment(snapStart);

            AwsCredentials credentials = provider.resolveCredentials();

            assertThat(provider).isInstanceOf(ContainerCredentialsProvider.class);
            assertThat(credentials.accessKeyId()).isEqualTo("AKIDCONTAINER0000000");
            assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("container-token");
            assertThat(authorizations).containsOnly("snapstart-token");
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
    }

    @Test
    void anEcsStyleRelativeUriAlsoSelectsTheContainerEndpoint() {
        assertThat(CredentialsChoice.fromEnvironment(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds")))
                .isInstanceOf(ContainerCredentialsProvider.class);
    }

    @Test
    void outsideLambdaTheSystemPropertiesAreRead() {
        System.setProperty("aws.accessKeyId", "AKIDPROPERTIES000000");
        System.setProperty("aws.secretAccessKey", "properties-secret");
        try {
            AwsCredentialsProvider provider = CredentialsChoice.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));

            assertThat(provider).isInstanceOf(SystemPropertyCredentialsProvider.class);
            assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDPROPERTIES000000");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void blankKeysCountAsUnset() {
        assertThat(CredentialsChoice.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", " ", "AWS_SECRET_ACCESS_KEY", "")))
                .isInstanceOf(SystemPropertyCredentialsProvider.class);
    }

    @Test
    void halfAKeyPairIsRefusedNamingTheMissingVariable() {
        assertThatThrownBy(() -> CredentialsChoice.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKID")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_SECRET_ACCESS_KEY is required when AWS_ACCESS_KEY_ID is set");
        assertThatThrownBy(() -> CredentialsChoice.fromEnvironment(Map.of("AWS_SECRET_ACCESS_KEY", "secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_ACCESS_KEY_ID is required when AWS_SECRET_ACCESS_KEY is set");
    }
}
