package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Test;
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
 * creates pass (or carry a suppression with its reason), and the connector's defaults pass without any suppression in
 * the app: its web ACL answers for the anonymous pixel (APIG3, APIG4, COG4).
 */
class ExampleCdkNagTest {

    private static List<String> findings(ExampleDestination destination) {
        return findings(destination, ExampleDomainSettings.NONE);
    }

    private static List<String> findings(ExampleDestination destination, ExampleDomainSettings domain) {
        App app = new App();
        ConnectorExampleStack stack = new ConnectorExampleStack(app, "Example", StackProps.builder().build(),
                new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID, List.of("https://shop.example.org"),
                        "Example", destination), domain);
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
    void nothingIsReported(ExampleDestination destination) {
        assertThat(findings(destination)).as("%s", destination).isEmpty();
    }

    @Test
    void nothingIsReportedWithACustomDomain() {
        assertThat(findings(ExampleDestination.PINPOINT,
                ExampleDomainSettings.fromContext(ExampleDomainSettingsTest.WITH_ZONE::get))).isEmpty();
    }
}
