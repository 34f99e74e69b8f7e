package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ConnectorExampleStackTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        ExampleSettings settings = new ExampleSettings(
                "fedcba9876543210fedcba9876543210", List.of("https://shop.example.org"), "Example");
        template = Template.fromStack(new ConnectorExampleStack(app, "Example", StackProps.builder().build(), settings));
    }

    @Test
    void exposesTheGtmUrlAndTheDeadLetterQueueAsOutputs() {
        assertThat(template.findOutputs("EventsUrl")).hasSize(1);
        assertThat(template.findOutputs("DeadLetterQueueUrl")).hasSize(1);
    }

    @Test
    void passesContextSettingsToTheProcessor() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "PINPOINT_APPLICATION_ID", "fedcba9876543210fedcba9876543210",
                        "ALLOWED_ORIGINS", "https://shop.example.org"))))));
    }
}
