package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.ConnectorQueues;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.constructs.Construct;

/** The stage protection builder on its own: created or existing web ACL, association, nag justification, placement. */
class StageProtectionTest {

    private static final String WEB_ACL_ARN =
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/a1b2c3d4-5678-90ab-cdef-123456789abc";

    private record Built(Construct scope, EventsApi api, StageProtection protection, Template template) {
    }

    private static Built build(Stack stack, java.util.function.Function<Stack, PinpointGtmConnectorProps> props) {
        Construct scope = new Construct(stack, "Connector");
        PinpointGtmConnectorProps p = props.apply(stack);
        EventsApi api = new EventsApi(scope, p, new ConnectorQueues(scope, p));
        StageProtection protection = new StageProtection(scope, p, api);
        return new Built(scope, api, protection, Template.fromStack(stack));
    }

    private static Built build(java.util.function.Function<Stack, PinpointGtmConnectorProps> props) {
        return build(TestStacks.newStack(), props);
    }

    @Test
    void byDefaultCreatesAWebAclAndAssociatesItWithTheStage() {
        Built built = build(stack -> minimalProps().build());

        assertThat(built.protection().webAcl()).isNotNull();
        assertThat(built.scope().getNode().findChild("WebAclAssociation")).isSameAs(built.protection().association());
        assertThat(built.protection().metricBlocked(null)).isNotNull();
        assertThat(built.protection().webAclLogging()).isNull();
        built.template().resourceCountIs("AWS::WAFv2::WebACL", 1);
        built.template().hasResourceProperties("AWS::WAFv2::WebACLAssociation", Map.of(
                "WebACLArn", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "Arn")),
                "ResourceArn", Match.anyValue()));
    }

    @Test
    void anExistingWebAclIsAssociatedButNotCreated() {
        Built built = build(stack -> minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build());

        assertThat(built.protection().webAcl()).isNull();
        assertThat(built.protection().metricBlocked(null)).isNull();
        built.template().resourceCountIs("AWS::WAFv2::WebACL", 0);
        built.template().hasResourceProperties("AWS::WAFv2::WebACLAssociation", Match.objectLike(Map.of(
                "WebACLArn", WEB_ACL_ARN)));
    }

    @Test
    void withoutEdgeProtectionNothingIsAssociated() {
        Built built = build(stack -> minimalProps().edgeProtection(EdgeProtection.none()).build());

        assertThat(built.protection().association()).isNull();
        assertThat(built.protection().webAcl()).isNull();
        built.template().resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    }

    @Test
    void theAnonymousMethodsAreJustifiedByTheControlsPresentOnlyWithoutAnAuthorizer() {
        Built anonymous = build(stack -> minimalProps().build());
        for (String method : List.of("GET", "POST")) {
            anonymous.template().hasResource("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("HttpMethod", method)),
                    "Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(
                            Match.objectLike(Map.of("id", "AwsSolutions-APIG4",
                                    "reason", Match.stringLikeRegexp(".*AWS WAF.*"))),
                            Match.objectLike(Map.of("id", "AwsSolutions-COG4"))))))));
        }

        Built cognito = build(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users"))).build());
        cognito.template().allResources("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "Metadata", Match.absent())));
    }

    @Test
    void anExistingWebAclOfAnotherRegionIsRefusedNamingTheConstructPath() {
        Stack stack = new Stack(new App(), "Pinned", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());

        assertThatThrownBy(() -> build(stack, s -> minimalProps()
                .edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Pinned/Connector: webAclArn is in region eu-west-1");
    }
}
