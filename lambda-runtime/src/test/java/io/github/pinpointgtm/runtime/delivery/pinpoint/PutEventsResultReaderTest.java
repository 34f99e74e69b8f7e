package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.model.EndpointItemResponse;
import software.amazon.awssdk.services.pinpoint.model.EventItemResponse;
import software.amazon.awssdk.services.pinpoint.model.EventsResponse;
import software.amazon.awssdk.services.pinpoint.model.ItemResponse;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

class PutEventsResultReaderTest {

    private static final PlannedRequest REQUEST = new PutEventsPlanner().plan(List.of(
            event("ok", "a"), event("bad", "a"), event("slow", "a"), event("broken", "a"), event("missing", "a"),
            event("orphan", "b"), event("unknown", "c"))).requests().get(0);

    @Test
    void decidesEachEventByItsOwnStatusCode() {
        PutEventsResponse response = PutEventsResponse.builder().eventsResponse(EventsResponse.builder().results(Map.of(
                "a", ItemResponse.builder()
                        .endpointItemResponse(endpoint(202, "Accepted"))
                        .eventsItemResponse(Map.of(
                                "ok", eventResult(202, "Accepted"),
                                "bad", eventResult(400, "Attribute value too long"),
                                "slow", eventResult(429, "Throttled"),
                                "broken", eventResult(500, "Internal")))
                        .build(),
                "b", ItemResponse.builder().endpointItemResponse(endpoint(400, "Invalid endpoint")).build()))
                .build()).build();

        List<DeliveryOutcome> outcomes = PutEventsResultReader.outcomes(REQUEST, response);

        assertThat(REQUEST.slots()).extracting(EventSlot::eventId)
                .containsExactly("ok", "bad", "slow", "broken", "missing", "orphan", "unknown");
        assertThat(outcomes).containsExactly(
                DeliveryOutcome.DELIVERED,
                new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED,
                        "Pinpoint answered 400 for this event: Attribute value too long")),
                new DeliveryOutcome.Retryable("throttled", "Pinpoint answered 429 for this event: Throttled"),
                new DeliveryOutcome.Retryable("destination-error", "Pinpoint answered 500 for this event: Internal"),
                new DeliveryOutcome.Retryable("no-result", "Pinpoint's answer has no status for this event"),
                new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED,
                        "Pinpoint answered 400 for this endpoint: Invalid endpoint")),
                new DeliveryOutcome.Retryable("no-result", "Pinpoint's answer has no status for this event"));
    }

    @Test
    void anAnswerWithoutResultsDeliversNothing() {
        List<DeliveryOutcome> outcomes = PutEventsResultReader.outcomes(REQUEST, PutEventsResponse.builder().build());

        assertThat(outcomes).hasSize(7).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(DeliveryOutcome.Retryable.class));
    }

    private static EndpointItemResponse endpoint(int status, String message) {
        return EndpointItemResponse.builder().statusCode(status).message(message).build();
    }

    private static EventItemResponse eventResult(int status, String message) {
        return EventItemResponse.builder().statusCode(status).message(message).build();
    }
}
