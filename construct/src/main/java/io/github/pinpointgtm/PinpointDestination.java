package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Delivers events to one Amazon Pinpoint project with {@code mobiletargeting:PutEvents}.
 * Create it with {@link EventDestination#pinpoint(String)}.
 */
public final class PinpointDestination extends EventDestination {

    private static final Pattern APPLICATION_ID = Pattern.compile("[0-9a-f]{32}");

    private final String applicationId;

    PinpointDestination(String applicationId) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("pinpointApplicationId is required");
        }
        if (!Token.isUnresolved(applicationId) && !APPLICATION_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("pinpointApplicationId must be 32 lowercase hexadecimal characters, got '"
                    + applicationId + "'");
        }
        this.applicationId = applicationId;
    }

    /** @return the Pinpoint project (application) id */
    public String getApplicationId() {
        return applicationId;
    }

    @Override
    public String getDestinationType() {
        return "pinpoint";
    }

    @Override
    Map<String, String> processorEnvironment() {
        return Map.of("PINPOINT_APPLICATION_ID", applicationId);
    }

    @Override
    void grantDelivery(Construct scope, IGrantable processor) {
        // One project's events resource only; never apps/*, which would allow writing to every project.
        String eventsArn = Stack.of(scope).formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("mobiletargeting")
                .resource("apps")
                .resourceName(applicationId + "/events")
                .build());
        PrincipalPolicy.allow(processor, List.of("mobiletargeting:PutEvents"), eventsArn);
    }
}
