package io.github.pinpointgtm.runtime.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationTypeTest {

    @ParameterizedTest
    @EnumSource(DestinationType.class)
    void everyTypeIsReadBackFromItsValue(DestinationType type) {
        assertThat(DestinationType.fromValue(type.value())).isEqualTo(type);
        assertThat(DestinationType.fromValue(" " + type.value().toUpperCase() + " ")).isEqualTo(type);
    }

    @Test
    void theValuesAreTheEnvironmentContract() {
        assertThat(DestinationType.values()).extracting(DestinationType::value)
                .containsExactly("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");
    }

    @Test
    void unknownValuesListTheKnownOnes() {
        assertThatThrownBy(() -> DestinationType.fromValue("customer_profiles"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer_profiles")
                .hasMessageContaining("pinpoint, kinesis, firehose, eventbridge, customer-profiles");
    }
}
