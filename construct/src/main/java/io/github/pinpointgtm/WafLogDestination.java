package io.github.pinpointgtm;

import java.util.function.Function;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kinesisfirehose.IDeliveryStream;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.IConstruct;

/**
 * Where the web ACL the connector creates writes its logs ({@link EdgeProtectionOptions.Builder#logDestination}).
 * AWS WAF accepts only destinations whose name starts with {@value #REQUIRED_PREFIX}.
 *
 * <p>The logs show {@code REDACTED} for the {@code endpoint_id}, {@code endpoint_sig} and authorizer-token query
 * arguments, the {@code Authorization} and {@code Cookie} headers, an authorizer's header credentials and each cookie a
 * rule reports. They still hold the client IP (and {@code X-Forwarded-For}), the {@code User-Agent}, the full
 * {@code Referer} (the page's path and query) and the other headers: personal data, to be kept and retained as such.
 */
public final class WafLogDestination {

    /** The name prefix AWS WAF requires of a log group or delivery stream it logs to. */
    public static final String REQUIRED_PREFIX = "aws-waf-logs-";

    /** The destination's ARN, resolved in the stack of the web ACL. */
    private final Function<IConstruct, String> arn;

    private WafLogDestination(Function<IConstruct, String> arn) {
        this.arn = arn;
    }

    /**
     * Logs to a CloudWatch Logs log group. AWS WAF adds the log group's resource policy for its log delivery itself
     * when the deployment role may call {@code logs:PutResourcePolicy}.
     *
     * @param logGroup a log group whose name starts with {@value #REQUIRED_PREFIX} (for a log group created in the
     *                 app, set {@code logGroupName} explicitly)
     * @return the destination
     * @throws IllegalArgumentException if the log group is null or its name does not start with the prefix
     */
    public static WafLogDestination logGroup(ILogGroup logGroup) {
        if (logGroup == null) {
            throw new IllegalArgumentException("edgeProtection: logDestination logGroup must not be null");
        }
        requirePrefix("log group", knownName(logGroup, logGroup.getLogGroupName()));
        return new WafLogDestination(scope -> logGroupArn(scope, logGroup));
    }

    /**
     * Logs to an Amazon Data Firehose delivery stream (for S3, OpenSearch or a third-party SIEM).
     *
     * @param deliveryStream a delivery stream with a direct-PUT source whose name starts with
     *                       {@value #REQUIRED_PREFIX}
     * @return the destination
     * @throws IllegalArgumentException if the delivery stream is null or its name does not start with the prefix
     */
    public static WafLogDestination firehose(IDeliveryStream deliveryStream) {
        if (deliveryStream == null) {
            throw new IllegalArgumentException("edgeProtection: logDestination deliveryStream must not be null");
        }
        requirePrefix("delivery stream", deliveryStream.getDeliveryStreamName());
        return new WafLogDestination(scope -> deliveryStream.getDeliveryStreamArn());
    }

    /**
     * @param scope a construct in the stack of the web ACL
     * @return the ARN WAF's logging configuration takes: a log group's without the {@code :*} suffix CDK's
     *         {@code logGroupArn} carries, or the delivery stream's
     */
    String destinationArn(IConstruct scope) {
        return arn.apply(scope);
    }

    /** WAF takes a log group's ARN without the {@code :*} suffix of CDK's {@code logGroupArn}. */
    private static String logGroupArn(IConstruct scope, ILogGroup logGroup) {
        return Stack.of(scope).formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(logGroup.getLogGroupName())
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    /**
     * A log group created in the app has a token as its name: its explicit {@code logGroupName}, if the log group
     * has one, is what WAF will see. {@code null} when no name is known before deployment.
     */
    private static String knownName(ILogGroup logGroup, String name) {
        if (!Token.isUnresolved(name)) {
            return name;
        }
        if (logGroup.getNode().getDefaultChild() instanceof CfnLogGroup cfn) {
            Object explicitName = Stack.of(logGroup).resolve(cfn.getLogGroupName());
            return explicitName == null ? "" : explicitName instanceof String text ? text : null;
        }
        return null;
    }

    private static void requirePrefix(String kind, String name) {
        if (name != null && !Token.isUnresolved(name) && !name.startsWith(REQUIRED_PREFIX)) {
            throw new IllegalArgumentException("edgeProtection: the logDestination " + kind + "'s name must start with "
                    + REQUIRED_PREFIX + " (AWS WAF logs to no other), got '" + name + "'"
                    + (name.isEmpty() ? " (no logGroupName set: CloudFormation would generate one)" : ""));
        }
    }
}
