package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The processor's environment as the template gets it. */
class ProcessorEnvironmentTest {

    @Test
    void listsTheVariablesSortedByNameWhateverTheOrderTheyWereSetIn() {
        Map<String, String> destination = new LinkedHashMap<>();
        destination.put("EVENTBRIDGE_SOURCE", "gtm");
        destination.put("EVENTBRIDGE_DETAIL_TYPE", "GTM customer event");
        destination.put("EVENTBRIDGE_EVENT_BUS", "arn:aws:events:eu-west-1:123456789012:event-bus/b");

        Map<String, String> variables = new ProcessorEnvironment("eventbridge", destination, "https://q/dlq", "https://q/rejected")
                .metricsNamespace("PinpointGtm")
                .allowedOrigins(List.of("https://www.example.com"))
                .toMap();

        assertThat(variables.keySet()).containsExactly("ALLOWED_ORIGINS", "DEAD_LETTER_QUEUE_URL", "DESTINATION_TYPE",
                "EVENTBRIDGE_DETAIL_TYPE", "EVENTBRIDGE_EVENT_BUS", "EVENTBRIDGE_SOURCE", "METRICS_NAMESPACE",
                "REJECTED_QUEUE_URL");
        assertThatThrownBy(() -> variables.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
