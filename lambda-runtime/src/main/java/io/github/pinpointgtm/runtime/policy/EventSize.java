package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.JsonStringBytes;

import java.util.Map;

/** Estimates how many bytes an event takes in a destination's JSON request, without serialising it. */
final class EventSize {
    /** Field names, quotes, separators, the timestamp and the session: generous fixed overhead per event. */
    private static final long FIXED_OVERHEAD = 512;
    /** Quotes, colon and comma around one map entry. */
    private static final long ENTRY_OVERHEAD = 6;
    /** The longest text of a double ({@code -1.7976931348623157E308}). */
    private static final long METRIC_VALUE_BYTES = 24;

    private EventSize() {
    }

    static long estimateJsonBytes(CustomerEvent event) {
        long bytes = FIXED_OVERHEAD + JsonStringBytes.of(event.eventId()) + JsonStringBytes.of(event.eventType())
                + JsonStringBytes.of(event.endpointId())
                + (event.sessionId() == null ? 0 : JsonStringBytes.of(event.sessionId()));
        bytes += stringMapBytes(event.attributes()) + stringMapBytes(event.userAttributes());
        for (String name : event.metrics().keySet()) {
            bytes += ENTRY_OVERHEAD + JsonStringBytes.of(name) + METRIC_VALUE_BYTES;
        }
        return bytes;
    }

    private static long stringMapBytes(Map<String, String> map) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            bytes += ENTRY_OVERHEAD + JsonStringBytes.of(entry.getKey()) + JsonStringBytes.of(entry.getValue());
        }
        return bytes;
    }
}
