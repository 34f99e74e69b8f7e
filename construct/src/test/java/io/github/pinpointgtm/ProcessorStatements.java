package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.constructs.IConstruct;

/** The IAM statements of a synthesized connector's processor role, as the permission tests expect them. */
final class ProcessorStatements {

    /**
     * The event source's grant; ChangeMessageVisibility and GetQueueUrl are what the processor's backoff uses,
     * DeleteMessage what its early deletes use.
     */
    static final List<String> CONSUME = List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    private ProcessorStatements() {
    }

    /** @return the logical id of the construct's CloudFormation resource (its default child's, if it has one) */
    static String id(TestStacks.Synthesized synthesized, IConstruct construct) {
        IConstruct child = construct.getNode().getDefaultChild();
        return synthesized.stack().getLogicalId((CfnElement) (child != null ? child : construct));
    }

    /** @return {@code Fn::GetAtt} of the resource's ARN */
    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    /** @return a statement allowing the actions on the resource */
    static Map<String, Object> statement(Object actions, Object resource) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resource);
    }

    /** The statements of the processor role's policy. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> processorStatements(TestStacks.Synthesized s) {
        String role = id(s, s.connector().getProcessor().getRole());
        List<Map<String, Object>> policies = s.template().findResources("AWS::IAM::Policy").values().stream()
                .map(resource -> (Map<String, Object>) resource.get("Properties"))
                .filter(properties -> List.of(Map.of("Ref", role)).equals(properties.get("Roles")))
                .toList();
        assertThat(policies).hasSize(1);
        return (List<Map<String, Object>>) ((Map<String, Object>) policies.get(0).get("PolicyDocument"))
                .get("Statement");
    }

    /** The processor's statements around the destination's own: logs, the DLQ, the rejected queue, the queue. */
    static List<Map<String, Object>> withConnectorStatements(TestStacks.Synthesized s,
                                                             List<Map<String, Object>> destinationStatements) {
        PinpointGtmConnector c = s.connector();
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"), arnOf(id(s, c.getProcessorLogGroup()))));
        all.add(statement("sqs:SendMessage", arnOf(id(s, c.getDeadLetterQueue()))));
        all.add(statement("sqs:SendMessage", arnOf(id(s, c.getRejectedQueue()))));
        all.addAll(destinationStatements);
        all.add(statement(CONSUME, arnOf(id(s, c.getQueue()))));
        return all;
    }
}
