package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;

class PutEventsRequestFactoryTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";

    private final PutEventsRequestFactory factory = new PutEventsRequestFactory(APP_ID);

    @Test
    void theRequestIsBuiltOnceWithTheCallsTimeBudget() {
        PlannedRequest request = new PutEventsPlanner().plan(List.of(event("r1", "e1"))).requests().get(0);

        PutEventsRequest sdkRequest = factory.create(request, Duration.ofMillis(1234));

        assertThat(sdkRequest.applicationId()).isEqualTo(APP_ID);
        assertThat(sdkRequest.overrideConfiguration()).hasValueSatisfying(
                o -> assertThat(o.apiCallTimeout()).contains(Duration.ofMillis(1234)));
    }

    @Test
    void theTimestampFormattedForTheSizeEstimateIsTheOneSent() {
        CustomerEvent withSession = event("r1", "e1", Map.of(), Map.of(), "session-1", Map.of());
        EventSlot slot = new PutEventsPlanner().plan(List.of(withSession)).requests().get(0).slots().get(0);
        assertThat(slot.timestamp()).isEqualTo(withSession.timestamp().toString());

        Event sent = factory.create(new PlannedRequest(List.of(slot)), Duration.ofSeconds(1))
                .eventsRequest().batchItem().get("e1").events().get("r1");

        // The same String object: formatted once per event, not again for the event and its session
        assertThat(sent.timestamp()).isSameAs(slot.timestamp());
        assertThat(sent.session().startTimestamp()).isSameAs(slot.timestamp());
    }
}
