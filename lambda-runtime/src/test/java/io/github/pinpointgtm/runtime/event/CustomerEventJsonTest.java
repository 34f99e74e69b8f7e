package io.github.pinpointgtm.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

class CustomerEventJsonTest {

    private static final Instant TIME = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final RequestContext CONTEXT = new RequestContext(Instant.parse("2026-11-27T10:15:31Z"), "GET",
            "Mozilla/5.0", "https://www.example.com", "", "");

    @Test
    void writesTheDocumentedVersionOneShapeInAFixedOrder() {
        CustomerEvent event = new CustomerEvent("req-1", "purchase", TIME, "user-42",
                new LinkedHashMap<>(Map.of("page", "/checkout")), Map.of("value", 9.5), "session-7",
                Map.of("plan", "pro"), CONTEXT);

        assertThat(CustomerEventJson.toJson(event)).isEqualTo("{\"schemaVersion\":1,\"eventId\":\"req-1\","
                + "\"eventType\":\"purchase\",\"timestamp\":\"2026-11-27T10:15:30.123Z\",\"endpointId\":\"user-42\","
                + "\"attributes\":{\"page\":\"/checkout\"},\"metrics\":{\"value\":9.5},\"session\":{\"id\":\"session-7\"},"
                + "\"userAttributes\":{\"plan\":\"pro\"},\"context\":{\"requestTime\":\"2026-11-27T10:15:31.000Z\","
                + "\"httpMethod\":\"GET\",\"userAgent\":\"Mozilla/5.0\",\"origin\":\"https://www.example.com\","
                + "\"sourceIp\":\"\",\"identitySource\":\"\"}}");
    }

    @Test
    void leavesTheSessionOutWithoutASessionIdAndKeepsEmptyMaps() {
        CustomerEvent event = new CustomerEvent("req-2", "page_view", TIME, "user-42", null, null, null, null, CONTEXT);

        Map<String, Object> json = Json.parseObject(CustomerEventJson.toJson(event));

        assertThat(json).doesNotContainKey("session");
        assertThat(json).containsEntry("attributes", Map.of()).containsEntry("metrics", Map.of())
                .containsEntry("userAttributes", Map.of());
        EventJsonSchema.assertValid(CustomerEventJson.toBytes(event));
    }

    @Test
    void timestampsAlwaysCarryMillisecondsInUtc() {
        assertThat(CustomerEventJson.timestamp(Instant.parse("2026-11-27T10:15:30Z")))
                .isEqualTo("2026-11-27T10:15:30.000Z");
        assertThat(CustomerEventJson.timestamp(Instant.parse("2026-11-27T10:15:30.123456789Z")))
                .isEqualTo("2026-11-27T10:15:30.123Z");
    }

    @Test
    void clientStringsAreEscapedNotInterpreted() {
        String hostile = "\",\"eventType\":\"forged\"}\n\u0000\u2028\uD83D\uDE00";
        CustomerEvent event = new CustomerEvent("req-3", "purchase", TIME, hostile, Map.of(hostile, hostile),
                Map.of(), hostile, Map.of(), CONTEXT);

        String json = CustomerEventJson.toJson(event);

        Map<String, Object> parsed = Json.parseObject(json);
        assertThat(parsed).containsEntry("eventType", "purchase").containsEntry("endpointId", hostile)
                .containsEntry("attributes", Map.of(hostile, hostile));
        assertThat(json).doesNotContain("\n");
        EventJsonSchema.assertValid(json);
    }

    @Test
    void theSchemaIsNotVacuous() {
        String valid = CustomerEventJson.toJson(new CustomerEvent("req-4", "purchase", TIME, "user-42", null,
                Map.of("value", 1.0), null, null, CONTEXT));

        assertThat(EventJsonSchema.problems(valid)).isEmpty();
        assertThat(EventJsonSchema.problems(valid.replace("\"schemaVersion\":1", "\"schemaVersion\":2"))).isNotEmpty();
        assertThat(EventJsonSchema.problems(valid.replace("\"eventId\":\"req-4\",", ""))).isNotEmpty();
        assertThat(EventJsonSchema.problems(valid.replace("\"value\":1.0", "\"value\":\"1.0\""))).isNotEmpty();
        assertThat(EventJsonSchema.problems(valid.replace(".123Z", "Z"))).isNotEmpty();
        assertThat(EventJsonSchema.problems(valid.replace("\"httpMethod\":\"GET\"", "\"httpMethod\":\"PUT\""))).isNotEmpty();
        assertThat(EventJsonSchema.problems(valid.replace("{\"schemaVersion\"", "{\"extra\":1,\"schemaVersion\""))).isNotEmpty();
    }

