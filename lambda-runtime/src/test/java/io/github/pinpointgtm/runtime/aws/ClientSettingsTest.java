package io.github.pinpointgtm.runtime.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class ClientSettingsTest {

    private String previous;

    @BeforeEach
    void rememberTheJdkSetting() {
        previous = System.getProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY);
        System.clearProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY);
    }

    @AfterEach
    void restoreTheJdkSetting() {
        if (previous == null) {
            System.clearProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY);
        } else {
            System.setProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY, previous);
        }
    }

    @Test
    void theKeepAliveCacheHoldsAConnectionForEveryConcurrentCall() {
        ClientSettings.forRegion(Region.EU_WEST_1, 16);

        assertThat(System.getProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY)).isEqualTo("16");
    }

    @Test
    void aConcurrencyWithinTheJdkDefaultLeavesTheJdkDefault() {
        ClientSettings.forRegion(Region.EU_WEST_1, ClientSettings.JDK_DEFAULT_MAX_CONNECTIONS);

        assertThat(System.getProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY)).isNull();
    }

    @Test
    void aLargerSettingOfTheOperatorIsNeverLowered() {
        System.setProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY, "50");

        ClientSettings.forRegion(Region.EU_WEST_1, 16);

        assertThat(System.getProperty(ClientSettings.MAX_CONNECTIONS_PROPERTY)).isEqualTo("50");
    }

    @Test
    void everySettingIsRequired() {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            AwsCredentialsProvider credentials = AnonymousCredentialsProvider.create();

            assertThatNullPointerException().isThrownBy(() -> new ClientSettings(null, http, credentials))
                    .withMessage("region");
            assertThatNullPointerException().isThrownBy(() -> new ClientSettings(Region.EU_WEST_1, null, credentials))
                    .withMessage("httpClient");
            assertThatNullPointerException().isThrownBy(() -> new ClientSettings(Region.EU_WEST_1, http, null))
                    .withMessage("credentials");
        }
    }

    @Test
    void everyClientBoundsEachAttempt() {
        try (SqsClient sqs = ClientSettings.forRegion(Region.EU_WEST_1, 4).configure(SqsClient.builder())) {
            assertThat(sqs.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout())
                    .contains(ClientSettings.API_CALL_ATTEMPT_TIMEOUT);
        }
        assertThat(ClientSettings.API_CALL_ATTEMPT_TIMEOUT).isLessThan(ClientSettings.SOCKET_TIMEOUT);
    }
}
