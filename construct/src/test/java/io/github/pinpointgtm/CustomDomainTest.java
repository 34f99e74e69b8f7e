package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;

/** {@code customDomain} and {@code eventsPath}: the domain name, its mapping, the alias records, the path, the URL. */
class CustomDomainTest {

    private static final String CERTIFICATE_ARN =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    private static TestStacks.Synthesized withZone;
    private static TestStacks.Synthesized withoutZone;

    @BeforeAll
    static void synthesize() {
        withZone = TestStacks.synth(stack -> minimalProps()
                .customDomain(CustomDomain.builder()
                        .domainName("collect.example.com")
                        .certificate(certificate(stack))
                        .hostedZone(zone(stack))
                        .basePath("t")
                        .disableExecuteApiEndpoint(true)
                        .build())
                .eventsPath("collect")
                .build());
        withoutZone = TestStacks.synth(stack -> minimalProps()
                .customDomain(CustomDomain.builder()
                        .domainName("collect.example.com")
                        .certificate(certificate(stack))
                        .build())
                .build());
    }

    private static ICertificate certificate(Stack stack) {
        return Certificate.fromCertificateArn(stack, "Certificate", CERTIFICATE_ARN);
    }

    private static IHostedZone zone(Stack stack) {
        return HostedZone.fromHostedZoneAttributes(stack, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId("Z0123456789ABCDEFGHIJ").zoneName("example.com").build());
    }

    @Test
    void createsARegionalDomainNameWithTls12AndTheCertificate() {
        withZone.template().resourceCountIs("AWS::ApiGateway::DomainName", 1);
        withZone.template().hasResourceProperties("AWS::ApiGateway::DomainName", Map.of(
                "DomainName", "collect.example.com",
                "RegionalCertificateArn", CERTIFICATE_ARN,
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL"), "IpAddressType", "dualstack"),
                "SecurityPolicy", "TLS_1_2"));
    }

    @Test
    void theDomainNameIsDualStackSoItsAaaaAliasResolvesWhileTheApiStaysIpv4() {
        for (TestStacks.Synthesized synthesized : List.of(withZone, withoutZone)) {
            synthesized.template().hasResourceProperties("AWS::ApiGateway::DomainName", Map.of(
                    "EndpointConfiguration", Map.of("Types", List.of("REGIONAL"), "IpAddressType", "dualstack")));
            synthesized.template().hasResourceProperties("AWS::ApiGateway::RestApi", Map.of(
                    "EndpointConfiguration", Map.of("Types", List.of("REGIONAL"))));
        }
    }

    @Test
    void mapsTheBasePathToTheConnectorsStage() {
        String domain = withZone.logicalId(withZone.connector().getEventsDomain());
        String api = withZone.logicalId(withZone.connector().getRestApi());
        String stage = withZone.logicalId(withZone.connector().getRestApi().getDeploymentStage());
        withZone.template().resourceCountIs("AWS::ApiGateway::BasePathMapping", 1);
        withZone.template().hasResourceProperties("AWS::ApiGateway::BasePathMapping", Map.of(
                "DomainName", Map.of("Ref", domain),
                "RestApiId", Map.of("Ref", api),
                "Stage", Map.of("Ref", stage),
                "BasePath", "t"));
    }

    @Test
    void withoutABasePathMapsTheDomainsRoot() {
        Map<String, Object> mapping = onlyResource(withoutZone.template(), "AWS::ApiGateway::BasePathMapping");
        assertThat(mapping).doesNotContainKey("BasePath");
    }

