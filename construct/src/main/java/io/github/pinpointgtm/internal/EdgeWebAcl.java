package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.pinpointgtm.EdgeProtectionOptions;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The REGIONAL WAFv2 web ACL a connector creates from {@link EdgeProtectionOptions}, and its logging configuration
 * when one is asked for. The rules and their order are documented on {@link EdgeProtectionOptions}.
 *
 * <p>The query arguments and headers that identify a visitor or carry a credential are redacted from logs and
 * sampled requests by the web ACL's data protection ({@link WafDataProtection}).
 */
public final class EdgeWebAcl {

    /** WAF's answer to a client over a rate limit. */
    static final int TOO_MANY_REQUESTS = 429;
    /** WAF's answer to a request over a size limit. */
    static final int PAYLOAD_TOO_LARGE = 413;
    /** The longest CloudWatch metric name a visibility configuration accepts. */
    static final int MAX_METRIC_NAME_LENGTH = 128;

    private static final String WEB_ACL_METRIC = "WebAcl";
    private static final String RATE_LIMIT_PER_IP = "RateLimitPerIp";
    private static final String RATE_LIMIT_PER_ENDPOINT_ID = "RateLimitPerEndpointId";
    private static final String IP_REPUTATION_LIST = "AWSManagedRulesAmazonIpReputationList";
    private static final String ANONYMOUS_IP_LIST = "AWSManagedRulesAnonymousIpList";
    private static final String KNOWN_BAD_INPUTS = "AWSManagedRulesKnownBadInputsRuleSet";
    private static final String QUERY_STRING_TOO_LARGE = "QueryStringTooLarge";
    private static final String BODY_TOO_LARGE = "BodyTooLarge";
    /** The longest name a metric name gets after the connector's prefix and a hyphen. */
    private static final int LONGEST_METRIC_SUFFIX = Stream.of(WEB_ACL_METRIC, RATE_LIMIT_PER_IP,
            RATE_LIMIT_PER_ENDPOINT_ID, IP_REPUTATION_LIST, ANONYMOUS_IP_LIST, KNOWN_BAD_INPUTS,
            QUERY_STRING_TOO_LARGE, BODY_TOO_LARGE).mapToInt(String::length).max().orElseThrow();

    private final EdgeProtectionOptions options;
    private final String name;
    private final String metricPrefix;
    private final CfnWebACL webAcl;
    private final CfnLoggingConfiguration logging;