    /** The values of one generated event. */
    private record Sample(String endpointId, String attributeValue, double metric, String userAgent) {
    }

    @Test
    void everyEventWithinTheLimitsRoundTripsAndFollowsTheSchema() {
        Generator<String> text = Texts.wellFormed(0, 100);
        Generator<String> longText = Texts.wellFormed(0, 300); // longer than the writer's first buffer: it grows
        Generator<Double> metrics = Generator.doubles();
        Generator<Sample> samples = random -> new Sample(text.next(random), text.next(random),
                metrics.next(random), longText.next(random));

        PropertyCheck.forAll(300, samples, sample -> {
            if (!Double.isFinite(sample.metric())) {
                return; // the mapping refuses non-finite metrics (invalid-metric) before any destination
            }
            String endpoint = sample.endpointId().isEmpty() ? "e" : sample.endpointId();
            CustomerEvent event = new CustomerEvent("req-5", "purchase", TIME, endpoint,
                    Map.of("a", sample.attributeValue()), Map.of("m", sample.metric()), null, Map.of(),
                    new RequestContext(TIME, "POST", sample.userAgent(), "", "", ""));

            String json = CustomerEventJson.toJson(event);

            EventJsonSchema.assertValid(json);
            Map<String, Object> parsed = Json.parseObject(json);
            assertThat(parsed).containsEntry("endpointId", endpoint)
                    .containsEntry("attributes", Map.of("a", sample.attributeValue()));
            assertThat(((Number) ((Map<?, ?>) parsed.get("metrics")).get("m")).doubleValue())
                    .isEqualTo(sample.metric());
        });
    }

    @Test
    void aNullStringIsWrittenAsJsonNull() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("page", null);
        CustomerEvent event = new CustomerEvent("req-6", "purchase", TIME, "user-42", attributes, Map.of(), null,
                attributes, new RequestContext(TIME, null, "", "", "", ""));

        assertThat(CustomerEventJson.toJson(event)).contains("\"attributes\":{\"page\":null}")
                .contains("\"userAttributes\":{\"page\":null}");
    }

    /** The strings of one generated event. */
    private record Strings(String endpointId, String attributeName, String attributeValue, String session,
                           String userAgent) {
    }

    @Test
    void writesEveryStringByteForByteAsJacksonsStringWriter() {
        Generator<String> any = Texts.anyUtf16(3000); // lone surrogates, control characters, over 1,000 chars
        Generator<Strings> samples = random -> new Strings(any.next(random), any.next(random), any.next(random),
                any.next(random), any.next(random));

        PropertyCheck.forAll(200, samples, sample -> {
            CustomerEvent event = new CustomerEvent("req-7", "purchase", TIME, sample.endpointId(),
                    Map.of(sample.attributeName(), sample.attributeValue()), Map.of("m", 1.5),
                    sample.session().isEmpty() ? null : sample.session(), Map.of("tier", sample.attributeValue()),
                    new RequestContext(TIME, "POST", sample.userAgent(), "https://www.example.com", "", ""));

            assertThat(CustomerEventJson.toBytes(event)).isEqualTo(jacksonStringFields(event));
        });
    }

    /** @return the event as plain shaded Jackson writes it with {@code writeStringField(String, String)} */
    private static byte[] jacksonStringFields(CustomerEvent event) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", CustomerEventJson.SCHEMA_VERSION);
            json.writeStringField("eventId", event.eventId());
            json.writeStringField("eventType", event.eventType());
            json.writeStringField("timestamp", CustomerEventJson.timestamp(event.timestamp()));
            json.writeStringField("endpointId", event.endpointId());
            writeStringMap(json, "attributes", event.attributes());
            json.writeObjectFieldStart("metrics");
            for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
                json.writeNumberField(metric.getKey(), metric.getValue());
            }
            json.writeEndObject();
            if (event.sessionId() != null) {
                json.writeObjectFieldStart("session");
                json.writeStringField("id", event.sessionId());
                json.writeEndObject();
            }
            writeStringMap(json, "userAttributes", event.userAttributes());
            RequestContext context = event.context();
            json.writeObjectFieldStart("context");
            json.writeStringField("requestTime", CustomerEventJson.timestamp(context.requestTime()));
            json.writeStringField("httpMethod", context.httpMethod());
            json.writeStringField("userAgent", context.userAgent());
            json.writeStringField("origin", context.origin());
            json.writeStringField("sourceIp", context.sourceIp());
            json.writeStringField("identitySource", context.identitySource());
            json.writeEndObject();
            json.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeStringMap(JsonGenerator json, String name, Map<String, String> values)
            throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
