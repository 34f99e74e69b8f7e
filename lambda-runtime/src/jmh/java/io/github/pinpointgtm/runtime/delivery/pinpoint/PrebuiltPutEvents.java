package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;

/**
 * The {@code PutEventsRequest}s {@link PinpointDestination} would send for a list of events, built ahead (planner
 * and request factory of the shipped code), so a benchmark can time the SDK call on its own.
 */
public final class PrebuiltPutEvents {

    private PrebuiltPutEvents() {
    }

    /**
     * @param applicationId  the Pinpoint application id
     * @param events         the events
     * @param apiCallTimeout each request's call timeout, as the destination sets it
     * @return the requests, in the order the destination would send them
     */
    public static List<PutEventsRequest> of(String applicationId, List<CustomerEvent> events, Duration apiCallTimeout) {
        PutEventsRequestFactory factory = new PutEventsRequestFactory(applicationId);
        return new PutEventsPlanner().plan(events).requests().stream()
                .map(request -> factory.create(request, apiCallTimeout))
                .toList();
    }
}
