package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.JsonStringBytes;
import java.util.Map;

/**
 * An upper bound of the bytes an event adds to a PutEvents JSON body. It counts every string as the SDK's JSON
 * writer would escape and UTF-8-encode it ({@link JsonStringBytes}) and adds a generous fixed allowance for the
 * punctuation around each field, so requests planned with it stay under Pinpoint's size limits.
 */
final class JsonSizeEstimator {

    /** Quotes, colon, comma and braces around one name/value pair, rounded up. */
    private static final int FIELD_OVERHEAD = 8;
    /** The longest JSON rendering of a double ({@code -1.2345678901234567E-308}). */
    private static final int NUMBER_BYTES = 24;
    /** {@code "EventType"}, {@code "Timestamp"}, {@code "Attributes"}, ... names and braces of one event. */
    private static final int EVENT_OVERHEAD = 160;
    /** {@code "Endpoint":{"User":{"UserAttributes":{}}},"Events":{}} and the batch's braces. */
    private static final int ENDPOINT_OVERHEAD = 96;

    private JsonSizeEstimator() {
    }

    /**
     * @param event     the event
     * @param timestamp its timestamp as the request carries it
     * @return an upper bound of the bytes this event adds to a request, including its endpoint's share (counted
     *         in full for every event, so several events of one endpoint are over-, never under-estimated)
     */
    static long eventBytes(CustomerEvent event, String timestamp) {
        long bytes = EVENT_OVERHEAD + ENDPOINT_OVERHEAD;
        bytes += field(event.eventId()) + field(event.endpointId());
        bytes += field(event.eventType());
        bytes += field(timestamp);
        for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
            bytes += field(attribute.getKey()) + field(attribute.getValue());
        }
        for (String metric : event.metrics().keySet()) {
            bytes += field(metric) + NUMBER_BYTES;
        }
        if (event.sessionId() != null) {
            bytes += field(event.sessionId()) + field(timestamp) + EVENT_OVERHEAD / 4;
        }
        for (Map.Entry<String, String> attribute : event.userAttributes().entrySet()) {
            bytes += field(attribute.getKey()) + field(attribute.getValue()) + 2; // the value is a one-element list
        }
        return bytes;
    }

    private static long field(String value) {
        return FIELD_OVERHEAD + JsonStringBytes.of(value);
    }
}
