package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as the local pipeline's destination recorded it, with the same fields whatever the destination: read
 * from Pinpoint's {@code PutEvents} request, or from the event JSON that Kinesis Data Streams, Data Firehose,
 * EventBridge and Customer Profiles receive ({@code docs/customer-event.md}).
 *
 * @param endpointId who the event is about
 * @param eventId    the hit's request id (Pinpoint: the event's key in its batch; the event JSON's {@code eventId})
 * @param eventType  the {@code event} parameter
 * @param timestamp  when the event happened, ISO-8601 UTC
 * @param attributes the {@code evat_} parameters
 * @param metrics    the {@code evmt_} parameters
 */
public record RecordedEvent(String endpointId, String eventId, String eventType, String timestamp,
                            Map<String, String> attributes, Map<String, Double> metrics) {

    public RecordedEvent {
        attributes = Map.copyOf(attributes);
        metrics = Map.copyOf(metrics);
    }

    /** @return the event the Pinpoint stand-in recorded */
    static RecordedEvent fromPinpoint(PinpointStandIn.RecordedEvent event) {
        return new RecordedEvent(event.endpointId(), event.eventId(), event.eventType(), event.timestamp(),
                event.attributes(), event.metrics());
    }

    /**
     * @param json the event JSON (a trailing newline, as Firehose records carry, is allowed)
     * @return its event
     * @throws IllegalArgumentException when it is not an event JSON object
     */
    static RecordedEvent fromEventJson(String json) {
        Map<String, Object> event = Json.parseObject(json);
        Map<String, String> attributes = new LinkedHashMap<>();
        object(event, "attributes").forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("attribute " + name + " is not a string: " + value);
            }
            attributes.put(name, text);
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        object(event, "metrics").forEach((name, value) -> {
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("metric " + name + " is not a number: " + value);
            }
            metrics.put(name, number.doubleValue());
        });
        return new RecordedEvent(string(event, "endpointId"), string(event, "eventId"), string(event, "eventType"),
                string(event, "timestamp"), attributes, metrics);
    }

    private static String string(Map<String, Object> event, String field) {
        if (!(event.get(field) instanceof String text)) {
            throw new IllegalArgumentException("the event JSON's " + field + " is not a string: " + event.get(field));
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> event, String field) {
        Object value = event.getOrDefault(field, Map.of());
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("the event JSON's " + field + " is not an object: " + value);
        }
        return (Map<String, Object>) value;
    }
}
