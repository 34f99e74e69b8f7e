package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.PinpointGtmConnectorProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** The queues builder on its own, in a bare scope: ids, redrive, visibility, retention, encryption, key grants. */
class ConnectorQueuesTest {

    private static PinpointGtmConnectorProps.Builder props() {
        return PinpointGtmConnectorProps.builder()
                .pinpointApplicationId("0123456789abcdef0123456789abcdef")
                .allowedOrigins(List.of("https://www.example.com"));
    }

    private static Construct scope(Stack stack) {
        return new Construct(stack, "Connector");
    }

    @Test
    void createsThreeQueuesUnderTheConnectorsIds() {
        Stack stack = new Stack(new App(), "Queues");
        Construct scope = scope(stack);
        ConnectorQueues queues = new ConnectorQueues(scope, props().build());

        Template.fromStack(stack).resourceCountIs("AWS::SQS::Queue", 3);
        assertThat(scope.getNode().findChild("Queue")).isSameAs(queues.queue());
        assertThat(scope.getNode().findChild("DeadLetterQueue")).isSameAs(queues.deadLetterQueue());
        assertThat(scope.getNode().findChild("RejectedQueue")).isSameAs(queues.rejectedQueue());
    }

    @Test
    void theMainQueueIsRedrivenAfterTheDerivedReceiveCountAndOutlastsTheFunctionTimeout() {
        Stack stack = new Stack(new App(), "Queues");
        PinpointGtmConnectorProps props = props().processorTimeout(Duration.seconds(40))
                .maxBatchingWindow(Duration.seconds(7)).build();
        ConnectorQueues queues = new ConnectorQueues(scope(stack), props);

        Template.fromStack(stack).hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "VisibilityTimeout", 6 * 40 + 7,
                "MessageRetentionPeriod", new RetrySchedule(40, 7).retentionSeconds(props.getMaxReceiveCount()),
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", Map.of("Fn::GetAtt",
                                List.of(logicalId(stack, queues.deadLetterQueue()), "Arn")),
                        "maxReceiveCount", props.getMaxReceiveCount()))));
    }

    private static String logicalId(Stack stack, Construct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    @Test
    void everyQueueTakesSqsLargestMessageWithSqsManagedEncryptionByDefault() {
        Stack stack = new Stack(new App(), "Queues");
        new ConnectorQueues(scope(stack), props().build());

        Template.fromStack(stack).allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "MaximumMessageSize", ConnectorQueues.MAX_MESSAGE_SIZE_BYTES,
                "SqsManagedSseEnabled", true,
                "KmsMasterKeyId", Match.absent())));
        Template.fromStack(stack).resourceCountIs("AWS::SQS::QueuePolicy", 3);
    }

    @Test
    void aCustomerManagedKeyEncryptsEveryQueueAndIsGrantedForSendingOnly() {
        Stack stack = new Stack(new App(), "Queues");
        Key key = Key.Builder.create(stack, "QueueKey").enableKeyRotation(true).build();
        ConnectorQueues queues = new ConnectorQueues(scope(stack), props().encryptionKey(key).build());
        Role sender = Role.Builder.create(stack, "Sender").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        queues.grantKeyForSending(sender);

        Template template = Template.fromStack(stack);
        template.allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId(stack, key), "Arn")))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Statement", List.of(Match.objectLike(Map.of(
                        "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                        "Resource", Match.anyValue()))), "Version", "2012-10-17"))));
    }

    @Test
    void withSqsManagedEncryptionSendingNeedsNoKeyGrant() {
        Stack stack = new Stack(new App(), "Queues");
        ConnectorQueues queues = new ConnectorQueues(scope(stack), props().build());
        Role sender = Role.Builder.create(stack, "Sender").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        queues.grantKeyForSending(sender);

        Template.fromStack(stack).resourceCountIs("AWS::IAM::Policy", 0);
    }
}
