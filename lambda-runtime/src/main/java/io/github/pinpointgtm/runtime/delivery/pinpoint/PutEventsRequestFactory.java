package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.pinpoint.model.EndpointUser;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.EventsRequest;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;
import software.amazon.awssdk.services.pinpoint.model.Session;

/**
 * Maps planned events to a Pinpoint {@code PutEventsRequest}: one {@code EventsBatch} per endpoint id, events keyed
 * by their event id (API Gateway's request id, so a redelivered hit carries the same id).
 */
final class PutEventsRequestFactory {

    private final String applicationId;

    PutEventsRequestFactory(String applicationId) {
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    }

    /**
     * @param request        the planned events
     * @param apiCallTimeout the time the call may take, retries included
     * @return the request, built once
     */
    PutEventsRequest create(PlannedRequest request, Duration apiCallTimeout) {
        Map<String, Map<String, Event>> eventsByEndpoint = new LinkedHashMap<>();
        Map<String, Map<String, String>> userAttributesByEndpoint = new LinkedHashMap<>();
        for (EventSlot slot : request.slots()) {
            CustomerEvent event = slot.event();
            eventsByEndpoint.computeIfAbsent(event.endpointId(), id -> new LinkedHashMap<>())
                    .put(event.eventId(), toPinpointEvent(event, slot.timestamp()));
            // Several hits of one endpoint share one endpoint update; the later hit's value of a name wins.
            userAttributesByEndpoint.computeIfAbsent(event.endpointId(), id -> new LinkedHashMap<>())
                    .putAll(event.userAttributes());
        }
        Map<String, EventsBatch> batchItem = new LinkedHashMap<>();
        eventsByEndpoint.forEach((endpointId, events) -> batchItem.put(endpointId, EventsBatch.builder()
                .endpoint(toPublicEndpoint(userAttributesByEndpoint.get(endpointId)))
                .events(events)
                .build()));
        return PutEventsRequest.builder()
                .applicationId(applicationId)
                .eventsRequest(EventsRequest.builder().batchItem(batchItem).build())
                .overrideConfiguration(o -> o.apiCallTimeout(apiCallTimeout))
                .build();
    }

    /** @return the event's timestamp as Pinpoint receives it: ISO 8601 in UTC ({@link java.time.Instant#toString}) */
    static String timestamp(CustomerEvent event) {
        return event.timestamp().toString();
    }

    static Event toPinpointEvent(CustomerEvent event, String timestamp) {
        Event.Builder builder = Event.builder().eventType(event.eventType()).timestamp(timestamp);
        if (!event.attributes().isEmpty()) {
            builder.attributes(event.attributes());
        }
        if (!event.metrics().isEmpty()) {
            builder.metrics(event.metrics());
        }
        if (event.sessionId() != null && !event.sessionId().isEmpty()) {
            // A pixel hit does not know when its session started; Pinpoint requires a start, so the hit's time is used.
            builder.session(Session.builder().id(event.sessionId()).startTimestamp(timestamp).build());
        }
        return builder.build();
    }

    /** @return an endpoint carrying only the user attributes when there are any, else an empty endpoint */
    static PublicEndpoint toPublicEndpoint(Map<String, String> userAttributes) {
        if (userAttributes == null || userAttributes.isEmpty()) {
            return PublicEndpoint.builder().build();
        }
        Map<String, List<String>> asLists = new LinkedHashMap<>();
        userAttributes.forEach((name, value) -> asLists.put(name, List.of(value)));
        return PublicEndpoint.builder().user(EndpointUser.builder().userAttributes(asLists).build()).build();
    }
}
