package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** cdk-nag suppressions written as resource metadata. */
class NagSuppressionsTest {

    @Test
    void suppressionsAccumulateOnTheDefaultChildWithTheirReasons() {
        Stack stack = new Stack(new App(), "S");
        Queue queue = new Queue(stack, "Q");

        NagSuppressions.suppress(queue, "AwsSolutions-SQS3", "first reason, long enough");
        NagSuppressions.suppress(queue, "AwsSolutions-IAM5", "second reason, long enough", List.of("Resource::*"));

        Object metadata = ((software.amazon.awscdk.CfnResource) queue.getNode().getDefaultChild())
                .getMetadata("cdk_nag");
        assertThat(metadata).isEqualTo(Map.of("rules_to_suppress", List.of(
                Map.of("id", "AwsSolutions-SQS3", "reason", "first reason, long enough"),
                Map.of("id", "AwsSolutions-IAM5", "reason", "second reason, long enough",
                        "applies_to", List.of("Resource::*")))));
    }

    @Test
    void aSuppressionListsItsFieldsInOneOrder() {
        Queue queue = new Queue(new Stack(new App(), "S"), "Q");

        NagSuppressions.suppress(queue, "AwsSolutions-IAM5", "a reason, long enough", List.of("Resource::*"));

        Map<?, ?> metadata = (Map<?, ?>) ((software.amazon.awscdk.CfnResource) queue.getNode().getDefaultChild())
                .getMetadata("cdk_nag");
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) metadata.get("rules_to_suppress")).get(0);
        assertThat(rule.keySet().stream().map(String::valueOf)).containsExactly("id", "reason", "applies_to");
    }

    @Test
    void everySuppressionNeedsAReason() {
        Queue queue = new Queue(new Stack(new App(), "S"), "Q");

        assertThatThrownBy(() -> NagSuppressions.suppress(queue, "AwsSolutions-SQS3", "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> NagSuppressions.suppress(queue, "AwsSolutions-SQS3", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    @Test
    void aConstructWithoutCloudFormationResourceIsRejected() {
        Construct plain = new Construct(new Stack(new App(), "S"), "Plain");

        assertThatThrownBy(() -> NagSuppressions.suppress(plain, "AwsSolutions-SQS3", "a reason that is long"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Plain");
    }
}
