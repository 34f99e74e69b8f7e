package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.event.CustomerEvent;

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
        long bytes = FIXED_OVERHEAD + jsonBytes(event.eventId()) + jsonBytes(event.eventType())
                + jsonBytes(event.endpointId()) + (event.sessionId() == null ? 0 : jsonBytes(event.sessionId()));
        bytes += stringMapBytes(event.attributes()) + stringMapBytes(event.userAttributes());
        for (String name : event.metrics().keySet()) {
            bytes += ENTRY_OVERHEAD + jsonBytes(name) + METRIC_VALUE_BYTES;
        }
        return bytes;
    }

    private static long stringMapBytes(Map<String, String> map) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : map.entrySet()) {
            bytes += ENTRY_OVERHEAD + jsonBytes(entry.getKey()) + jsonBytes(entry.getValue());
        }
        return bytes;
    }

    /** UTF-8 bytes of {@code text} once JSON-escaped (control characters take the six-byte {@code \u0000} form). */
    static long jsonBytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 2; // with its low surrogate (2 more below): 4 bytes per supplementary character
            } else {
                bytes += Character.isLowSurrogate(c) ? 2 : 3;
            }
        }
        return bytes;
    }
}
