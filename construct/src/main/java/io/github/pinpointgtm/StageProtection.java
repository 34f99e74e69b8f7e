package io.github.pinpointgtm;

import java.util.List;

import io.github.pinpointgtm.internal.AnonymousEndpointJustification;
import io.github.pinpointgtm.internal.EdgeWebAcl;
import io.github.pinpointgtm.internal.ScopedErrors;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * What guards the events API's stage, as {@link EdgeProtection} configures it: the web ACL the connector creates
 * ({@link EdgeWebAcl}) or the application's existing one, associated with the stage ({@code WebAclAssociation}), and
 * the cdk-nag justification of the anonymous GET and POST methods by the controls present. An existing web ACL must
 * be in the stack's region and account.
 */
final class StageProtection {

    private final EdgeWebAcl edgeWebAcl;
    private final CfnWebACLAssociation association;

    /**
     * Creates the web ACL and the association, if any.
     *
     * @param scope the connector
     * @param props its props
     * @param api   the events API whose stage is protected
     * @throws IllegalArgumentException naming the construct's path and {@code webAclArn} when an existing web ACL is
     *                                  in another region or account than the stack
     */
    StageProtection(Construct scope, PinpointGtmConnectorProps props, EventsApi api) {
        EdgeProtection edgeProtection = props.getEdgeProtection();
        requireStackPlacement(scope, edgeProtection.getExistingWebAclArn());
        this.edgeWebAcl = createWebAcl(scope, edgeProtection.getOptions(), props.getAuthorization());
        String webAclArn = edgeWebAcl != null ? edgeWebAcl.getWebAcl().getAttrArn()
                : edgeProtection.getExistingWebAclArn();
        if (webAclArn == null) {
            this.association = null;
            return;
        }
        if (props.getAuthorization().authorizationType() == AuthorizationType.NONE) {
            justifyAnonymousMethods(props, api.eventMethods());
        }
        this.association = CfnWebACLAssociation.Builder.create(scope, "WebAclAssociation")
                .resourceArn(api.restApi().getDeploymentStage().getStageArn())
                .webAclArn(webAclArn)
                .build();
    }

    /* A regional web ACL can only protect a stage in its own region and account; props alone cannot know the stack. */
    private static void requireStackPlacement(Construct scope, String webAclArn) {
        if (webAclArn == null || Token.isUnresolved(webAclArn)) {
            return;
        }
        String[] arn = webAclArn.split(":", 6);
        Stack stack = Stack.of(scope);
        if (!Token.isUnresolved(stack.getRegion()) && !arn[3].equals(stack.getRegion())) {
            throw ScopedErrors.invalid(scope, "webAclArn is in region " + arn[3] + " but the stack deploys to "
                    + stack.getRegion() + ": a regional web ACL protects only stages in its own region");
        }
        if (!Token.isUnresolved(stack.getAccount()) && !arn[4].equals(stack.getAccount())) {
            throw ScopedErrors.invalid(scope, "webAclArn belongs to account " + arn[4] + " but the stack deploys to "
                    + stack.getAccount() + ": a web ACL protects only resources of its own account");
        }
    }

    private static EdgeWebAcl createWebAcl(Construct scope, EdgeProtectionOptions options,
            ConnectorAuthorization authorization) {
        if (options == null) {
            return null;
        }
        String logDestinationArn = options.getLogDestination() == null ? null
                : options.getLogDestination().destinationArn(scope);
        return new EdgeWebAcl(scope, options, logDestinationArn, authorization.credentialQueryParameters(),
                authorization.credentialHeaders());
    }

    /** cdk-nag's APIG4 and COG4 on the open methods, answered by the controls present. */
    private void justifyAnonymousMethods(PinpointGtmConnectorProps props, List<Method> methods) {
        String webAcl = edgeWebAcl != null ? edgeWebAcl.describeControls()
                : "the application's AWS WAF web ACL " + props.getEdgeProtection().getExistingWebAclArn();
        new AnonymousEndpointJustification(webAcl)
                .stageThrottling(props.getThrottlingRateLimit(), props.getThrottlingBurstLimit())
                .originPolicy(props.getAllowedOrigins())
                .eventTypeAllowlist(!props.getAllowedEventTypes().isEmpty())
                .identityVerification(props.getIdentityVerification() != null)
                .suppressOn(methods);
    }

    /** @return the web ACL the connector created, or {@code null} with an existing web ACL or none */
    CfnWebACL webAcl() {
        return edgeWebAcl == null ? null : edgeWebAcl.getWebAcl();
    }

    /** @return the created web ACL's logging configuration, or {@code null} without a web ACL or log destination */
    CfnLoggingConfiguration webAclLogging() {
        return edgeWebAcl == null ? null : edgeWebAcl.getLogging();
    }

    /**
     * @param options overrides, or {@code null}
     * @return the requests the created web ACL blocked, or {@code null} when the connector created none
     */
    Metric metricBlocked(MetricOptions options) {
        return edgeWebAcl == null ? null : edgeWebAcl.metricBlockedRequests(options);
    }

    /** @return the stage's web ACL association, or {@code null} without a web ACL */
    CfnWebACLAssociation association() {
        return association;
    }
}
