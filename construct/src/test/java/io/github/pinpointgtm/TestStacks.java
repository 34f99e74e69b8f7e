package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.IConstruct;

/** Builds the small stacks the tests synthesize. */
final class TestStacks {

    static final String APP_ID = "0123456789abcdef0123456789abcdef";
    static final String ORIGIN = "https://www.example.com";
    /** The second of {@link #twoOrigins()}'s origins. */
    static final String SHOP = "https://shop.example.com";

    private TestStacks() {
    }

    /** @return props builder with only the required values */
    static PinpointGtmConnectorProps.Builder minimalProps() {
        return PinpointGtmConnectorProps.builder()
                .pinpointApplicationId(APP_ID)
                .allowedOrigins(List.of(ORIGIN));
    }

    /** A fresh, environment-agnostic stack. */
    static Stack newStack() {
        return new Stack(new App(), "TestStack");
    }

    /** A REGIONAL web ACL of the application's own (id {@code WebAcl}), for {@code EdgeProtection.existingWebAcl}. */
    static CfnWebACL applicationWebAcl(Stack stack) {
        return CfnWebACL.Builder.create(stack, "WebAcl")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(CfnWebACL.VisibilityConfigProperty.builder()
                        .cloudWatchMetricsEnabled(true).metricName("pixel").sampledRequestsEnabled(true).build())
                .build();
    }

    /** The logical id of an L2 construct's CloudFormation resource in {@code stack}. */
    static String logicalId(Stack stack, IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** Synthesizes a stack holding one connector built from {@code props}. */
    static Synthesized synth(PinpointGtmConnectorProps props) {
        return synth(stack -> props);
    }

    /** Synthesizes a stack holding one connector whose props may refer to resources created in the stack. */
    static Synthesized synth(Function<Stack, PinpointGtmConnectorProps> props) {
        Stack stack = newStack();
        PinpointGtmConnector connector = new PinpointGtmConnector(stack, "Connector", props.apply(stack));
        return new Synthesized(stack, connector, Template.fromStack(stack));
    }

    /** A connector of {@link #minimalProps()} alone, synthesized once for the tests that only read it. */
    static Synthesized defaults() {
        return Shared.DEFAULTS;
    }

    /** A connector allowing {@link #ORIGIN} and {@link #SHOP}, so its responses check the Origin in VTL. */
    static Template twoOrigins() {
        return Shared.TWO_ORIGINS;
    }

    /** A connector allowing any origin ({@code *}), so its responses carry a static wildcard. */
    static Template anyOrigin() {
        return Shared.ANY_ORIGIN;
    }

    /** Synthesized once, on first use, for the tests that only read them. */
    private static final class Shared {
        static final Synthesized DEFAULTS = synth(minimalProps().build());
        static final Template TWO_ORIGINS =
                synth(minimalProps().allowedOrigins(List.of(ORIGIN, SHOP)).build()).template();
        static final Template ANY_ORIGIN = synth(minimalProps().allowedOrigins(List.of("*")).build()).template();
    }

    /** The resolved properties of the only resource of {@code type} with the given logical-id prefix. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onlyResource(Template template, String type) {
        Map<String, Map<String, Object>> resources = template.findResources(type);
        if (resources.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + resources.keySet());
        }
        return (Map<String, Object>) resources.values().iterator().next().get("Properties");
    }

    record Synthesized(Stack stack, PinpointGtmConnector connector, Template template) {

        /** The logical id of an L2 construct's CloudFormation resource in this stack. */
        String logicalId(IConstruct construct) {
            return TestStacks.logicalId(stack, construct);
        }
    }
}
