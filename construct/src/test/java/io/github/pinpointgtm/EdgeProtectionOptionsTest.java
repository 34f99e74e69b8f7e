package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Duration;

/** Defaults and build()-time validation of the web ACL options and the EdgeProtection factories. */
class EdgeProtectionOptionsTest {

    private static void assertRejected(UnaryOperator<EdgeProtectionOptions.Builder> change, String... messageParts) {
        assertThatThrownBy(() -> change.apply(EdgeProtectionOptions.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void defaultsAreDocumented() {
        EdgeProtectionOptions options = EdgeProtection.defaults().getOptions();

        assertThat(options.getRateLimitPerIp()).isEqualTo(10_000);
        assertThat(options.getRateLimitWindow().toSeconds()).isEqualTo(300);
        assertThat(options.getRateLimitPerEndpointId()).isNull();
        assertThat(options.isIpReputationList()).isTrue();
        assertThat(options.isKnownBadInputs()).isTrue();
        assertThat(options.isAnonymousIpList()).isFalse();
        assertThat(options.getMaxQueryStringBytes()).isEqualTo(8_192);
        assertThat(options.getMaxBodyBytes()).isEqualTo(16_384);
        assertThat(options.getLogDestination()).isNull();
        assertThat(EdgeProtection.defaults().getExistingWebAclArn()).isNull();
    }

    @Test
    void rateLimitsStayInWafsRange() {
        assertRejected(b -> b.rateLimitPerIp(9), "rateLimitPerIp", "between 10 and 2000000000", "got 9");
        assertRejected(b -> b.rateLimitPerEndpointId(9), "rateLimitPerEndpointId", "got 9");
        assertThat(EdgeProtectionOptions.builder().rateLimitPerIp(10).rateLimitPerEndpointId(2_000_000_000).build()
                .getRateLimitPerEndpointId()).isEqualTo(2_000_000_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 120, 300, 600})
    void theEvaluationWindowsWafSupportsAreAccepted(int seconds) {
        assertThat(EdgeProtectionOptions.builder().rateLimitWindow(Duration.seconds(seconds)).build()
                .getRateLimitWindow().toSeconds()).isEqualTo(seconds);
    }

    @Test
    void otherEvaluationWindowsAreRejected() {
        assertRejected(b -> b.rateLimitWindow(Duration.minutes(3)), "rateLimitWindow", "3 minutes");
        assertRejected(b -> b.rateLimitWindow(Duration.millis(60_500)), "rateLimitWindow");
        assertRejected(b -> b.rateLimitWindow(null), "rateLimitWindow", "null");
    }

    @Test
    void sizeLimitsCannotExceedWhatReachesTheStageOrWhatWafInspects() {
        assertRejected(b -> b.maxQueryStringBytes(10_241), "maxQueryStringBytes", "URL limit", "got 10241");
        assertRejected(b -> b.maxQueryStringBytes(0), "maxQueryStringBytes");
        assertRejected(b -> b.maxBodyBytes(16_385), "maxBodyBytes", "inspects", "got 16385");
        assertRejected(b -> b.maxBodyBytes(0), "maxBodyBytes");
        EdgeProtectionOptions largest = EdgeProtectionOptions.builder()
                .maxQueryStringBytes(10_240).maxBodyBytes(16_384).build();
        assertThat(largest.getMaxQueryStringBytes()).isEqualTo(EdgeProtectionOptions.MAX_QUERY_STRING_BYTES);
        assertThat(largest.getMaxBodyBytes()).isEqualTo(EdgeProtectionOptions.MAX_BODY_BYTES);
    }

    @Test
    void factoriesValidateTheirArguments() {
        assertThatThrownBy(() -> EdgeProtection.webAcl(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
        assertThatThrownBy(() -> EdgeProtection.existingWebAcl(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webAclArn");
        assertThatThrownBy(() -> EdgeProtection.existingWebAcl("arn:aws:wafv2:eu-west-1:123456789012:global/webacl/"
                + "pixel/a1b2c3d4-5678-90ab-cdef-123456789abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("regional web ACL ARN");
        assertThat(EdgeProtection.none().getOptions()).isNull();
        assertThat(EdgeProtection.none().getExistingWebAclArn()).isNull();
    }
}
