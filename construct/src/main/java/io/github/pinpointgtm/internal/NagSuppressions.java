package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Records cdk-nag rule suppressions as resource metadata ({@code cdk_nag.rules_to_suppress}), which cdk-nag reads,
 * so this library needs no runtime dependency on cdk-nag. Every suppression carries its reason.
 */
public final class NagSuppressions {

    private static final String METADATA_KEY = "cdk_nag";

    private NagSuppressions() {
    }

    /**
     * Suppresses {@code ruleId} on the CloudFormation resource behind {@code construct} (the construct itself or
     * its default child).
     *
     * @param construct an L1 resource or an L2 construct whose default child is one
     * @param ruleId    the cdk-nag rule, e.g. {@code AwsSolutions-APIG4}
     * @param reason    why the finding does not apply (at least 10 characters, as cdk-nag requires)
     */
    public static void suppress(IConstruct construct, String ruleId, String reason) {
        suppress(construct, ruleId, reason, List.of());
    }

    /**
     * Like {@link #suppress(IConstruct, String, String)}, but only for the given findings (e.g. the resource
     * {@code Resource::*} of IAM5), so other findings of the same rule still surface.
     *
     * @param construct an L1 resource or an L2 construct whose default child is one
     * @param ruleId    the cdk-nag rule, e.g. {@code AwsSolutions-IAM5}
     * @param reason    why the findings do not apply (at least 10 characters, as cdk-nag requires)
     * @param appliesTo the findings suppressed; empty suppresses the whole rule
     */
    public static void suppress(IConstruct construct, String ruleId, String reason, List<String> appliesTo) {
        if (reason == null || reason.length() < 10) {
            throw new IllegalArgumentException("a cdk-nag suppression needs a reason of at least 10 characters");
        }
        CfnResource resource = cfnResourceOf(construct);
        List<Object> rules = new ArrayList<>(existingRules(resource));
        // Insertion-ordered, not Map.of (whose order changes from one JVM to the next), so synthesis is repeatable.
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (!appliesTo.isEmpty()) {
            rule.put("applies_to", List.copyOf(appliesTo));
        }
        rules.add(rule);
        resource.addMetadata(METADATA_KEY, Map.of("rules_to_suppress", rules));
    }

    private static CfnResource cfnResourceOf(IConstruct construct) {
        if (construct instanceof CfnResource cfn) {
            return cfn;
        }
        IConstruct child = construct.getNode().getDefaultChild();
        if (child instanceof CfnResource cfn) {
            return cfn;
        }
        throw new IllegalArgumentException(construct.getNode().getPath() + " has no CloudFormation resource");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> existingRules(CfnResource resource) {
        Object metadata = resource.getMetadata(METADATA_KEY);
        if (metadata instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> list) {
            return (List<Object>) list;
        }
        return List.of();
    }
}
