package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.testkit.GoldenEnvelopes;
import io.github.pinpointgtm.testkit.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every golden envelope (the testkit's {@link GoldenEnvelopes}, format in their README) through the
 * processor: the envelope must be exactly what the request encodes to, and HitReader must reach the expected
 * outcome.
 */
class GoldenEnvelopesTest {

    @Test
    void theGoldenSetCoversAcceptedAndRejectedHits() {
        assertThat(GoldenEnvelopes.all()).hasSizeGreaterThanOrEqualTo(20);
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenEnvelope() {
        return GoldenEnvelopes.all().stream().map(golden -> DynamicTest.dynamicTest(golden.fileName(),
                () -> check(golden.json())));
    }

    @SuppressWarnings("unchecked")
    private static void check(String text) {
        Map<String, Object> golden = (Map<String, Object>) Json.parse(text);
        assertThat(golden).containsKeys("description", "request", "envelope", "expected");
        Map<String, Object> request = (Map<String, Object>) golden.get("request");
        Map<String, Object> envelope = (Map<String, Object>) golden.get("envelope");
        Map<String, Object> expected = (Map<String, Object>) golden.get("expected");

        assertEnvelopeEncodesRequest(request, envelope);

        String envelopeJson = Json.field(text, "envelope");
        HitOutcome outcome = reader((Map<String, Object>) golden.getOrDefault("config", Map.of()))
                .read(envelopeJson);
        if (expected.get("outcome").equals("accepted")) {
            assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
            CustomerEvent event = ((HitOutcome.Accepted) outcome).event();
            assertEvent(event, (Map<String, Object>) expected.get("event"), (Long) request.get("requestTimeEpoch"));
            // What the successor destinations are sent for it follows the published schema.
            EventJsonSchema.assertValid(CustomerEventJson.toBytes(event));
        } else {
            assertThat(expected.get("outcome")).isEqualTo("rejected");
            assertThat(outcome).isInstanceOf(HitOutcome.Rejected.class);
            Rejection rejection = ((HitOutcome.Rejected) outcome).rejection();
            assertThat(rejection.reason().code()).isEqualTo(expected.get("reason"));
            if (expected.containsKey("detailContains")) {
                assertThat(rejection.detail()).contains((String) expected.get("detailContains"));
            }
        }
    }

    private static HitReader reader(Map<String, Object> config) {
        Map<String, String> env = new HashMap<>();
        env.put("PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef");
        env.put("DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
        env.put("REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected");
        env.put("ALLOWED_ORIGINS", "https://www.example.com");
        config.forEach((name, value) -> env.put(name, (String) value));
        return new HitReader(ProcessorConfig.fromEnvironment(env));
    }

    /** The envelope is what the request template writes for the request: every string URL-encoded once. */
    @SuppressWarnings("unchecked")
    private static void assertEnvelopeEncodesRequest(Map<String, Object> request, Map<String, Object> envelope) {
        Map<String, String> headers = new HashMap<>();
        ((Map<String, Object>) request.get("headers")).forEach(
                (name, value) -> headers.put(name.toLowerCase(Locale.ROOT), (String) value));
        boolean post = request.get("httpMethod").equals("POST");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("v", 1);
        expected.put("requestId", encode(request.get("requestId")));
        expected.put("requestTimeEpoch", request.get("requestTimeEpoch"));
        expected.put("httpMethod", encode(request.get("httpMethod")));
        List<Object> query = new ArrayList<>();
        List<Object> credentials = (List<Object>) request.getOrDefault("credentialQueryParameters", List.of());
        for (Object pair : (List<Object>) request.get("query")) {
            List<Object> nameAndValue = (List<Object>) pair;
            if (credentials.contains(nameAndValue.get(0))) {
                continue; // an authorizer's credential: the template never writes it
            }
            query.add(List.of(encode(nameAndValue.get(0)), encode(nameAndValue.get(1))));
        }
        expected.put("query", query);
        expected.put("body", post ? encode(request.get("body")) : "");
        expected.put("contentType", post ? encode(headers.getOrDefault("content-type", "")) : "");
        expected.put("userAgent", encode(headers.getOrDefault("user-agent", "")));
        expected.put("origin", encode(headers.getOrDefault("origin", "")));
        // referer: the Referer's origin, or the whole header when the template keeps it (includeFullReferer)
        String referer = headers.getOrDefault("referer", "");
        expected.put("referer", envelope.get("referer").equals(encode(referer)) ? encode(referer)
                : encode(refererOrigin(referer)));
        // sourceIp is in the envelope only when the template includes it (the construct's includeSourceIp)
        expected.put("sourceIp", ((String) envelope.get("sourceIp")).isEmpty() ? ""
                : encode(request.get("sourceIp")));
        expected.put("identity", encode(request.get("identity")));
        expected.put("identitySource", encode(request.get("identitySource")));

        assertThat(envelope).containsExactlyEntriesOf(expected);
    }

    /** scheme://host[:port] of an absolute URL as written (case and port kept), without user information. */
    private static String refererOrigin(String referer) {
        URI uri = URI.create(referer);
        String authority = uri.getRawAuthority();
        String userInfo = uri.getRawUserInfo();
        return uri.getScheme() + "://" + (userInfo == null ? authority : authority.substring(userInfo.length() + 1));
    }

    private static String encode(Object value) {
        return URLEncoder.encode((String) value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void assertEvent(CustomerEvent event, Map<String, Object> expected, long requestTimeEpoch) {
        assertThat(expected).containsOnlyKeys("eventId", "eventType", "timestamp", "endpointId", "attributes",
                "metrics", "sessionId", "userAttributes", "context");
        assertThat(event.eventId()).isEqualTo(expected.get("eventId"));
        assertThat(event.eventType()).isEqualTo(expected.get("eventType"));
        assertThat(event.timestamp()).hasToString((String) expected.get("timestamp"));
        assertThat(event.endpointId()).isEqualTo(expected.get("endpointId"));
        assertThat(event.attributes()).containsExactlyEntriesOf((Map<String, String>) (Map<?, ?>) expected
                .get("attributes"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) expected.get("metrics")).forEach(
                (name, value) -> metrics.put(name, ((Number) value).doubleValue()));
        assertThat(event.metrics()).containsExactlyEntriesOf(metrics);
        assertThat(event.sessionId()).isEqualTo(expected.get("sessionId"));
        assertThat(event.userAttributes()).containsExactlyEntriesOf((Map<String, String>) (Map<?, ?>) expected
                .get("userAttributes"));
        Map<String, Object> context = (Map<String, Object>) expected.get("context");
        assertThat(event.context().requestTime()).isEqualTo(Instant.ofEpochMilli(requestTimeEpoch));
        assertThat(event.context().httpMethod()).isEqualTo(context.get("httpMethod"));
        assertThat(event.context().userAgent()).isEqualTo(context.get("userAgent"));
        assertThat(event.context().origin()).isEqualTo(context.get("origin"));
        assertThat(event.context().sourceIp()).isEqualTo(context.get("sourceIp"));
        assertThat(event.context().identitySource()).isEqualTo(context.get("identitySource"));
    }
}
