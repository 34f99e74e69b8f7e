package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.ConnectorMetrics;
import io.github.pinpointgtm.internal.ConnectorQueues;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/** The processor builder on its own: function, alias, event source, role statements, environment. */
class ProcessorFunctionTest {

    private record Built(Stack stack, Construct scope, ConnectorQueues queues, ProcessorFunction processor,
                         Template template) {
    }

    private static Built build(java.util.function.Function<Stack, PinpointGtmConnectorProps> props) {
        Stack stack = TestStacks.newStack();
        Construct scope = new Construct(stack, "Connector");
        PinpointGtmConnectorProps p = props.apply(stack);
        ConnectorQueues queues = new ConnectorQueues(scope, p);
        ProcessorFunction processor = ProcessorFunction.create(scope, p, queues,
                new ConnectorMetrics(p.getMetricsNamespace(), ConnectorMetrics.connectorName(scope)));
        return new Built(stack, scope, queues, processor, Template.fromStack(stack));
    }

    @Test
    void createsTheFunctionAliasAndLogGroupUnderTheConnectorsIds() {
        Built built = build(stack -> minimalProps().build());

        assertThat(built.scope().getNode().findChild("Processor")).isSameAs(built.processor().function());
        assertThat(built.scope().getNode().findChild("ProcessorLiveAlias")).isSameAs(built.processor().alias());
        assertThat(built.scope().getNode().findChild("ProcessorLogs")).isSameAs(built.processor().logGroup());
        built.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", PinpointGtmConnector.PROCESSOR_HANDLER,
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", TestStacks.logicalId(built.stack(),
                        built.processor().logGroup()))))));
        built.template().hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "Name", PinpointGtmConnector.LIVE_ALIAS)));
    }

    @Test
    void withSnapStartTheEventSourceInvokesTheAliasAndReportsItemFailures() {
        Built built = build(stack -> minimalProps().build());
        Capture functionName = new Capture();

        built.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FunctionName", functionName,
                "EventSourceArn", Map.of("Fn::GetAtt",
                        List.of(TestStacks.logicalId(built.stack(), built.queues().queue()), "Arn")),
                "BatchSize", 100,
                "MaximumBatchingWindowInSeconds", 5,
                "ScalingConfig", Map.of("MaximumConcurrency", 10),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
        // The alias's name: FunctionName is <function name>:live.
        assertThat(functionName.asObject().toString()).contains(":" + PinpointGtmConnector.LIVE_ALIAS);
    }

    @Test
    void withoutSnapStartThereIsNoAliasAndTheEventSourceInvokesTheFunction() {
        Built built = build(stack -> minimalProps().snapStart(false).build());

        assertThat(built.processor().alias()).isNull();
        built.template().resourceCountIs("AWS::Lambda::Alias", 0);
        built.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", TestStacks.logicalId(built.stack(), built.processor().function())))));
    }

    @Test
    void theRoleWritesItsLogGroupAndSendsToTheDeadLetterAndRejectedQueuesOnly() {
        Built built = build(stack -> minimalProps().build());
        Stack stack = built.stack();

        built.template().hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.logicalId(stack,
                                        built.processor().logGroup()), "Arn")))),
                        Match.objectLike(Map.of("Action", "sqs:SendMessage",
                                "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.logicalId(stack,
                                        built.queues().deadLetterQueue()), "Arn")))),
                        Match.objectLike(Map.of("Action", "sqs:SendMessage",
                                "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.logicalId(stack,
                                        built.queues().rejectedQueue()), "Arn")))))))))));
    }

    @Test
    void theEnvironmentNamesTheQueuesAndTheIdentityKeyWhenVerificationIsOn() {
        Built built = build(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(new Secret(stack, "IdentityKey")))
                .build());

        built.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DESTINATION_TYPE", "pinpoint",
                        "DEAD_LETTER_QUEUE_URL", Map.of("Ref", TestStacks.logicalId(built.stack(),
                                built.queues().deadLetterQueue())),
                        "REJECTED_QUEUE_URL", Map.of("Ref", TestStacks.logicalId(built.stack(),
                                built.queues().rejectedQueue())),
                        "IDENTITY_SECRET_ARN", Match.anyValue()))))));
        built.template().hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "secretsmanager:GetSecretValue")))))))));
    }
}
