package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.AdvancedSecurityMode;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.wafv2.CfnWebACL;

/**
 * cdk-nag's AWS Solutions pack on stacks that use every option: no unsuppressed error or warning comes from the
 * connector. Resources the test itself creates (user pool, authorizer function, WAF) are configured to pass too.
 */
class CdkNagTest {

    private static Stack cognitoStack;
    private static Stack lambdaStack;
    private static Stack defaultsStack;
    private static Stack openStack;
    private static Stack existingWebAclStack;
    private static final Map<String, Stack> DESTINATION_STACKS = new LinkedHashMap<>();

    @BeforeAll
    static void synthesize() {
        defaultsStack = nagChecked("DefaultsStack", minimalProps().build());
        openStack = nagChecked("OpenStack", minimalProps().edgeProtection(EdgeProtection.none()).build());
        existingWebAclStack = nagChecked("ExistingWebAclStack", minimalProps().edgeProtection(
                EdgeProtection.existingWebAcl("arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/"
                        + "a1b2c3d4-5678-90ab-cdef-123456789abc")).build());
        cognitoStack = everyOption(stack -> ConnectorAuthorization.cognito(userPool(stack)));
        lambdaStack = everyOption(stack -> ConnectorAuthorization.lambda(authorizerFunction(stack), "token"));
        for (String type : List.of("kinesis", "firehose", "eventbridge", "customer-profiles")) {
            DESTINATION_STACKS.put(type, everyOption(stack -> ConnectorAuthorization.cognito(userPool(stack)),
                    stack -> DestinationFixtures.in(stack).destinations().get(type)));
        }
    }

    /** A stack with one connector of these props, synthesized with the AWS Solutions pack. */
    private static Stack nagChecked(String stackName, PinpointGtmConnectorProps props) {
        App app = new App();
        Stack stack = new Stack(app, stackName);
        new PinpointGtmConnector(stack, "Connector", props);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
        return stack;
    }

    private static Stack everyOption(java.util.function.Function<Stack, ConnectorAuthorization> authorization) {
        return everyOption(authorization, stack -> EventDestination.pinpoint(TestStacks.APP_ID));
    }

