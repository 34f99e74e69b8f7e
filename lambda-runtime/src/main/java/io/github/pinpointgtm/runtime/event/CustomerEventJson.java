package io.github.pinpointgtm.runtime.event;

import software.amazon.awssdk.thirdparty.jackson.core.JsonEncoding;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.io.SerializedString;
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
    // Member names as UTF-8 bytes, encoded once rather than per event.
    private static final SerializedString SCHEMA_VERSION_NAME = new SerializedString("schemaVersion");
    private static final SerializedString EVENT_ID = new SerializedString("eventId");
    private static final SerializedString EVENT_TYPE = new SerializedString("eventType");
    private static final SerializedString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializedString ENDPOINT_ID = new SerializedString("endpointId");
    private static final SerializedString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString METRICS = new SerializedString("metrics");
    private static final SerializedString SESSION = new SerializedString("session");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString USER_ATTRIBUTES = new SerializedString("userAttributes");
    private static final SerializedString CONTEXT = new SerializedString("context");
    private static final SerializedString REQUEST_TIME = new SerializedString("requestTime");
    private static final SerializedString HTTP_METHOD = new SerializedString("httpMethod");
    private static final SerializedString USER_AGENT = new SerializedString("userAgent");
    private static final SerializedString ORIGIN = new SerializedString("origin");
    private static final SerializedString SOURCE_IP = new SerializedString("sourceIp");
    private static final SerializedString IDENTITY_SOURCE = new SerializedString("identitySource");

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
        Strings strings = new Strings(json);
        json.writeStartObject();
        json.writeFieldName(SCHEMA_VERSION_NAME);
        json.writeNumber(SCHEMA_VERSION);
        strings.field(EVENT_ID, event.eventId());
        strings.field(EVENT_TYPE, event.eventType());
        strings.field(TIMESTAMP, timestamp(event.timestamp()));
        strings.field(ENDPOINT_ID, event.endpointId());
        strings.map(ATTRIBUTES, event.attributes());
        json.writeFieldName(METRICS);
        json.writeStartObject();
        for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
            json.writeNumberField(metric.getKey(), metric.getValue());
        }
        json.writeEndObject();
        if (event.sessionId() != null && !event.sessionId().isEmpty()) {
            json.writeFieldName(SESSION);
            json.writeStartObject();
            strings.field(ID, event.sessionId());
            json.writeEndObject();
        }
        strings.map(USER_ATTRIBUTES, event.userAttributes());
        RequestContext context = event.context();
        json.writeFieldName(CONTEXT);
        json.writeStartObject();
        strings.field(REQUEST_TIME, timestamp(context.requestTime()));
        strings.field(HTTP_METHOD, context.httpMethod() == null ? "" : context.httpMethod());
        strings.field(USER_AGENT, context.userAgent());
        strings.field(ORIGIN, context.origin());
        strings.field(SOURCE_IP, context.sourceIp());
        strings.field(IDENTITY_SOURCE, context.identitySource());
        json.writeEndObject();
        json.writeEndObject();
    }

    /**
     * Writes strings from a reused {@code char[]}: Jackson's UTF-8 writer reads a {@code String} with a bounds-checked
     * {@code charAt} per character, which costs several times an array read without the optimising JIT (Lambda's C1).
     */
    private static final class Strings {
        private final JsonGenerator json;
        private char[] chars = new char[128];

        Strings(JsonGenerator json) {
            this.json = json;
        }

        void field(SerializedString name, String value) throws IOException {
            json.writeFieldName(name);
            value(value);
        }

        void map(SerializedString name, Map<String, String> values) throws IOException {
            json.writeFieldName(name);
            json.writeStartObject();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                json.writeFieldName(entry.getKey());
                value(entry.getValue());
            }
            json.writeEndObject();
        }

        private void value(String value) throws IOException {
            if (value == null) {
                // As Jackson's writeString(String) writes it.
                json.writeNull();
                return;
            }
            int length = value.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            value.getChars(0, length, chars, 0);
            json.writeString(chars, 0, length);
        }
    }
}
