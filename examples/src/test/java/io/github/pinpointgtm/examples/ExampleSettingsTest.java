package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleSettingsTest {

    @Test
    void defaultsApplyWhenContextIsEmpty() {
        ExampleSettings settings = ExampleSettings.fromContext(key -> null);

        assertThat(settings.pinpointApplicationId()).isEqualTo(ExampleSettings.DEFAULT_APPLICATION_ID);
        assertThat(settings.allowedOrigins()).containsExactly("https://www.example.com");
        assertThat(settings.stackName()).isEqualTo("PinpointGtmConnectorExample");
    }

    @Test
    void contextOverridesDefaultsAndSplitsOrigins() {
        Map<String, Object> context = Map.of(
                "pinpointApplicationId", "fedcba9876543210fedcba9876543210",
                "allowedOrigins", " https://shop.example.org, https://www.example.org:8443 ,",
                "stackName", "Tracking");

        ExampleSettings settings = ExampleSettings.fromContext(context::get);

        assertThat(settings.pinpointApplicationId()).isEqualTo("fedcba9876543210fedcba9876543210");
        assertThat(settings.allowedOrigins()).containsExactly("https://shop.example.org", "https://www.example.org:8443");
        assertThat(settings.stackName()).isEqualTo("Tracking");
    }
}
