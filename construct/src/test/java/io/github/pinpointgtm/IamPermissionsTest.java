package io.github.pinpointgtm;

import static io.github.pinpointgtm.ProcessorStatements.arnOf;
import static io.github.pinpointgtm.ProcessorStatements.id;
import static io.github.pinpointgtm.ProcessorStatements.statement;
import static io.github.pinpointgtm.ProcessorStatements.withConnectorStatements;
import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.kms.Key;

/** Least privilege: the exact IAM statements of the processor role and the API Gateway integration role. */
class IamPermissionsTest {

    private static TestStacks.Synthesized withKey;

    @BeforeAll
    static void synthesize() {
        withKey = TestStacks.synth(stack -> minimalProps()
                .encryptionKey(Key.Builder.create(stack, "QueueKey").enableKeyRotation(true).build())
                .build());
    }

    private static final Map<String, Object> PUT_EVENTS_ARN = Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":mobiletargeting:", Map.of("Ref", "AWS::Region"), ":",
            Map.of("Ref", "AWS::AccountId"), ":apps/" + TestStacks.APP_ID + "/events")));

    @Test
    void processorMayLogToItsGroupSendToTheDlqAndTheRejectedQueuePutEventsOnOneAppAndConsumeTheQueue() {
        PinpointGtmConnector c = defaults().connector();
        defaults().template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", id(defaults(), c.getProcessor().getRole()))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", withConnectorStatements(defaults(),
                        List.of(statement("mobiletargeting:PutEvents", PUT_EVENTS_ARN))))));
    }

    @Test
    void apiGatewayMayOnlySendMessagesToTheQueue() {
        PinpointGtmConnector c = defaults().connector();
        String role = defaults().template().findResources("AWS::IAM::Role", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                        "Statement", List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                                "Principal", Map.of("Service", "apigateway.amazonaws.com")))))))))).keySet()
                .iterator().next();
        defaults().template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        statement("sqs:SendMessage", arnOf(id(defaults(), c.getQueue())))))));
    }

    @Test
    void theProcessorRoleIsAssumedByLambdaOnlyAndHasNoManagedPolicies() {
        defaults().template().hasResourceProperties("AWS::IAM::Role", Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "lambda.amazonaws.com")))))));
        defaults().template().allResourcesProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "ManagedPolicyArns", Match.absent())));
        defaults().template().resourceCountIs("AWS::IAM::Role", 2);
        defaults().template().resourceCountIs("AWS::IAM::Policy", 2);
    }

    @Test
    void noStatementUsesAWildcardResourceOrAction() {
        String policies = defaults().template().findResources("AWS::IAM::Policy").toString();
        assertThat(policies).doesNotContain("Resource=*").doesNotContain(":*\"").doesNotContain("apps/*")
                .doesNotContain("sqs:*");
    }

    @Test
    void withAKeyBothRolesMayUseItAndNothingElse() {
        PinpointGtmConnector c = withKey.connector();
        String key = withKey.template().findResources("AWS::KMS::Key").keySet().iterator().next();
        Map<String, Object> kmsSend = statement(List.of("kms:GenerateDataKey", "kms:Decrypt"), arnOf(key));
        List<Map<String, Object>> processorStatements = new ArrayList<>(withConnectorStatements(withKey,
                List.of(kmsSend, statement("mobiletargeting:PutEvents", PUT_EVENTS_ARN))));
        processorStatements.add(statement("kms:Decrypt", arnOf(key)));
        withKey.template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", id(withKey, c.getProcessor().getRole()))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", processorStatements)));
        withKey.template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        statement("sqs:SendMessage", arnOf(id(withKey, c.getQueue()))),
                        kmsSend))));
    }
}
