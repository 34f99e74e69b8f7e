package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cognito.UserPool;
import software.constructs.Construct;

/** The web ACL the connector creates by default, its options, the association, and the cdk-nag suppressions. */
class EdgeProtectionTest {

    private static final String WEB_ACL_ARN =
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/a1b2c3d4-5678-90ab-cdef-123456789abc";

    private static TestStacks.Synthesized everyRule;
    private static TestStacks.Synthesized existing;
    private static TestStacks.Synthesized none;

    @BeforeAll
    static void synthesize() {
        everyRule = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.lambda(ConnectorAuthorizationTest.authorizerFunction(stack),
                        "token"))
                .allowedEventTypes(List.of("purchase"))
                .edgeProtection(EdgeProtection.webAcl(EdgeProtectionOptions.builder()
                        .rateLimitPerIp(500)
                        .rateLimitWindow(Duration.minutes(1))
                        .rateLimitPerEndpointId(50)
                        .anonymousIpList(true)
                        .maxQueryStringBytes(4_096)
                        .maxBodyBytes(2_048)
                        .build()))
                .build());
        existing = TestStacks.synth(minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build());
        none = TestStacks.synth(minimalProps().edgeProtection(EdgeProtection.none()).build());
    }

    // ------------------------------------------------------------------------------------------- the web ACL

    @Test
    void defaultsCreateARegionalWebAclThatAllowsWhatNoRuleBlocks() {
        Map<String, Object> webAcl = onlyResource(defaults().template(), "AWS::WAFv2::WebACL");
        assertThat(webAcl).containsEntry("Scope", "REGIONAL")
                .containsEntry("DefaultAction", Map.of("Allow", Map.of()));
        assertThat(defaults().connector().getWebAcl()).isNotNull();
        assertThat(ruleNames(defaults())).containsExactly("RateLimitPerIp", "AWSManagedRulesAmazonIpReputationList",
                "AWSManagedRulesKnownBadInputsRuleSet", "QueryStringTooLarge", "BodyTooLarge");
    }

    @Test
    void theCreatedWebAclIsAssociatedWithTheStage() {
        Map<String, Object> association = onlyResource(defaults().template(), "AWS::WAFv2::WebACLAssociation");
        assertThat(association.get("WebACLArn"))
                .isEqualTo(Map.of("Fn::GetAtt",
                        List.of(logicalId(defaults(), defaults().connector().getWebAcl()), "Arn")));
        String stage = defaults().stack().getLogicalId(
                (CfnElement) defaults().connector().getRestApi().getDeploymentStage().getNode().getDefaultChild());
        assertThat(association.get("ResourceArn").toString()).contains("/restapis/", "/stages/", stage);
        assertThat(defaults().connector().getWebAclAssociation()).isNotNull();
    }

    @Test
    void thePerIpRateLimitAnswers429() {
        assertThat(rule(defaults(), "RateLimitPerIp")).containsEntry("Priority", 0)
                .containsEntry("Statement", Map.of("RateBasedStatement", Map.of(
                        "AggregateKeyType", "IP", "Limit", 10_000, "EvaluationWindowSec", 300)))
                .containsEntry("Action", blockWith(429));
        assertThat(rule(everyRule, "RateLimitPerIp").get("Statement")).isEqualTo(Map.of("RateBasedStatement",
                Map.of("AggregateKeyType", "IP", "Limit", 500, "EvaluationWindowSec", 60)));
    }

    @Test
    void thePerEndpointIdRateLimitIsOffByDefaultAndKeysOnTheQueryArgument() {
        assertThat(ruleNames(defaults())).doesNotContain("RateLimitPerEndpointId");
        assertThat(rule(everyRule, "RateLimitPerEndpointId")).containsEntry("Priority", 1)
                .containsEntry("Statement", Map.of("RateBasedStatement", Map.of(
                        "AggregateKeyType", "CUSTOM_KEYS",
                        "CustomKeys", List.of(Map.of("QueryArgument", Map.of("Name", "endpoint_id",
                                "TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE"))))),
                        "Limit", 50, "EvaluationWindowSec", 60)))
                .containsEntry("Action", blockWith(429));
    }

    @Test
    void managedRuleGroupsKeepTheirOwnActions() {
        for (String group : List.of("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet")) {
            assertThat(rule(defaults(), group))
                    .containsEntry("Statement", Map.of("ManagedRuleGroupStatement",
                            Map.of("VendorName", "AWS", "Name", group)))
                    .containsEntry("OverrideAction", Map.of("None", Map.of()))
                    .doesNotContainKey("Action");
        }
    }

    @Test
    void theAnonymousIpListIsOptIn() {
        assertThat(ruleNames(defaults())).doesNotContain("AWSManagedRulesAnonymousIpList");
        assertThat(ruleNames(everyRule)).containsExactly("RateLimitPerIp", "RateLimitPerEndpointId",
                "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList",
                "AWSManagedRulesKnownBadInputsRuleSet", "QueryStringTooLarge", "BodyTooLarge");
    }

    @Test
    void managedRuleGroupsCanBeTurnedOff() {
        TestStacks.Synthesized withoutGroups = TestStacks.synth(minimalProps()
                .edgeProtection(EdgeProtection.webAcl(EdgeProtectionOptions.builder()
                        .ipReputationList(false).knownBadInputs(false).build()))
                .build());
        assertThat(ruleNames(withoutGroups)).containsExactly("RateLimitPerIp", "QueryStringTooLarge", "BodyTooLarge");
    }

    @Test
    void oversizedQueryStringsAndBodiesAnswer413() {
        assertThat(rule(defaults(), "QueryStringTooLarge"))
                .containsEntry("Statement", Map.of("SizeConstraintStatement", Map.of(
                        "FieldToMatch", Map.of("QueryString", Map.of()), "ComparisonOperator", "GT", "Size", 8_192,
                        "TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE")))))
                .containsEntry("Action", blockWith(413));
        // A body longer than WAF inspects matches (is blocked) rather than passing uninspected.
        assertThat(rule(defaults(), "BodyTooLarge"))
                .containsEntry("Statement", Map.of("SizeConstraintStatement", Map.of(
                        "FieldToMatch", Map.of("Body", Map.of("OversizeHandling", "MATCH")), "ComparisonOperator", "GT",
                        "Size", 16_384, "TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE")))))
                .containsEntry("Action", blockWith(413));
        assertThat(sizeOf(rule(everyRule, "QueryStringTooLarge"))).isEqualTo(4_096);
        assertThat(sizeOf(rule(everyRule, "BodyTooLarge"))).isEqualTo(2_048);
    }

    @Test
    void metricNamesFitCloudWatchUnderADeeplyNestedConnector() {
        App app = new App();
        Construct scope = new Stack(app, "Stack" + "s".repeat(60));
        for (int depth = 0; depth < 4; depth++) {
            scope = new Construct(scope, "Nested" + depth + "n".repeat(60));
        }
        PinpointGtmConnector connector = new PinpointGtmConnector(scope, "Connector" + "c".repeat(60),
                minimalProps().edgeProtection(EdgeProtection.webAcl(EdgeProtectionOptions.builder()
                        .rateLimitPerEndpointId(50).anonymousIpList(true).build())).build());
        Map<String, Object> webAcl = onlyResource(Template.fromStack(Stack.of(connector)), "AWS::WAFv2::WebACL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nestedRules = (List<Map<String, Object>>) webAcl.get("Rules");

        List<String> metricNames = new java.util.ArrayList<>();
        metricNames.add(visibility(webAcl).get("MetricName").toString());
        nestedRules.forEach(rule -> metricNames.add(visibility(rule).get("MetricName").toString()));

        assertThat(nestedRules).hasSize(7);
        assertThat(metricNames).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name)
                .hasSizeLessThanOrEqualTo(128).matches("[\\w#:.\\-/]+"));
        // The longest rule name fills the limit: the prefix is as long as it may be, no shorter.
        assertThat(metricNames).anySatisfy(name -> assertThat(name).hasSize(128));
        assertThat(webAcl.get("Name").toString()).hasSizeLessThanOrEqualTo(128).matches("[\\w\\-]+");
    }

    @Test
    void everyRuleAndTheWebAclPublishMetricsUnderTheirOwnNames() {
        for (TestStacks.Synthesized synthesized : List.of(defaults(), everyRule)) {
            List<Map<String, Object>> visibility = rules(synthesized).stream()
                    .map(rule -> (Map<String, Object>) visibility(rule)).collect(Collectors.toList());
            visibility.add(visibility(onlyResource(synthesized.template(), "AWS::WAFv2::WebACL")));
            assertThat(visibility).allSatisfy(config -> assertThat(config)
                    .containsEntry("CloudWatchMetricsEnabled", true)
                    .containsEntry("SampledRequestsEnabled", true));
            assertThat(visibility).extracting(config -> config.get("MetricName")).doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name.toString()).matches("[\\w#:.\\-/]{1,128}").contains("Connector"));
        }
        assertThat(rules(defaults())).allSatisfy(rule -> assertThat(visibility(rule).get("MetricName").toString())
                .endsWith("-" + rule.get("Name")));
    }

    @Test
    void identityArgumentsTheAuthorizationHeaderAndCookiesAreRedactedFromLogsAndSampledRequests() {
        assertThat(onlyResource(defaults().template(), "AWS::WAFv2::WebACL").get("DataProtectionConfig"))
                .isEqualTo(Map.of("DataProtections", List.of(
                        Map.of("Field", Map.of("FieldType", "SINGLE_QUERY_ARGUMENT",
                                "FieldKeys", List.of("endpoint_id", "endpoint_sig")), "Action", "SUBSTITUTION"),
                        Map.of("Field", Map.of("FieldType", "SINGLE_HEADER",
                                "FieldKeys", List.of("authorization", "cookie")), "Action", "SUBSTITUTION"),
                        // No keys: every cookie.
                        Map.of("Field", Map.of("FieldType", "SINGLE_COOKIE"), "Action", "SUBSTITUTION"))));
    }

    @Test
    void anAuthorizersQueryCredentialsAreRedacted() {
        assertThat(protectedKeys(everyRule, "SINGLE_QUERY_ARGUMENT")).containsExactly("endpoint_id", "endpoint_sig",
                "token");
        assertThat(protectedKeys(everyRule, "SINGLE_HEADER")).containsExactly("authorization", "cookie");
    }

    @Test
    void anAuthorizersHeaderCredentialsAreRedactedOnceEachInLowerCase() {
        TestStacks.Synthesized headers = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.lambda(ConnectorAuthorization.LambdaAuthorizerOptions.builder()
                        .handler(ConnectorAuthorizationTest.authorizerFunction(stack))
                        .identitySources(List.of(IdentitySource.header("X-Pixel-Key"),
                                IdentitySource.header("Authorization"), IdentitySource.queryString("site"),
                                IdentitySource.header("X-Tenant")))
                        .build()))
                .build());

        assertThat(protectedKeys(headers, "SINGLE_HEADER"))
                .containsExactly("authorization", "cookie", "x-pixel-key", "x-tenant");
        assertThat(protectedKeys(headers, "SINGLE_QUERY_ARGUMENT")).containsExactly("endpoint_id", "endpoint_sig",
                "site");
    }

    @Test
    void cognitosIdTokenHeaderIsRedacted() {
        TestStacks.Synthesized cognito = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users"))).build());

        assertThat(protectedKeys(cognito, "SINGLE_HEADER")).containsExactly("authorization", "cookie");
    }

    @Test
    void aHeaderCredentialLongerThanWafCanRedactIsRefused() {
        String longHeader = "X-" + "k".repeat(63);
        Stack stack = TestStacks.newStack();
        PinpointGtmConnectorProps props = minimalProps()
                .authorization(ConnectorAuthorization.lambda(ConnectorAuthorization.LambdaAuthorizerOptions.builder()
                        .handler(ConnectorAuthorizationTest.authorizerFunction(stack))
                        .identitySources(List.of(IdentitySource.header(longHeader)))
                        .build()))
                .build();

        assertThatThrownBy(() -> new PinpointGtmConnector(stack, "Connector", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("authorization", longHeader, "64");
    }

    @Test
    void wafLoggingIsOffByDefault() {
        defaults().template().resourceCountIs("AWS::WAFv2::LoggingConfiguration", 0);
        assertThat(defaults().connector().getWebAclLogging()).isNull();
    }

    @Test
    void theBlockedRequestsMetricIsTheCreatedWebAcls() {
        Metric metric = defaults().connector().metricWebAclBlockedRequests(null);
        assertThat(metric.getNamespace()).isEqualTo("AWS/WAFV2");
        assertThat(metric.getMetricName()).isEqualTo("BlockedRequests");
        assertThat(metric.getStatistic()).isEqualTo("Sum");
        assertThat(metric.getPeriod().toSeconds()).isEqualTo(300);
        assertThat(metric.getDimensions())
                .containsEntry("WebACL", onlyResource(defaults().template(), "AWS::WAFv2::WebACL").get("Name"))
                .containsEntry("Rule", "ALL")
                .containsKey("Region");
        Metric perMinute = defaults().connector().metricWebAclBlockedRequests(MetricOptions.builder()
                .statistic("Maximum").period(Duration.minutes(1)).build());
        assertThat(perMinute.getStatistic()).isEqualTo("Maximum");
        assertThat(perMinute.getPeriod().toSeconds()).isEqualTo(60);
        assertThat(existing.connector().metricWebAclBlockedRequests(null)).isNull();
        assertThat(none.connector().metricWebAclBlockedRequests(null)).isNull();
    }

    // ---------------------------------------------------------------------------- existing and none

    @Test
    void anExistingWebAclIsAssociatedAndNoneCreated() {
        existing.template().resourceCountIs("AWS::WAFv2::WebACL", 0);
        assertThat(existing.connector().getWebAcl()).isNull();
        assertThat(onlyResource(existing.template(), "AWS::WAFv2::WebACLAssociation"))
                .containsEntry("WebACLArn", WEB_ACL_ARN);
    }

    @Test
    void noneCreatesAndAssociatesNothing() {
        none.template().resourceCountIs("AWS::WAFv2::WebACL", 0);
        none.template().resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
        assertThat(none.connector().getWebAcl()).isNull();
        assertThat(none.connector().getWebAclAssociation()).isNull();
    }

    // -------------------------------------------------------------------------------- cdk-nag suppressions

    @Test
    void anonymousMethodsBehindTheCreatedWebAclNameItsControls() {
        for (String httpMethod : List.of("GET", "POST")) {
            Map<String, String> reasons = suppressions(defaults(), httpMethod);
            assertThat(reasons).containsOnlyKeys("AwsSolutions-APIG4", "AwsSolutions-COG4");
            assertThat(reasons.get("AwsSolutions-APIG4")).isEqualTo(reasons.get("AwsSolutions-COG4"))
                    .contains("anonymous by necessity",
                            "a rate limit of 10000 requests per client IP per 300 s",
                            "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet",
                            "413 for query strings over 8192 bytes and bodies over 16384 bytes",
                            "stage throttling at 1000 requests per second (burst 2000)",
                            "origin policy", TestStacks.ORIGIN)
                    .doesNotContain("endpoint_id per", "AWSManagedRulesAnonymousIpList", "identity verification",
                            "event-type allowlist");
        }
    }

    @Test
    void theJustificationNamesIdentityVerificationWhenItIsOn() {
        TestStacks.Synthesized verified = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(
                        new software.amazon.awscdk.services.secretsmanager.Secret(stack, "IdentityKey")))
                .build());
        for (String httpMethod : List.of("GET", "POST")) {
            assertThat(suppressions(verified, httpMethod).get("AwsSolutions-APIG4")).contains("identity verification");
        }
    }

    @Test
    void anonymousMethodsBehindTheApplicationsWebAclNameIt() {
        assertThat(suppressions(existing, "GET").get("AwsSolutions-APIG4"))
                .contains("the application's AWS WAF web ACL " + WEB_ACL_ARN, "origin policy")
                .doesNotContain("rate limit of");
    }

    @Test
    void withoutAWebAclTheAnonymousMethodsStayReported() {
        assertThat(suppressions(none, "GET")).isEmpty();
        assertThat(suppressions(none, "POST")).isEmpty();
    }

    @Test
    void anAnyOriginPolicyAndAnAllowlistAreNamedOnlyWhenTheyControlSomething() {
        TestStacks.Synthesized anyOrigin = TestStacks.synth(minimalProps().allowedOrigins(List.of("*"))
                .allowedEventTypes(List.of("purchase")).build());
        assertThat(suppressions(anyOrigin, "GET").get("AwsSolutions-APIG4"))
                .doesNotContain("origin policy").contains("the event-type allowlist");
    }

    @Test
    void authorizedMethodsGetNoAnonymousSuppression() {
        TestStacks.Synthesized cognito = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users"))).build());
        assertThat(suppressions(cognito, "GET")).isEmpty();
        // The Lambda authorizer keeps its own COG4 reason; APIG4 does not apply to an authorized method.
        assertThat(suppressions(everyRule, "GET")).containsOnlyKeys("AwsSolutions-COG4");
        assertThat(suppressions(everyRule, "GET").get("AwsSolutions-COG4")).contains("Lambda REQUEST authorizer");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static String logicalId(TestStacks.Synthesized synthesized, CfnElement element) {
        return synthesized.stack().getLogicalId(element);
    }

    private static Map<String, Object> blockWith(int status) {
        return Map.of("Block", Map.of("CustomResponse", Map.of("ResponseCode", status)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules(TestStacks.Synthesized synthesized) {
        return (List<Map<String, Object>>) onlyResource(synthesized.template(), "AWS::WAFv2::WebACL").get("Rules");
    }

    private static List<Object> ruleNames(TestStacks.Synthesized synthesized) {
        return rules(synthesized).stream().map(rule -> rule.get("Name")).collect(Collectors.toList());
    }

    private static Map<String, Object> rule(TestStacks.Synthesized synthesized, String name) {
        return rules(synthesized).stream().filter(rule -> name.equals(rule.get("Name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name + " in " + ruleNames(synthesized)));
    }

    /** The field keys the web ACL's data protection substitutes for one field type. */
    private static List<Object> protectedKeys(TestStacks.Synthesized synthesized, String fieldType) {
        Capture keys = new Capture();
        synthesized.template().hasResourceProperties("AWS::WAFv2::WebACL", Map.of("DataProtectionConfig",
                Map.of("DataProtections", Match.arrayWith(List.of(Map.of("Action", "SUBSTITUTION", "Field", Map.of(
                        "FieldType", fieldType, "FieldKeys", keys)))))));
        return keys.asArray();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> visibility(Map<String, Object> ruleOrAcl) {
        return (Map<String, Object>) ruleOrAcl.get("VisibilityConfig");
    }

    @SuppressWarnings("unchecked")
    private static Object sizeOf(Map<String, Object> rule) {
        Map<String, Object> statement = (Map<String, Object>) rule.get("Statement");
        return ((Map<String, Object>) statement.get("SizeConstraintStatement")).get("Size");
    }

    /** The cdk-nag suppressions on the method: rule id to reason. */
    @SuppressWarnings("unchecked")
    static Map<String, String> suppressions(TestStacks.Synthesized synthesized, String httpMethod) {
        Template template = synthesized.template();
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("HttpMethod", httpMethod)))));
        assertThat(methods).hasSize(1);
        Map<String, Object> metadata = (Map<String, Object>) methods.values().iterator().next()
                .getOrDefault("Metadata", Map.of());
        Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
        List<Map<String, Object>> rules = (List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress", List.of());
        return rules.stream().collect(Collectors.toMap(rule -> (String) rule.get("id"),
                rule -> (String) rule.get("reason")));
    }
}