    @Test
    void pointsAliasAAndAaaaRecordsOfTheZoneAtTheDomain() {
        String domain = withZone.logicalId(withZone.connector().getEventsDomain());
        for (String type : List.of("A", "AAAA")) {
            withZone.template().hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                    "Name", "collect.example.com.",
                    "Type", type,
                    "HostedZoneId", "Z0123456789ABCDEFGHIJ",
                    "AliasTarget", Map.of(
                            "DNSName", Map.of("Fn::GetAtt", List.of(domain, "RegionalDomainName")),
                            "HostedZoneId", Map.of("Fn::GetAtt", List.of(domain, "RegionalHostedZoneId")))));
        }
        withZone.template().resourceCountIs("AWS::Route53::RecordSet", 2);
    }

    @Test
    void withoutAZoneCreatesNoRecords() {
        withoutZone.template().resourceCountIs("AWS::Route53::RecordSet", 0);
        withoutZone.template().resourceCountIs("AWS::ApiGateway::DomainName", 1);
    }

    @Test
    void disablesTheExecuteApiEndpointOnlyWhenAsked() {
        withZone.template().hasResourceProperties("AWS::ApiGateway::RestApi",
                Map.of("DisableExecuteApiEndpoint", true));
        withoutZone.template().hasResourceProperties("AWS::ApiGateway::RestApi",
                Map.of("DisableExecuteApiEndpoint", Match.absent()));
    }

    private static TestStacks.Synthesized withExecuteApiEndpointDisabled(boolean disabled) {
        return TestStacks.synth(stack -> minimalProps()
                .customDomain(CustomDomain.builder()
                        .domainName("collect.example.com")
                        .certificate(certificate(stack))
                        .disableExecuteApiEndpoint(disabled)
                        .build())
                .build());
    }

    /** The logical id of the deployment the stage runs, with the content hash CDK appends at synthesis. */
    private static String deploymentId(TestStacks.Synthesized synthesized) {
        Capture deployment = new Capture();
        synthesized.template().hasResourceProperties("AWS::ApiGateway::Stage",
                Map.of("DeploymentId", Map.of("Ref", deployment)));
        return deployment.asString();
    }

    /*
     * API Gateway applies disableExecuteApiEndpoint only when the stage is deployed again. CDK hashes the CfnRestApi's
     * properties into the deployment's logical id, so switching the flag replaces the deployment: this guards that.
     */
    @Test
    void switchingTheExecuteApiEndpointRedeploysTheStageWhichIsWhenApiGatewayAppliesIt() {
        TestStacks.Synthesized enabled = withExecuteApiEndpointDisabled(false);
        TestStacks.Synthesized disabled = withExecuteApiEndpointDisabled(true);

        assertThat(deploymentId(disabled)).startsWith("ConnectorApiDeployment").isNotEqualTo(deploymentId(enabled));
        assertThat(deploymentId(withExecuteApiEndpointDisabled(true))).as("stable across syntheses")
                .isEqualTo(deploymentId(disabled));
        disabled.template().resourceCountIs("AWS::ApiGateway::Deployment", 1);
    }

    private static List<String> outputsNamingExecuteApi(TestStacks.Synthesized synthesized) {
        return synthesized.template().findOutputs("*").entrySet().stream()
                .filter(output -> output.getValue().toString().contains(".execute-api."))
                .map(Map.Entry::getKey).toList();
    }

    @Test
    void aDisabledExecuteApiEndpointHasNoEndpointOutputShowingItsUrl() {
        assertThat(outputsNamingExecuteApi(withZone)).isEmpty();
        assertThat(withZone.connector().getRestApi().getNode().tryFindChild("Endpoint")).isNull();
        assertThat(outputsNamingExecuteApi(withoutZone)).singleElement().asString().startsWith("ConnectorApiEndpoint");
    }

    @Test
    void theEventsResourceIsNamedByEventsPath() {
        withZone.template().resourceCountIs("AWS::ApiGateway::Resource", 1);
        withZone.template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "collect"));
        withoutZone.template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "events"));
    }

    @Test
    void theEventsUrlIsOnTheCustomDomain() {
        assertThat(withZone.stack().resolve(withZone.connector().getEventsUrl()))
                .isEqualTo("https://collect.example.com/t/collect");
        assertThat(withoutZone.stack().resolve(withoutZone.connector().getEventsUrl()))
                .isEqualTo("https://collect.example.com/events");
    }

    @Test
    void withoutACustomDomainTheEventsUrlIsTheStagesWithTheEventsPath() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().eventsPath("c_1-x").build());
        String url = synthesized.stack().resolve(synthesized.connector().getEventsUrl()).toString();
        assertThat(url).contains(".execute-api.").endsWith("/c_1-x]]}");
        assertThat(synthesized.connector().getEventsDomain()).isNull();
        synthesized.template().resourceCountIs("AWS::ApiGateway::DomainName", 0);
    }

    @Test
    void theStagesWebAclAlsoGuardsTheCustomDomain() {
        String stage = withZone.logicalId(withZone.connector().getRestApi().getDeploymentStage());
        Capture arn = new Capture();
        withZone.template().hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of("ResourceArn", arn));
        assertThat(arn.asObject().toString()).contains(stage);
    }

    @Test
    void acceptsTokensForTheDomainNameAndBasePath() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .customDomain(CustomDomain.builder()
                        .domainName(CfnParameter.Builder.create(stack, "Domain").build().getValueAsString())
                        .certificate(certificate(stack))
                        .hostedZone(zone(stack))
                        .basePath(CfnParameter.Builder.create(stack, "BasePath").build().getValueAsString())
                        .build())
                .build());
        synthesized.template().hasResourceProperties("AWS::ApiGateway::DomainName",
                Map.of("DomainName", Map.of("Ref", "Domain")));
        synthesized.template().hasResourceProperties("AWS::ApiGateway::BasePathMapping",
                Map.of("BasePath", Map.of("Ref", "BasePath")));
        assertThat(synthesized.stack().resolve(synthesized.connector().getEventsUrl())).isEqualTo(Map.of("Fn::Join",
                List.of("", List.of("https://", Map.of("Ref", "Domain"), "/", Map.of("Ref", "BasePath"), "/events"))));
    }

    @Test
    void refusesAMissingDomainNameOrCertificate() {
        Stack stack = TestStacks.newStack();
        assertThatThrownBy(() -> CustomDomain.builder().certificate(certificate(stack)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customDomain: domainName");
        assertThatThrownBy(() -> CustomDomain.builder().domainName("collect.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customDomain: certificate");
    }

    @Test
    void refusesDomainNamesThatAreNotOneHost() {
        ICertificate certificate = certificate(TestStacks.newStack());
        for (String name : List.of("https://collect.example.com", "collect.example.com/x", "*.example.com",
                "localhost", "collect.example.com:443", "-a.example.com", "a..example.com", "a_b.example.com",
                "a".repeat(64) + ".example.com")) {
            assertThatThrownBy(() -> CustomDomain.builder().domainName(name).certificate(certificate).build())
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("customDomain: domainName '" + name + "'");
        }
        assertThat(CustomDomain.builder().domainName("a-1.Collect.example.co.uk").certificate(certificate)
                .build().getDomainName()).isEqualTo("a-1.Collect.example.co.uk");
    }

    @Test
    void refusesABasePathApiGatewayWouldRefuse() {
        ICertificate certificate = certificate(TestStacks.newStack());
        for (String basePath : List.of("/t", "t/", "a/b", "a b", "ä", "a?b", "x".repeat(129), ".", "..")) {
            assertThatThrownBy(() -> CustomDomain.builder().domainName("collect.example.com")
                    .certificate(certificate).basePath(basePath).build())
                    .as(basePath).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("customDomain: basePath");
        }
        assertThat(CustomDomain.builder().domainName("collect.example.com").certificate(certificate)
                .basePath("v1.$_-+!*'()").build().getBasePath()).isEqualTo("v1.$_-+!*'()");
        assertThat(CustomDomain.builder().domainName("collect.example.com").certificate(certificate)
                .basePath("...").build().getBasePath()).as("only . and .. are dot segments").isEqualTo("...");
    }

    @Test
    void refusesADotSegmentAsBasePathBecauseUrlNormalisationRemovesIt() {
        ICertificate certificate = certificate(TestStacks.newStack());
        for (String basePath : List.of(".", "..")) {
            assertThatThrownBy(() -> CustomDomain.builder().domainName("collect.example.com")
                    .certificate(certificate).basePath(basePath).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("customDomain: basePath '" + basePath + "' is a dot segment");
        }
    }

    @Test
    void refusesADomainNameOutsideTheHostedZone() {
        Stack stack = TestStacks.newStack();
        ICertificate certificate = certificate(stack);
        IHostedZone zone = zone(stack);
        assertThatThrownBy(() -> CustomDomain.builder().domainName("collect.example.org")
                .certificate(certificate).hostedZone(zone).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domainName 'collect.example.org' is not in the hostedZone 'example.com'");
        assertThatThrownBy(() -> CustomDomain.builder().domainName("notexample.com")
                .certificate(certificate).hostedZone(zone).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CustomDomain.builder().domainName("example.com").certificate(certificate)
                .hostedZone(zone).build().getHostedZone()).isNotNull();
    }

    @Test
    void refusesACertificateOfAnotherRegionThanTheStacks() {
        Stack stack = new Stack(new App(), "Frankfurt", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-central-1").build()).build());
        assertThatThrownBy(() -> new PinpointGtmConnector(stack, "Connector", minimalProps()
                .customDomain(CustomDomain.builder().domainName("collect.example.com")
                        .certificate(certificate(stack)).build())
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customDomain: certificate " + CERTIFICATE_ARN + " is in region eu-west-1 but "
                        + "the stack deploys to eu-central-1");

        Stack ireland = new Stack(new App(), "Ireland", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new PinpointGtmConnector(ireland, "Connector", minimalProps()
                .customDomain(CustomDomain.builder().domainName("collect.example.com")
                        .certificate(certificate(ireland)).build())
                .build());
        Template.fromStack(ireland).resourceCountIs("AWS::ApiGateway::DomainName", 1);
    }

    @Test
    void refusesAnEventsPathThatIsNotOneSafeSegment() {
        for (String path : List.of("", "a/b", "events.gif", "a b", "é", "{proxy+}", "x".repeat(129))) {
            assertThatThrownBy(() -> minimalProps().eventsPath(path).build())
                    .as(path).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("eventsPath must be 1 to 128 letters, digits, '-' or '_'");
        }
        assertThatThrownBy(() -> minimalProps().eventsPath(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventsPath");
        assertThat(minimalProps().build().getEventsPath()).isEqualTo("events");
    }
}
