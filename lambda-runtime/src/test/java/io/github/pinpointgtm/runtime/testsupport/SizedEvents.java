package io.github.pinpointgtm.runtime.testsupport;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import java.util.Map;

/** Customer events whose event JSON has an exact size, for tests of byte limits. */
public final class SizedEvents {

    private SizedEvents() {
    }

    /**
     * @param eventId    the event id
     * @param endpointId the endpoint id
     * @param jsonBytes  the size its event JSON must have
     * @return an event whose {@link CustomerEventJson} is exactly {@code jsonBytes} bytes (an ASCII attribute fills it)
     */
    public static CustomerEvent withJsonSize(String eventId, String endpointId, int jsonBytes) {
        int base = CustomerEventJson.toBytes(filled(eventId, endpointId, 0)).length;
        if (jsonBytes < base) {
            throw new IllegalArgumentException("the smallest such event is " + base + " bytes");
        }
        CustomerEvent event = filled(eventId, endpointId, jsonBytes - base);
        int size = CustomerEventJson.toBytes(event).length;
        if (size != jsonBytes) {
            throw new IllegalStateException("sized " + size + " instead of " + jsonBytes);
        }
        return event;
    }

    private static CustomerEvent filled(String eventId, String endpointId, int fill) {
        return Events.event(eventId, endpointId, Map.of("blob", "x".repeat(fill)), Map.of(), null, Map.of());
    }
}
