package io.github.pinpointgtm.examples;

import io.github.pinpointgtm.PinpointGtmConnector;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** A stack with one connector and the URL to paste into Google Tag Manager as an output. */
public class ConnectorExampleStack extends Stack {

    private final PinpointGtmConnector connector;

    public ConnectorExampleStack(Construct scope, String id, StackProps props, ExampleSettings settings) {
        super(scope, id, props);
        connector = new PinpointGtmConnector(this, "Connector", PinpointGtmConnectorProps.builder()
                .pinpointApplicationId(settings.pinpointApplicationId())
                .allowedOrigins(settings.allowedOrigins())
                .build());
        new CfnOutput(this, "EventsUrl", CfnOutputProps.builder()
                .value(connector.getEventsUrl())
                .description("Paste this URL into your GTM Custom Image tag (add the event parameters to it)")
                .build());
        new CfnOutput(this, "DeadLetterQueueUrl", CfnOutputProps.builder()
                .value(connector.getDeadLetterQueue().getQueueUrl())
                .description("Hits that could not be recorded, each with a 'reason' message attribute")
                .build());
    }

    public PinpointGtmConnector getConnector() {
        return connector;
    }
}
