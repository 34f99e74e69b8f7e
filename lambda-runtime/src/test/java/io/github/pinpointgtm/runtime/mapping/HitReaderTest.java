package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class HitReaderTest {
    private static final Instant REQUEST_TIME = Instant.ofEpochMilli(1764201600123L);

    private static HitReader reader(String... extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef");
        env.put("DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
        env.put("REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected");
        env.put("ALLOWED_ORIGINS", "https://www.example.com");
        for (int i = 0; i < extraEnv.length; i += 2) {
            env.put(extraEnv[i], extraEnv[i + 1]);
        }
        return new HitReader(ProcessorConfig.fromEnvironment(env));
    }

    private static EnvelopeJson fromSite() {
        return EnvelopeJson.get().with("referer", "https://www.example.com/checkout");
    }

    private static CustomerEvent accepted(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        return ((HitOutcome.Accepted) outcome).event();
    }

    private static Rejection rejected(HitOutcome outcome, RejectionReason reason) {
        assertThat(outcome).isInstanceOf(HitOutcome.Rejected.class);
        Rejection rejection = ((HitOutcome.Rejected) outcome).rejection();
        assertThat(rejection.reason()).isEqualTo(reason);
        return rejection;
    }

    @Test
    void mapsTheParameterContract() {
        String body = fromSite()
                .with("userAgent", "Mozilla/5.0")
                .with("sourceIp", "203.0.113.9")
                .query("event", "purchase", "endpoint_id", "abc", "evat_plan", "pro", "evmt_value", "9.5",
                        "evmt_items", "-3", "session_id", "s-1", "gtmcb", "12345", "utm_source", "x",
                        "usat_tier", "gold")
                .json();

        HitOutcome outcome = reader().read(body);

        CustomerEvent event = accepted(outcome);
        assertThat(event.eventId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(event.eventType()).isEqualTo("purchase");
        assertThat(event.endpointId()).isEqualTo("abc");
        assertThat(event.timestamp()).isEqualTo(REQUEST_TIME);
        assertThat(event.attributes()).containsExactly(entry("plan", "pro"));
        assertThat(event.metrics()).containsExactly(entry("value", 9.5), entry("items", -3.0));
        assertThat(event.sessionId()).isEqualTo("s-1");
        assertThat(event.userAttributes()).isEmpty();
        assertThat(((HitOutcome.Accepted) outcome).ignoredUserAttributes()).isEqualTo(1);
        assertThat(event.context().requestTime()).isEqualTo(REQUEST_TIME);
        assertThat(event.context().httpMethod()).isEqualTo("GET");
        assertThat(event.context().origin()).isEqualTo("https://www.example.com");
        assertThat(event.context().userAgent()).isEqualTo("Mozilla/5.0");
        assertThat(event.context().sourceIp()).isEqualTo("203.0.113.9");
        assertThat(event.context().authenticated()).isFalse();
    }

    @Test
    void userAttributesAreWrittenOnlyWhenEnabled() {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "usat_tier", "gold").json();

        HitOutcome outcome = reader("USER_ATTRIBUTES_ENABLED", "true").read(body);

        assertThat(accepted(outcome).userAttributes()).containsExactly(entry("tier", "gold"));
        assertThat(((HitOutcome.Accepted) outcome).ignoredUserAttributes()).isZero();
    }

    @Test
    void valuesArriveExactlyAsSent() {
        String nasty = "& = \" ' \\ % + $ # { } , \n Zürich 😀 %41 +";
        String body = fromSite().query("event", "e", "endpoint_id", nasty, "evat_" + nasty, nasty).json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.endpointId()).isEqualTo(nasty);
        assertThat(event.attributes()).containsExactly(entry(nasty, nasty));
    }

    @Test
    void anAuthenticatedIdentityIsTheEndpointIdAndTheQueryCannotOverrideIt() {
        String body = fromSite()
                .with("identity", "cognito-sub-123")
                .with("identitySource", "cognito:sub")
                .query("event", "e", "endpoint_id", "spoofed")
                .json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.endpointId()).isEqualTo("cognito-sub-123");
        assertThat(event.context().identitySource()).isEqualTo("cognito:sub");
        assertThat(event.context().authenticated()).isTrue();
    }

    @Test
    void anAuthorizerWithoutAnIdentityDoesNotFallBackToTheQuery() {
        String body = fromSite().with("identitySource", "lambda:principalId")
                .query("event", "e", "endpoint_id", "spoofed").json();

        Rejection rejection = rejected(reader().read(body), RejectionReason.MISSING_ENDPOINT_ID);

        assertThat(rejection.detail()).contains("authenticated");
    }

    @Test
    void anIdentityWithoutASourceIsStillAuthenticated() {
        String body = fromSite().with("identity", "user-7").query("event", "e", "endpoint_id", "spoofed").json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.endpointId()).isEqualTo("user-7");
        assertThat(event.context().authenticated()).isTrue();
    }

    @Test
    void missingOrEmptyEventAndEndpointAreRejected() {
        rejected(reader().read(fromSite().query("endpoint_id", "a").json()), RejectionReason.MISSING_EVENT_TYPE);
        rejected(reader().read(fromSite().query("event", "", "endpoint_id", "a").json()),
                RejectionReason.MISSING_EVENT_TYPE);
        rejected(reader().read(fromSite().query("event", "e").json()), RejectionReason.MISSING_ENDPOINT_ID);
        rejected(reader().read(fromSite().query("event", "e", "endpoint_id", "").json()),
                RejectionReason.MISSING_ENDPOINT_ID);
    }

    @Test
    void emptyOptionalValuesAndNamelessPrefixesAreLeftOut() {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "evat_coupon", "", "evmt_value", "",
                "session_id", "", "ts", "", "evat_", "x", "evmt_", "1").json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.attributes()).isEmpty();
        assertThat(event.metrics()).isEmpty();
        assertThat(event.sessionId()).isNull();
        assertThat(event.timestamp()).isEqualTo(REQUEST_TIME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "NaN", "Infinity", "-Infinity", "1e999", "0x10", "1d", "1f", "1,5", " 1",
            "1.2.3", "--1", "e5"})
    void invalidMetricsAreRejectedNamingTheParameter(String value) {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "evmt_revenue", value).json();

        Rejection rejection = rejected(reader().read(body), RejectionReason.INVALID_METRIC);

        assertThat(rejection.detail()).contains("evmt_revenue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.5", "+2", ".5", "5.", "1e3", "1E-3", "123456789012345678"})
    void decimalMetricsAreAccepted(String value) {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "evmt_v", value).json();

        assertThat(accepted(reader().read(body)).metrics().get("v")).isEqualTo(Double.parseDouble(value));
    }

    @Test
    void aClientTimestampWithinTheSkewIsUsed() {
        Instant client = REQUEST_TIME.minusSeconds(299);
        String iso = fromSite().query("event", "e", "endpoint_id", "a", "ts", client.toString()).json();
        String millis = fromSite().query("event", "e", "endpoint_id", "a",
                "ts", Long.toString(client.toEpochMilli())).json();

        assertThat(accepted(reader().read(iso)).timestamp()).isEqualTo(client);
        assertThat(accepted(reader().read(millis)).timestamp()).isEqualTo(client);
    }

    @Test
    void aClientTimestampOutsideTheSkewOrUnparseableFallsBackToTheRequestTime() {
        for (String ts : new String[] {REQUEST_TIME.plusSeconds(301).toString(),
                Long.toString(REQUEST_TIME.minusSeconds(301).toEpochMilli()), "yesterday", "2026-11-26",
                "2026-11-26T12:00:00", "99999999999999999999"}) {
            String body = fromSite().query("event", "e", "endpoint_id", "a", "ts", ts).json();

            assertThat(accepted(reader().read(body)).timestamp()).as(ts).isEqualTo(REQUEST_TIME);
        }
    }

    @Test
    void theSkewIsConfigurable() {
        Instant client = REQUEST_TIME.minusSeconds(30);
        String body = fromSite().query("event", "e", "endpoint_id", "a", "ts", client.toString()).json();

        assertThat(accepted(reader("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", "60").read(body)).timestamp())
                .isEqualTo(client);
        assertThat(accepted(reader("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", "10").read(body)).timestamp())
                .isEqualTo(REQUEST_TIME);
    }

    @Test
    void postBodyParametersOverrideTheQuery() {
        String body = fromSite()
                .with("httpMethod", "POST")
                .with("contentType", "text/plain;charset=UTF-8")
                .query("event", "from_query", "endpoint_id", "q", "evat_source", "query")
                .with("body", "{\"event\":\"from_body\",\"evat_source\":\"body\",\"evmt_value\":12.5,"
                        + "\"evat_extra\":\"x\",\"ts\":" + REQUEST_TIME.minusSeconds(5).toEpochMilli() + "}")
                .json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.eventType()).isEqualTo("from_body");
        assertThat(event.endpointId()).isEqualTo("q");
        assertThat(event.attributes()).containsExactly(entry("source", "body"), entry("extra", "x"));
        assertThat(event.metrics()).containsExactly(entry("value", 12.5));
        assertThat(event.timestamp()).isEqualTo(REQUEST_TIME.minusSeconds(5));
        assertThat(event.context().httpMethod()).isEqualTo("POST");
    }

    @Test
    void formBodyFieldsOverrideTheQuery() {
        String body = fromSite()
                .with("httpMethod", "POST")
                .with("contentType", "application/x-www-form-urlencoded;charset=UTF-8")
                .query("event", "from_query", "endpoint_id", "q", "evat_source", "query")
                .with("body", "event=from_body&evat_source=body+form&evmt_value=12.5&evat_page=%2Fcheckout%3Fa%3D1")
                .json();

        CustomerEvent event = accepted(reader().read(body));

        assertThat(event.eventType()).isEqualTo("from_body");
        assertThat(event.endpointId()).isEqualTo("q");
        assertThat(event.attributes()).containsExactly(entry("source", "body form"), entry("page", "/checkout?a=1"));
        assertThat(event.metrics()).containsExactly(entry("value", 12.5));
    }

    @Test
    void aFormBodyWithAMalformedEscapeIsAMalformedBody() {
        String body = fromSite().query("event", "e", "endpoint_id", "a")
                .with("contentType", "application/x-www-form-urlencoded")
                .with("body", "evat_x=1&evat_y=%E").json();

        assertThat(rejected(reader().read(body), RejectionReason.MALFORMED_BODY).detail())
                .isEqualTo("form field 2 of the body holds a '%' that is not followed by two hex digits");
    }

    @Test
    void aFormBodySentAsTextIsReadAsJson() {
        String body = fromSite().query("event", "e", "endpoint_id", "a")
                .with("contentType", "text/plain;charset=UTF-8")
                .with("body", "event=view").json();

        rejected(reader().read(body), RejectionReason.MALFORMED_BODY);
    }

    @Test
    void aNullBodyValueRemovesTheParameter() {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "evat_coupon", "SAVE")
                .with("body", "{\"evat_coupon\":null}").json();

        assertThat(accepted(reader().read(body)).attributes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"event\"", "42", "{", "{\"event\":\"e\"} trailing", "event=e&endpoint_id=a",
            "{\"event\":true}", "{\"evat_a\":1}", "{\"endpoint_id\":123}", "{\"evat_a\":{\"b\":\"c\"}}",
            "{\"evmt_a\":[1]}", "{\"evmt_a\":false}"})
    void aBodyThatIsNotAnObjectOfParametersIsMalformed(String requestBody) {
        String body = fromSite().query("event", "e", "endpoint_id", "a").with("body", requestBody).json();

        rejected(reader().read(body), RejectionReason.MALFORMED_BODY);
    }

    @Test
    void malformedBodyDetailsNameTheKeyButNotTheValue() {
        String body = fromSite().query("event", "e", "endpoint_id", "a")
                .with("body", "{\"evat_email\":{\"secret\":\"me@example.com\"}}").json();

        Rejection rejection = rejected(reader().read(body), RejectionReason.MALFORMED_BODY);

        assertThat(rejection.detail()).contains("evat_email").doesNotContain("me@example.com");
    }

    @Test
    void originPolicyIsApplied() {
        rejected(reader().read(EnvelopeJson.get().query("event", "e", "endpoint_id", "a").json()),
                RejectionReason.ORIGIN_MISSING);
        rejected(reader().read(EnvelopeJson.get().with("origin", "https://evil.example")
                .query("event", "e", "endpoint_id", "a").json()), RejectionReason.ORIGIN_NOT_ALLOWED);
        accepted(reader("ALLOW_MISSING_ORIGIN", "true").read(EnvelopeJson.get()
                .query("event", "e", "endpoint_id", "a").json()));
    }

    @Test
    void theOriginIsCheckedBeforeTheBodyIsRead() {
        String body = EnvelopeJson.get().with("origin", "https://evil.example").with("body", "not json").json();

        rejected(reader().read(body), RejectionReason.ORIGIN_NOT_ALLOWED);
    }

    @Test
    void eventTypeAllowlistIsApplied() {
        HitReader allowlist = reader("ALLOWED_EVENT_TYPES", "purchase");

        accepted(allowlist.read(fromSite().query("event", "purchase", "endpoint_id", "a").json()));
        rejected(allowlist.read(fromSite().query("event", "refund", "endpoint_id", "a").json()),
                RejectionReason.EVENT_TYPE_NOT_ALLOWED);
    }

    @Test
    void limitsAreApplied() {
        String body = fromSite().query("event", "e", "endpoint_id", "a", "evat_note", "x".repeat(201)).json();

        Rejection rejection = rejected(reader().read(body), RejectionReason.LIMIT_EXCEEDED);

        assertThat(rejection.detail()).contains("evat_note", "200");
    }

    @Test
    void unreadableEnvelopesAreRejectedNotThrown() {
        rejected(reader().read("not json"), RejectionReason.MALFORMED_ENVELOPE);
        rejected(reader().read((String) null), RejectionReason.MALFORMED_ENVELOPE);
        rejected(reader().read(EnvelopeJson.get().withRaw("v", "2").json()),
                RejectionReason.UNSUPPORTED_ENVELOPE_VERSION);
    }
}