    private static Stack everyOption(java.util.function.Function<Stack, ConnectorAuthorization> authorization,
            java.util.function.Function<Stack, EventDestination> destination) {
        App app = new App();
        Stack stack = new Stack(app, "NagStack");
        Key key = Key.Builder.create(stack, "QueueKey").enableKeyRotation(true).build();
        Topic topic = Topic.Builder.create(stack, "Alerts").masterKey(key).enforceSsl(true).build();
        CfnWebACL webAcl = TestStacks.applicationWebAcl(stack);
        new PinpointGtmConnector(stack, "Connector", PinpointGtmConnectorProps.builder()
                .destination(destination.apply(stack))
                .allowedOrigins(List.of(TestStacks.ORIGIN))
                .authorization(authorization.apply(stack))
                .encryptionKey(key)
                .alarms(ConnectorAlarms.builder().topic(topic).build())
                .tracing(true)
                .edgeProtection(EdgeProtection.existingWebAcl(webAcl.getAttrArn()))
                .includeSourceIp(true)
                .build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
        return stack;
    }

    /** The test's own authorizer function: a fixture, not part of the connector, so its findings are suppressed. */
    private static IFunction authorizerFunction(Stack stack) {
        IFunction function = ConnectorAuthorizationTest.authorizerFunction(stack);
        NagSuppressions.addResourceSuppressions(function, List.of(
                NagPackSuppression.builder().id("AwsSolutions-IAM4")
                        .reason("Test fixture: the user's authorizer function is outside the connector.").build(),
                NagPackSuppression.builder().id("AwsSolutions-L1")
                        .reason("Test fixture: the user's authorizer function is outside the connector.").build()),
                true);
        return function;
    }

    private static UserPool userPool(Stack stack) {
        return UserPool.Builder.create(stack, "Users")
                .mfa(Mfa.REQUIRED)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).requireDigits(true).requireLowercase(true)
                        .requireUppercase(true).requireSymbols(true).build())
                .advancedSecurityMode(AdvancedSecurityMode.ENFORCED)
                .build();
    }

    private static List<String> findings(Stack stack, String level) {
        software.amazon.awscdk.assertions.Annotations annotations =
                software.amazon.awscdk.assertions.Annotations.fromStack(stack);
        List<SynthesisMessage> messages = "error".equals(level)
                ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        return messages.stream().map(m -> m.getId() + ": " + String.valueOf(m.getEntry().getData()))
                .collect(Collectors.toList());
    }

    /** The defaults: an anonymous pixel behind the connector's web ACL, which answers APIG3, APIG4 and COG4. */
    @Test
    void defaultsPassWithoutErrorsOrWarnings() {
        assertThat(findings(defaultsStack, "error")).isEmpty();
        assertThat(findings(defaultsStack, "warning")).isEmpty();
    }

    @Test
    void anAnonymousPixelBehindTheApplicationsWebAclPasses() {
        assertThat(findings(existingWebAclStack, "error")).isEmpty();
        assertThat(findings(existingWebAclStack, "warning")).isEmpty();
    }

    @Test
    void aCustomDomainWithAliasRecordsAndNoDefaultEndpointPasses() {
        App app = new App();
        Stack stack = new Stack(app, "CustomDomainStack");
        new PinpointGtmConnector(stack, "Connector", minimalProps()
                .customDomain(CustomDomain.builder()
                        .domainName("collect.example.com")
                        .certificate(Certificate.fromCertificateArn(stack, "Certificate",
                                "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"))
                        .hostedZone(HostedZone.fromHostedZoneAttributes(stack, "Zone", HostedZoneAttributes.builder()
                                .hostedZoneId("Z0123456789ABCDEFGHIJ").zoneName("example.com").build()))
                        .disableExecuteApiEndpoint(true)
                        .build())
                .eventsPath("collect")
                .build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();

        assertThat(findings(stack, "error")).isEmpty();
        assertThat(findings(stack, "warning")).isEmpty();
    }

    /** Without a web ACL nothing answers for the open methods: cdk-nag reports exactly them, nothing else is hidden. */
    @Test
    void noEdgeProtectionReportsTheOpenEndpointAndTheMissingWebAcl() {
        assertThat(findings(openStack, "error")).extracting(finding -> finding.substring(0, finding.indexOf(':')))
                .containsExactlyInAnyOrder(
                        "/OpenStack/Connector/Api/Default/events/GET/Resource",
                        "/OpenStack/Connector/Api/Default/events/GET/Resource",
                        "/OpenStack/Connector/Api/Default/events/POST/Resource",
                        "/OpenStack/Connector/Api/Default/events/POST/Resource");
        assertThat(String.join("\n", findings(openStack, "error")))
                .contains("AwsSolutions-APIG4", "AwsSolutions-COG4");
        assertThat(findings(openStack, "warning")).hasSize(1).allMatch(w -> w.contains("AwsSolutions-APIG3"));
    }

    @Test
    void cognitoVariantHasNoUnsuppressedErrors() {
        assertThat(findings(cognitoStack, "error")).isEmpty();
    }

    @Test
    void cognitoVariantHasNoUnsuppressedWarnings() {
        assertThat(findings(cognitoStack, "warning")).isEmpty();
    }

    @Test
    void lambdaAuthorizerVariantHasNoUnsuppressedErrors() {
        assertThat(findings(lambdaStack, "error")).isEmpty();
    }

    @Test
    void lambdaAuthorizerVariantHasNoUnsuppressedWarnings() {
        assertThat(findings(lambdaStack, "warning")).isEmpty();
    }

    /**
     * The test's destination resources (stream, bucket, delivery stream, bus) are fixtures with findings of their
     * own; the connector's resources, its processor role's destination statements included, have none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kinesis", "firehose", "eventbridge", "customer-profiles"})
    void everyDestinationsStatementsPassWithoutSuppressions(String type) {
        Stack stack = DESTINATION_STACKS.get(type);
        assertThat(findings(stack, "error")).filteredOn(f -> f.contains("/Connector/")).isEmpty();
        assertThat(findings(stack, "warning")).filteredOn(f -> f.contains("/Connector/")).isEmpty();
    }

    /** The only suppression on the processor's policy is the X-Ray one of {@code tracing(true)}: none per destination. */
    @ParameterizedTest
    @ValueSource(strings = {"kinesis", "firehose", "eventbridge", "customer-profiles"})
    @SuppressWarnings("unchecked")
    void noDestinationAddsASuppression(String type) {
        Map<String, Map<String, Object>> policies = software.amazon.awscdk.assertions.Template
                .fromStack(DESTINATION_STACKS.get(type))
                .findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                        "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("ConnectorProcessorRole.*"))))))));
        assertThat(policies).hasSize(1);
        Map<String, Object> nag = (Map<String, Object>) ((Map<String, Object>) policies.values().iterator().next()
                .get("Metadata")).get("cdk_nag");
        List<Map<String, Object>> rules = (List<Map<String, Object>>) nag.get("rules_to_suppress");
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule).containsEntry("id", "AwsSolutions-IAM5");
            assertThat(rule).containsEntry("applies_to", List.of("Resource::*"));
        });
    }
}
