package io.github.pinpointgtm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * Delivers events to one Amazon EventBridge event bus with {@code PutEvents}: one entry per event, the event JSON
 * as its {@code detail}, with the configured {@code source} and {@code detail-type}. Create it with
 * {@link EventDestination#eventBridge(IEventBus)} or
 * {@link EventDestination#eventBridge(IEventBus, EventBridgeDestinationOptions)}.
 *
 * <p>Permissions: {@code events:PutEvents} on the bus, on condition ({@code StringEquals}) that
 * {@code events:source} and {@code events:detail-type} are exactly the configured ones, so the processor cannot
 * impersonate another source on a shared bus.
 */
public final class EventBridgeDestination extends EventDestination {

    private final IEventBus eventBus;
    private final EventBridgeDestinationOptions options;

    EventBridgeDestination(IEventBus eventBus, EventBridgeDestinationOptions options) {
        this.eventBus = required(eventBus, "eventBridge: bus");
        this.options = required(options, "eventBridge: options");
    }

    /** @return the bus events are put on */
    public IEventBus getEventBus() {
        return eventBus;
    }

    /** @return the entries' {@code source} */
    public String getSource() {
        return options.getSource();
    }

    /** @return the entries' {@code detail-type} */
    public String getDetailType() {
        return options.getDetailType();
    }

    /** @return {@code eventbridge} */
    @Override
    public String getDestinationType() {
        return "eventbridge";
    }

    @Override
    Map<String, String> processorEnvironment() {
        // The ARN, not the name: it also names a bus of another account.
        return Map.of(
                "EVENTBRIDGE_EVENT_BUS", eventBus.getEventBusArn(),
                "EVENTBRIDGE_SOURCE", options.getSource(),
                "EVENTBRIDGE_DETAIL_TYPE", options.getDetailType());
    }

    @Override
    void grantDelivery(Construct scope, IGrantable processor) {
        // Not eventBus.grantPutEventsTo(): that has no condition on the source or the detail type.
        PrincipalPolicy.allow(processor, List.of("events:PutEvents"), eventBus.getEventBusArn(),
                Map.of("StringEquals", orderedConditionValues()));
    }

    /** In a fixed order (not {@code Map.of}'s, which changes from one JVM to the next), so synthesis is repeatable. */
    private Map<String, String> orderedConditionValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("events:source", options.getSource());
        values.put("events:detail-type", options.getDetailType());
        return values;
    }
}
