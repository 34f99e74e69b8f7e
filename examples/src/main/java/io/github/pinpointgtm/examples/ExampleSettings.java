package io.github.pinpointgtm.examples;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The example app's settings, read from CDK context ({@code -c key=value} on the CLI, or {@code cdk.json}).
 *
 * <table>
 *   <caption>Context keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code pinpointApplicationId}</td><td>{@value #DEFAULT_APPLICATION_ID}</td>
 *       <td>the Amazon Pinpoint project (application) id; the default is a placeholder that synthesizes but does not
 *       record anything: pass your own to deploy</td></tr>
 *   <tr><td>{@code allowedOrigins}</td><td>{@value #DEFAULT_ALLOWED_ORIGINS}</td>
 *       <td>comma-separated origins of the site(s) whose GTM container fires the pixel</td></tr>
 *   <tr><td>{@code stackName}</td><td>{@value #DEFAULT_STACK_NAME}</td><td>the CloudFormation stack name</td></tr>
 *   <tr><td>{@code destination}</td><td>{@value #DEFAULT_DESTINATION}</td>
 *       <td>where the connector delivers events: {@code pinpoint}, {@code kinesis}, {@code firehose},
 *       {@code eventbridge} or {@code customer-profiles}; every destination but Pinpoint is created by the stack
 *       (see {@link ExampleDestination})</td></tr>
 * </table>
 *
 * @param pinpointApplicationId the Pinpoint project id (used by the {@code pinpoint} destination only)
 * @param allowedOrigins        the origins allowed to send hits
 * @param stackName             the CloudFormation stack name
 * @param destination           where the connector delivers events
 */
public record ExampleSettings(String pinpointApplicationId, List<String> allowedOrigins, String stackName,
                              ExampleDestination destination) {

    public static final String DEFAULT_APPLICATION_ID = "0123456789abcdef0123456789abcdef";
    public static final String DEFAULT_ALLOWED_ORIGINS = "https://www.example.com";
    public static final String DEFAULT_STACK_NAME = "PinpointGtmConnectorExample";
    public static final String DEFAULT_DESTINATION = "pinpoint";

    /** Settings for the default destination, Amazon Pinpoint. */
    public ExampleSettings(String pinpointApplicationId, List<String> allowedOrigins, String stackName) {
        this(pinpointApplicationId, allowedOrigins, stackName, ExampleDestination.PINPOINT);
    }

    /**
     * @param context a context lookup, e.g. {@code app.getNode()::tryGetContext}; values may be strings or JSON values
     * @return the settings, defaults filled in
     * @throws IllegalArgumentException if {@code destination} is not one of the {@link ExampleDestination} values
     */
    public static ExampleSettings fromContext(Function<String, Object> context) {
        String applicationId = stringOr(context.apply("pinpointApplicationId"), DEFAULT_APPLICATION_ID);
        String origins = stringOr(context.apply("allowedOrigins"), DEFAULT_ALLOWED_ORIGINS);
        String stackName = stringOr(context.apply("stackName"), DEFAULT_STACK_NAME);
        ExampleDestination destination = ExampleDestination.fromValue(
                stringOr(context.apply("destination"), DEFAULT_DESTINATION));
        List<String> originList = Arrays.stream(origins.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList();
        return new ExampleSettings(applicationId, originList, stackName, destination);
    }

    private static String stringOr(Object value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? fallback : text;
    }
}
