package io.github.pinpointgtm.runtime.delivery.pinpoint;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.TestClients;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

class JsonSizeEstimatorTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";

    @Test
    void neverUnderestimatesWhatTheSdkSends() {
        Map<String, String> tricky = new LinkedHashMap<>();
        tricky.put("quote\"s", "back\\slash \"quoted\" \u0000\u001f\t\n");
        tricky.put("ünïcödé", "日本語テキスト 😀😀 €€€");
        tricky.put("plain", "x".repeat(5_000));
        tricky.put("emoji", "\uD83D\uDE00".repeat(1_000));
        List<CustomerEvent> events = List.of(
                event("r1", "e1"),
                event("r2", "endpoint \"two\"", tricky, Map.of("m1", -1.2345678901234567E-300, "m2", 1e300), "s\u00e9ssion",
                        Map.of("tier", "g\u00f6ld\n")),
                event("r3", "e3", Map.of(), Map.of(), null, Map.of()));
        try (PinpointStandIn pinpoint = PinpointStandIn.start(APP_ID);
             PinpointClient client = TestClients.pinpoint(pinpoint.endpoint());
             PinpointDestination oneEventPerRequest = new PinpointDestination(client, APP_ID, 1,
                     new PutEventsPlanner(1, PutEventsPlanner.MAX_REQUEST_BYTES, PutEventsPlanner.MAX_EVENT_BYTES))) {

            assertThat(oneEventPerRequest.deliver(events, Deadline.after(Duration.ofSeconds(10)), DeliveryObserver.NONE))
                    .containsOnly(DeliveryOutcome.DELIVERED);

            assertThat(pinpoint.protocolViolations()).isEmpty();
            List<Integer> sent = pinpoint.requestBodySizes();
            assertThat(sent).hasSize(3);
            for (int i = 0; i < events.size(); i++) {
                CustomerEvent event = events.get(i);
                assertThat(JsonSizeEstimator.eventBytes(event, PutEventsRequestFactory.timestamp(event)))
                        .as("estimate of event %d", i)
                        .isGreaterThanOrEqualTo(sent.get(i));
            }
        }
    }
}
