package io.github.pinpointgtm.runtime.testsupport;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RequestContext;
import java.time.Instant;
import java.util.Map;

/** Customer events for tests. */
public final class Events {

    public static final Instant TIME = Instant.parse("2025-11-27T10:15:30.123Z");

    private Events() {
    }

    public static CustomerEvent event(String eventId, String endpointId) {
        return event(eventId, endpointId, Map.of("plan", "pro"), Map.of("value", 9.5), null, Map.of());
    }

    public static CustomerEvent event(String eventId, String endpointId, Map<String, String> attributes,
                                      Map<String, Double> metrics, String sessionId, Map<String, String> userAttributes) {
        return new CustomerEvent(eventId, "purchase", TIME, endpointId, attributes, metrics, sessionId, userAttributes,
                new RequestContext(TIME, "GET", "Mozilla/5.0", "https://www.example.com", "", ""));
    }
}
