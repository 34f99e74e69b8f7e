package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions pack on every destination variant of the example stack: the destination resources it
 * creates pass (or carry a suppression with its reason). What remains is the connector's documented default, an
 * open pixel endpoint without WAF: no authorizer on GET and POST (APIG4, COG4) and no web ACL (APIG3).
 */
class ExampleCdkNagTest {

    private static final List<String> OPEN_PIXEL_FINDINGS = List.of("AwsSolutions-APIG4", "AwsSolutions-COG4",
            "AwsSolutions-APIG3");

    private static List<String> findings(ExampleDestination destination) {
        App app = new App();
        ConnectorExampleStack stack = new ConnectorExampleStack(app, "Example", StackProps.builder().build(),
                new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID, List.of("https://shop.example.org"),
                        "Example", destination));
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> messages = new java.util.ArrayList<>(
                annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        messages.addAll(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(ExampleDestination.class)
    void onlyTheOpenPixelDefaultsAreReported(ExampleDestination destination) {
        List<String> findings = findings(destination);
        assertThat(findings).as("%s", destination)
                .allMatch(f -> OPEN_PIXEL_FINDINGS.stream().anyMatch(f::contains), "is an open-pixel finding")
                .allMatch(f -> f.startsWith("/Example/Connector/Api/"), "is on the connector's API")
                .hasSize(5);
    }
}
