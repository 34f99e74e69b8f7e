package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.pinpoint.model.EndpointItemResponse;
import software.amazon.awssdk.services.pinpoint.model.EventItemResponse;
import software.amazon.awssdk.services.pinpoint.model.ItemResponse;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

/**
 * Reads a PutEvents answer event by event: the HTTP call is 202 even when single events were refused, so every
 * event's own status code decides its fate.
 *
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>429, 5xx or any other code: retryable;</li>
 *   <li>other 4xx: rejected for good ({@code destination-rejected}, with Pinpoint's message);</li>
 *   <li>no result for the event: rejected when its endpoint's result is a non-retryable 4xx, else retryable (so an
 *       incomplete answer never loses an event).</li>
 * </ul>
 */
final class PutEventsResultReader {

    private PutEventsResultReader() {
    }

    static List<DeliveryOutcome> outcomes(PlannedRequest request, PutEventsResponse response) {
        Map<String, ItemResponse> results = response.eventsResponse() == null
                ? Map.of()
                : response.eventsResponse().results();
        List<DeliveryOutcome> outcomes = new ArrayList<>(request.eventCount());
        for (EventSlot slot : request.slots()) {
            ItemResponse item = results.get(slot.endpointId());
            outcomes.add(outcome(item, slot.eventId()));
        }
        return outcomes;
    }

    private static DeliveryOutcome outcome(ItemResponse item, String eventId) {
        EventItemResponse eventResult = item == null ? null : item.eventsItemResponse().get(eventId);
        if (eventResult != null && eventResult.statusCode() != null) {
            return fromStatus(eventResult.statusCode(), eventResult.message(), "event");
        }
        EndpointItemResponse endpointResult = item == null ? null : item.endpointItemResponse();
        if (endpointResult != null && endpointResult.statusCode() != null && isPermanentClientError(endpointResult.statusCode())) {
            return fromStatus(endpointResult.statusCode(), endpointResult.message(), "endpoint");
        }
        return new DeliveryOutcome.Retryable("no-result", "Pinpoint's answer has no status for this event");
    }

    private static DeliveryOutcome fromStatus(int statusCode, String message, String subject) {
        if (statusCode >= 200 && statusCode < 300) {
            return DeliveryOutcome.DELIVERED;
        }
        String detail = "Pinpoint answered " + statusCode + " for this " + subject
                + (message == null || message.isEmpty() ? "" : ": " + message);
        if (isPermanentClientError(statusCode)) {
            return new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED, detail));
        }
        return new DeliveryOutcome.Retryable(statusCode == 429 ? "throttled" : "destination-error", detail);
    }

    private static boolean isPermanentClientError(int statusCode) {
        return statusCode >= 400 && statusCode < 500 && statusCode != 429 && statusCode != 408;
    }
}
