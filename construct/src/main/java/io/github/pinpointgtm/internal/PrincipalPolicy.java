package io.github.pinpointgtm.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The connector's least-privilege grants: exact actions on one resource, where a resource's own grant helper would
 * add actions the caller never uses.
 */
public final class PrincipalPolicy {

    private PrincipalPolicy() {
    }

    /**
     * Adds one statement allowing {@code actions} on {@code resourceArn} to {@code grantee}'s policy (a role's
     * default policy).
     *
     * @param grantee     the role or other principal
     * @param actions     the actions, e.g. {@code sqs:SendMessage}
     * @param resourceArn the one resource they are allowed on (a token, or a literal ARN)
     */
    public static void allow(IGrantable grantee, List<String> actions, String resourceArn) {
        allow(grantee, actions, resourceArn, null);
    }

    /**
     * Adds one statement allowing {@code actions} on {@code resourceArn} to {@code grantee}'s policy, only under
     * {@code conditions}.
     *
     * @param grantee     the role or other principal
     * @param actions     the actions, e.g. {@code events:PutEvents}
     * @param resourceArn the one resource they are allowed on (a token, or a literal ARN)
     * @param conditions  the statement's {@code Condition} block (operator to key to value), in a fixed order so
     *                    synthesis is repeatable; null for none
     */
    public static void allow(IGrantable grantee, List<String> actions, String resourceArn,
            Map<String, ? extends Object> conditions) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(resourceArn))
                .conditions(conditions)
                .build());
    }
}
