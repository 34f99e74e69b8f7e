package io.github.pinpointgtm.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** A least-privilege grant: one statement, the given actions, the one resource, nothing more. */
class PrincipalPolicyTest {

    private static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:123456789012:rejected";
    private static final String KEY_ARN =
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void addsOneStatementPerGrantWithExactlyItsActionsOnItsResource() {
        Stack stack = new Stack(new App(), "Grants");
        Role role = Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

        PrincipalPolicy.allow(role, List.of("sqs:SendMessage"), QUEUE_ARN);
        PrincipalPolicy.allow(role, List.of("kms:GenerateDataKey", "kms:Decrypt"), KEY_ARN);

        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::IAM::Policy", 1);
        // objectEquals: a statement with anything more (a Condition, a second resource) fails.
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Match.objectEquals(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(
                        Map.of("Effect", "Allow", "Action", "sqs:SendMessage", "Resource", QUEUE_ARN),
                        Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                                "Resource", KEY_ARN))))));
    }

    @Test
    void aConditionalGrantCarriesExactlyItsCondition() {
        Stack stack = new Stack(new App(), "ConditionalGrant");
        Role role = Role.Builder.create(stack, "Role").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

        PrincipalPolicy.allow(role, List.of("kms:Decrypt"), KEY_ARN,
                Map.of("StringEquals", Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com")));

        Template.fromStack(stack).hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument",
                Match.objectEquals(Map.of(
                        "Version", "2012-10-17",
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "kms:Decrypt", "Resource", KEY_ARN,
                                "Condition", Map.of("StringEquals",
                                        Map.of("kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com"))))))));
    }
}