    /**
     * Creates the web ACL (and its logging configuration) in {@code scope}.
     *
     * @param scope                   the connector
     * @param options                 the rules and logging
     * @param logDestinationArn       the log destination's ARN, or {@code null} when {@code options} asks for none
     * @param credentialQueryArguments the query arguments an authorizer reads credentials from (redacted too)
     * @param credentialHeaders        the headers an authorizer reads credentials from (redacted too)
     */
    public EdgeWebAcl(Construct scope, EdgeProtectionOptions options, String logDestinationArn,
            Set<String> credentialQueryArguments, List<String> credentialHeaders) {
        this.options = options;
        this.name = Names.uniqueResourceName(scope, UniqueResourceNameOptions.builder().maxLength(100).build());
        // As unique as the name, and short enough that the longest rule name still fits after it.
        this.metricPrefix = Names.uniqueResourceName(scope, UniqueResourceNameOptions.builder()
                .maxLength(MAX_METRIC_NAME_LENGTH - 1 - LONGEST_METRIC_SUFFIX).build());
        this.webAcl = CfnWebACL.Builder.create(scope, "WebAcl")
                .name(name)
                .description("pinpoint-gtm-connector: rate limits, managed rules and size limits for the pixel")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(WEB_ACL_METRIC))
                .rules(rules())
                .dataProtectionConfig(WafDataProtection.config(credentialQueryArguments, credentialHeaders))
                .build();
        this.logging = logDestinationArn == null ? null
                : CfnLoggingConfiguration.Builder.create(scope, "WebAclLogging")
                        .resourceArn(webAcl.getAttrArn())
                        .logDestinationConfigs(List.of(logDestinationArn))
                        .build();
    }

    /** @return the web ACL */
    public CfnWebACL getWebAcl() {
        return webAcl;
    }

    /** @return the logging configuration, or {@code null} without a log destination */
    public CfnLoggingConfiguration getLogging() {
        return logging;
    }

    /** The web ACL's dimensions, in one order in every JVM (an alarm on the metric writes them into the template). */
    private Map<String, String> dimensions() {
        Map<String, String> dimensions = new java.util.LinkedHashMap<>();
        dimensions.put("WebACL", name);
        dimensions.put("Region", Stack.of(webAcl).getRegion());
        dimensions.put("Rule", "ALL");
        return dimensions;
    }

    /**
     * @param options the statistic, period and so on; default: sum over 5 minutes
     * @return the requests this web ACL blocked, all rules together (namespace {@code AWS/WAFV2})
     */
    public Metric metricBlockedRequests(MetricOptions options) {
        MetricOptions given = options == null ? MetricOptions.builder().build() : options;
        return Metric.Builder.create()
                .namespace("AWS/WAFV2")
                .metricName("BlockedRequests")
                .dimensionsMap(dimensions())
                .statistic(given.getStatistic() == null ? "Sum" : given.getStatistic())
                .period(given.getPeriod() == null ? software.amazon.awscdk.Duration.minutes(5) : given.getPeriod())
                .label(given.getLabel())
                .unit(given.getUnit())
                .color(given.getColor())
                .account(given.getAccount())
                .region(given.getRegion())
                .build();
    }

    /** @return the rules this web ACL enforces, as a reader of a cdk-nag report needs them named */
    public String describeControls() {
        List<String> controls = new ArrayList<>();
        long window = options.getRateLimitWindow().toSeconds().longValue();
        controls.add("a rate limit of " + options.getRateLimitPerIp() + " requests per client IP per " + window + " s");
        if (options.getRateLimitPerEndpointId() != null) {
            controls.add("a rate limit of " + options.getRateLimitPerEndpointId() + " requests per endpoint_id per "
                    + window + " s");
        }
        controls.addAll(managedRuleGroups());
        controls.add("413 for query strings over " + options.getMaxQueryStringBytes() + " bytes and bodies over "
                + options.getMaxBodyBytes() + " bytes");
        return "the connector's AWS WAF web ACL (" + String.join(", ", controls) + ")";
    }

    private List<String> managedRuleGroups() {
        List<String> groups = new ArrayList<>();
        if (options.isIpReputationList()) {
            groups.add(IP_REPUTATION_LIST);
        }
        if (options.isAnonymousIpList()) {
            groups.add(ANONYMOUS_IP_LIST);
        }
        if (options.isKnownBadInputs()) {
            groups.add(KNOWN_BAD_INPUTS);
        }
        return groups;
    }

    private List<CfnWebACL.RuleProperty> rules() {
        List<CfnWebACL.RuleProperty> rules = new ArrayList<>();
        int window = options.getRateLimitWindow().toSeconds().intValue();
        rules.add(blocking(RATE_LIMIT_PER_IP, rules.size(), TOO_MANY_REQUESTS, statement -> statement
                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                        .aggregateKeyType("IP")
                        .limit(options.getRateLimitPerIp())
                        .evaluationWindowSec(window)
                        .build())));
        if (options.getRateLimitPerEndpointId() != null) {
            rules.add(blocking(RATE_LIMIT_PER_ENDPOINT_ID, rules.size(), TOO_MANY_REQUESTS, statement -> statement
                    .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                            .aggregateKeyType("CUSTOM_KEYS")
                            .customKeys(List.of(CfnWebACL.RateBasedStatementCustomKeyProperty.builder()
                                    .queryArgument(CfnWebACL.RateLimitQueryArgumentProperty.builder()
                                            .name("endpoint_id")
                                            .textTransformations(noTransformation())
                                            .build())
                                    .build()))
                            .limit(options.getRateLimitPerEndpointId())
                            .evaluationWindowSec(window)
                            .build())));
        }
        for (String group : managedRuleGroups()) {
            rules.add(CfnWebACL.RuleProperty.builder()
                    .name(group)
                    .priority(rules.size())
                    .statement(CfnWebACL.StatementProperty.builder()
                            .managedRuleGroupStatement(CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                                    .vendorName("AWS")
                                    .name(group)
                                    .build())
                            .build())
                    // The group's own rule actions (block) apply.
                    .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                    .visibilityConfig(visibility(group))
                    .build());
        }
        rules.add(blocking(QUERY_STRING_TOO_LARGE, rules.size(), PAYLOAD_TOO_LARGE, statement -> statement
                .sizeConstraintStatement(larger(CfnWebACL.FieldToMatchProperty.builder().queryString(Map.of()),
                        options.getMaxQueryStringBytes()))));
        // MATCH: a body longer than WAF inspects is blocked, never let through uninspected.
        rules.add(blocking(BODY_TOO_LARGE, rules.size(), PAYLOAD_TOO_LARGE, statement -> statement
                .sizeConstraintStatement(larger(CfnWebACL.FieldToMatchProperty.builder()
                        .body(CfnWebACL.BodyProperty.builder().oversizeHandling("MATCH").build()),
                        options.getMaxBodyBytes()))));
        return rules;
    }

    private CfnWebACL.RuleProperty blocking(String name, int priority, int responseCode,
            java.util.function.UnaryOperator<CfnWebACL.StatementProperty.Builder> statement) {
        return CfnWebACL.RuleProperty.builder()
                .name(name)
                .priority(priority)
                .statement(statement.apply(CfnWebACL.StatementProperty.builder()).build())
                .action(CfnWebACL.RuleActionProperty.builder()
                        .block(CfnWebACL.BlockActionProperty.builder()
                                .customResponse(CfnWebACL.CustomResponseProperty.builder()
                                        .responseCode(responseCode).build())
                                .build())
                        .build())
                .visibilityConfig(visibility(name))
                .build();
    }

    private static CfnWebACL.SizeConstraintStatementProperty larger(CfnWebACL.FieldToMatchProperty.Builder field,
            int size) {
        return CfnWebACL.SizeConstraintStatementProperty.builder()
                .fieldToMatch(field.build())
                .comparisonOperator("GT")
                .size(size)
                .textTransformations(noTransformation())
                .build();
    }

    private static List<CfnWebACL.TextTransformationProperty> noTransformation() {
        return List.of(CfnWebACL.TextTransformationProperty.builder().priority(0).type("NONE").build());
    }

    private CfnWebACL.VisibilityConfigProperty visibility(String name) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metricPrefix + "-" + name)
                .sampledRequestsEnabled(true)
                .build();
    }
}
