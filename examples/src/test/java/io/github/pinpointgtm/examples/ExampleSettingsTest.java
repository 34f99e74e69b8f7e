package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExampleSettingsTest {

    @Test
    void defaultsApplyWhenContextIsEmpty() {
        ExampleSettings settings = ExampleSettings.fromContext(key -> null);

        assertThat(settings.pinpointApplicationId()).isEqualTo(ExampleSettings.DEFAULT_APPLICATION_ID);
        assertThat(settings.allowedOrigins()).containsExactly("https://www.example.com");
        assertThat(settings.stackName()).isEqualTo("PinpointGtmConnectorExample");
        assertThat(settings.destination()).isEqualTo(ExampleDestination.PINPOINT);
    }

    @Test
    void contextOverridesDefaultsAndSplitsOrigins() {
        Map<String, Object> context = Map.of(
                "pinpointApplicationId", "fedcba9876543210fedcba9876543210",
                "allowedOrigins", " https://shop.example.org, https://www.example.org:8443 ,",
                "stackName", "Tracking",
                "destination", "firehose");

        ExampleSettings settings = ExampleSettings.fromContext(context::get);

        assertThat(settings.pinpointApplicationId()).isEqualTo("fedcba9876543210fedcba9876543210");
        assertThat(settings.allowedOrigins()).containsExactly("https://shop.example.org", "https://www.example.org:8443");
        assertThat(settings.stackName()).isEqualTo("Tracking");
        assertThat(settings.destination()).isEqualTo(ExampleDestination.FIREHOSE);
    }

    @ParameterizedTest
    @EnumSource(ExampleDestination.class)
    void everyDestinationIsSelectedByItsValue(ExampleDestination destination) {
        assertThat(ExampleSettings.fromContext(Map.<String, Object>of("destination", destination.value())::get)
                .destination()).isEqualTo(destination);
    }

    @Test
    void destinationValuesIgnoreCaseAndSurroundingSpaces() {
        assertThat(ExampleSettings.fromContext(Map.<String, Object>of("destination", " Customer-Profiles ")::get)
                .destination()).isEqualTo(ExampleDestination.CUSTOMER_PROFILES);
        assertThat(ExampleSettings.fromContext(Map.<String, Object>of("destination", "")::get).destination())
                .isEqualTo(ExampleDestination.PINPOINT);
    }

    @Test
    void anUnknownDestinationFailsListingTheAcceptedValues() {
        assertThatThrownBy(() -> ExampleSettings.fromContext(Map.<String, Object>of("destination", "sns")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'sns'", "destination",
                        "pinpoint, kinesis, firehose, eventbridge, customer-profiles");
    }

    @Test
    void cdkContextWinsOverASystemPropertyOfTheSameName() {
        Map<String, Object> context = Map.of("destination", "kinesis");
        Map<String, String> systemProperties = Map.of("destination", "eventbridge", "stackName", "FromMaven");

        ExampleSettings settings = ExampleSettings.fromContext(
                ExampleApp.contextOrSystemProperty(context::get, systemProperties::get));

        assertThat(settings.destination()).isEqualTo(ExampleDestination.KINESIS);
        assertThat(settings.stackName()).isEqualTo("FromMaven");
    }
}
