package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The example app's custom-domain and events-path context keys, and the stack they synthesize (offline). */
class ExampleDomainSettingsTest {

    static final String CERTIFICATE_ARN =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    /** The context of {@code -c domainName=collect.example.com -c certificateArn=... -c hostedZoneId=... ...}. */
    static final Map<String, Object> WITH_ZONE = Map.of(
            "domainName", "collect.example.com",
            "certificateArn", CERTIFICATE_ARN,
            "hostedZoneId", "Z0123456789ABCDEFGHIJ",
            "hostedZoneName", "example.com",
            "eventsPath", "collect");

    static ConnectorExampleStack synthesize(Map<String, Object> context) {
        return new ConnectorExampleStack(new App(), "Example", StackProps.builder().build(),
                new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID, List.of("https://www.example.com"),
                        "Example"), ExampleDomainSettings.fromContext(context::get));
    }

    @Test
    void withoutContextTheEventsAreOnTheApisUrlAtEvents() {
        assertThat(ExampleDomainSettings.fromContext(key -> null)).isEqualTo(ExampleDomainSettings.NONE);
        Template template = Template.fromStack(synthesize(Map.of()));
        template.resourceCountIs("AWS::ApiGateway::DomainName", 0);
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "events"));
        assertThat(template.findOutputs("EventsDomainTarget")).isEmpty();
    }

    @Test
    void aDomainWithAZoneGetsTheDomainNameTheAliasRecordsAndTheUrl() {
        ConnectorExampleStack stack = synthesize(WITH_ZONE);
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::ApiGateway::DomainName", Map.of(
                "DomainName", "collect.example.com", "RegionalCertificateArn", CERTIFICATE_ARN,
                "SecurityPolicy", "TLS_1_2"));
        template.resourceCountIs("AWS::Route53::RecordSet", 2);
        template.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Type", "AAAA",
                "Name", "collect.example.com.", "HostedZoneId", "Z0123456789ABCDEFGHIJ"));
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "collect"));
        assertThat(template.findOutputs("EventsUrl").get("EventsUrl").get("Value"))
                .isEqualTo("https://collect.example.com/collect");
    }

    @Test
    void aDomainWithoutAZoneNamesTheTargetToPointItAt() {
        Template template = Template.fromStack(synthesize(Map.of("domainName", "collect.example.com",
                "certificateArn", CERTIFICATE_ARN, "basePath", "t", "disableExecuteApiEndpoint", "true")));

        template.resourceCountIs("AWS::Route53::RecordSet", 0);
        template.hasResourceProperties("AWS::ApiGateway::BasePathMapping", Map.of("BasePath", "t"));
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Map.of("DisableExecuteApiEndpoint", true));
        assertThat(template.findOutputs("EventsDomainTarget").get("EventsDomainTarget").get("Value").toString())
                .contains("RegionalDomainName");
        assertThat(template.findOutputs("EventsUrl").get("EventsUrl").get("Value"))
                .isEqualTo("https://collect.example.com/t/events");
    }

    @Test
    void keysThatDoNotGoTogetherFailNamingThem() {
        assertThatThrownBy(() -> ExampleDomainSettings.fromContext(Map.<String, Object>of(
                "domainName", "collect.example.com")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("certificateArn");
        assertThatThrownBy(() -> ExampleDomainSettings.fromContext(Map.<String, Object>of(
                "certificateArn", CERTIFICATE_ARN)::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need -c domainName");
        assertThatThrownBy(() -> ExampleDomainSettings.fromContext(Map.<String, Object>of(
                "domainName", "collect.example.com", "certificateArn", CERTIFICATE_ARN,
                "hostedZoneId", "Z0123456789ABCDEFGHIJ")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostedZoneName");
        assertThatThrownBy(() -> ExampleDomainSettings.fromContext(Map.<String, Object>of(
                "domainName", "collect.example.com", "certificateArn", CERTIFICATE_ARN,
                "disableExecuteApiEndpoint", "yes")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("disableExecuteApiEndpoint");
    }

    @Test
    void aBadEventsPathFailsTheSynthNamingTheProp() {
        assertThatThrownBy(() -> synthesize(Map.of("eventsPath", "a/b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventsPath");
    }

    @Test
    void theDefaultEndpointStaysOnUnlessAsked() {
        Template template = Template.fromStack(synthesize(WITH_ZONE));
        template.hasResourceProperties("AWS::ApiGateway::RestApi",
                Map.of("DisableExecuteApiEndpoint", Match.absent()));
    }
}
