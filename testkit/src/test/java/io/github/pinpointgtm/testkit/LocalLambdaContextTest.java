package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLambdaContextTest {

    @Test
    void countsDownFromTheTimeLeftAndNeverBelowZero() {
        assertThat(LocalLambdaContext.withMillisLeft(10_000).getRemainingTimeInMillis()).isBetween(0, 10_000);
        assertThat(new LocalLambdaContext(Duration.ofMillis(-5)).getRemainingTimeInMillis()).isZero();
    }

    @Test
    void eachInvocationHasItsOwnRequestId() {
        assertThat(LocalLambdaContext.withMillisLeft(1).getAwsRequestId())
                .isNotEqualTo(LocalLambdaContext.withMillisLeft(1).getAwsRequestId());
    }
}
