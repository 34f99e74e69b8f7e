package io.github.pinpointgtm.runtime.event;

import software.amazon.awssdk.thirdparty.jackson.core.JsonEncoding;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a {@link CustomerEvent} as the connector's versioned event JSON, the record every destination other than
 * Pinpoint receives (Kinesis record data, Firehose record, EventBridge {@code detail}, Customer Profiles object).
 *
 * <p>The format is documented in {@code docs/customer-event.md} and described by the JSON Schema
 * {@code docs/customer-event.schema.json}. Version {@value #SCHEMA_VERSION}: fields are only ever added within a
 * version; removing or changing one raises the version. The output is compact UTF-8 JSON, one line, with members in
 * a fixed order:
 *
 * <pre>{@code
 * {"schemaVersion":1,"eventId":"...","eventType":"purchase","timestamp":"2026-11-27T10:15:30.123Z",
 *  "endpointId":"...","attributes":{"page":"/checkout"},"metrics":{"value":9.5},"session":{"id":"..."},
 *  "userAttributes":{},"context":{"requestTime":"...","httpMethod":"GET","userAgent":"...","origin":"...",
 *  "sourceIp":"","identitySource":""}}
 * }</pre>
 *
 * <p>{@code session} is left out when the hit carried no {@code session_id}; the three maps are always present,
 * possibly empty; context strings are empty when unknown. Timestamps are UTC with milliseconds.
 */
public final class CustomerEventJson {

    /** The {@code schemaVersion} this writer produces. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private CustomerEventJson() {
    }

    /**
     * @param event the event
     * @return its event JSON, UTF-8 encoded
     */
    public static byte[] toBytes(CustomerEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(event, json);
        } catch (IOException e) {
            // Only the in-memory stream is written to: this cannot happen.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param event the event
     * @return its event JSON
     */
    public static String toJson(CustomerEvent event) {
        return new String(toBytes(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @param instant a point in time
     * @return it as the event JSON writes timestamps: ISO-8601 UTC with milliseconds, e.g.
     *         {@code 2026-11-27T10:15:30.123Z}
     */
    public static String timestamp(Instant instant) {
        return UtcMillisTimestamp.format(instant);
    }

    private static void write(CustomerEvent event, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", SCHEMA_VERSION);
        json.writeStringField("eventId", event.eventId());
        json.writeStringField("eventType", event.eventType());
        json.writeStringField("timestamp", timestamp(event.timestamp()));
        json.writeStringField("endpointId", event.endpointId());
        writeStrings(json, "attributes", event.attributes());
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
            json.writeNumberField(metric.getKey(), metric.getValue());
        }
        json.writeEndObject();
        if (event.sessionId() != null && !event.sessionId().isEmpty()) {
            json.writeObjectFieldStart("session");
            json.writeStringField("id", event.sessionId());
            json.writeEndObject();
        }
        writeStrings(json, "userAttributes", event.userAttributes());
        RequestContext context = event.context();
        json.writeObjectFieldStart("context");
        json.writeStringField("requestTime", timestamp(context.requestTime()));
        json.writeStringField("httpMethod", context.httpMethod() == null ? "" : context.httpMethod());
        json.writeStringField("userAgent", context.userAgent());
        json.writeStringField("origin", context.origin());
        json.writeStringField("sourceIp", context.sourceIp());
        json.writeStringField("identitySource", context.identitySource());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> value : values.entrySet()) {
            json.writeStringField(value.getKey(), value.getValue());
        }
        json.writeEndObject();
    }
}
