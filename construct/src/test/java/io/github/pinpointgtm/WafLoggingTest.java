package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.logs.LogGroup;

/** WAF logging of the created web ACL: off by default, to a log group or a delivery stream named aws-waf-logs-*. */
class WafLoggingTest {

    private static TestStacks.Synthesized loggingTo(java.util.function.Function<Stack, WafLogDestination> destination) {
        return TestStacks.synth(stack -> minimalProps()
                .edgeProtection(EdgeProtection.webAcl(EdgeProtectionOptions.builder()
                        .logDestination(destination.apply(stack))
                        .build()))
                .build());
    }

    private static Map<String, Object> webAclArn(TestStacks.Synthesized synthesized) {
        return Map.of("Fn::GetAtt", List.of(
                synthesized.stack().getLogicalId((CfnElement) synthesized.connector().getWebAcl()), "Arn"));
    }

    @Test
    void aLogGroupIsNamedByItsArnWithoutTheWildcardSuffix() {
        TestStacks.Synthesized synthesized = loggingTo(stack -> WafLogDestination.logGroup(
                LogGroup.Builder.create(stack, "WafLogs").logGroupName("aws-waf-logs-pixel").build()));

        Map<String, Object> logging = onlyResource(synthesized.template(), "AWS::WAFv2::LoggingConfiguration");
        assertThat(logging).containsEntry("ResourceArn", webAclArn(synthesized));
        String destination = logging.get("LogDestinationConfigs").toString();
        assertThat(destination).contains(":logs:", ":log-group:").doesNotContain(":*");
        assertThat(synthesized.connector().getWebAclLogging()).isNotNull();
    }

    @Test
    void aDeliveryStreamIsNamedByItsArn() {
        TestStacks.Synthesized synthesized = loggingTo(stack -> WafLogDestination.firehose(
                DeliveryStream.fromDeliveryStreamName(stack, "WafDelivery", "aws-waf-logs-pixel")));

        Map<String, Object> logging = onlyResource(synthesized.template(), "AWS::WAFv2::LoggingConfiguration");
        assertThat(logging).containsEntry("ResourceArn", webAclArn(synthesized));
        assertThat(logging.get("LogDestinationConfigs").toString())
                .contains(":firehose:", ":deliverystream/aws-waf-logs-pixel");
    }

    @Test
    void destinationsWafCannotLogToAreRejectedWhenTheirNameIsKnown() {
        Stack stack = TestStacks.newStack();
        assertThatThrownBy(() -> WafLogDestination.logGroup(LogGroup.fromLogGroupName(stack, "Imported", "pixel")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("aws-waf-logs-", "'pixel'");
        assertThatThrownBy(() -> WafLogDestination.logGroup(new LogGroup(stack, "Unnamed")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("aws-waf-logs-", "logGroupName");
        assertThatThrownBy(() -> WafLogDestination.firehose(
                DeliveryStream.fromDeliveryStreamName(stack, "Stream", "pixel-logs")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("aws-waf-logs-", "pixel-logs");
        assertThatThrownBy(() -> WafLogDestination.logGroup(null)).hasMessageContaining("logGroup");
        assertThatThrownBy(() -> WafLogDestination.firehose(null)).hasMessageContaining("deliveryStream");
    }
}
