package io.github.pinpointgtm.runtime.envelope;

import io.github.pinpointgtm.runtime.event.RejectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EnvelopeParserTest {

    @Test
    void readsEveryFieldAndDecodesEachStringOnce() throws Exception {
        String json = EnvelopeJson.get()
                .with("httpMethod", "POST")
                .query("event", "purchase", "evat_note", "50% off & more = \"deal\"", "a+b", "c d")
                .with("body", "{\"evat_x\":\"%41\"}")
                .with("contentType", "text/plain;charset=UTF-8")
                .with("userAgent", "Mozilla/5.0 (X11; Linux x86_64)")
                .with("origin", "https://www.example.com")
                .with("referer", "https://www.example.com/checkout?step=2#pay")
                .with("sourceIp", "203.0.113.9")
                .with("identity", "user-1")
                .with("identitySource", "lambda:principalId")
                .json();

        Envelope envelope = EnvelopeParser.parse(json);

        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.requestId()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(envelope.requestTimeEpoch()).isEqualTo(1764201600123L);
        assertThat(envelope.httpMethod()).isEqualTo("POST");
        assertThat(envelope.query()).extracting(Envelope.QueryParameter::name, Envelope.QueryParameter::value)
                .containsExactly(tuple("event", "purchase"), tuple("evat_note", "50% off & more = \"deal\""),
                        tuple("a+b", "c d"));
        // decoded once: the body's own "%41" stays as it was sent
        assertThat(envelope.body()).isEqualTo("{\"evat_x\":\"%41\"}");
        assertThat(envelope.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(envelope.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(envelope.origin()).isEqualTo("https://www.example.com");
        assertThat(envelope.referer()).isEqualTo("https://www.example.com/checkout?step=2#pay");
        assertThat(envelope.sourceIp()).isEqualTo("203.0.113.9");
        assertThat(envelope.identity()).isEqualTo("user-1");
        assertThat(envelope.identitySource()).isEqualTo("lambda:principalId");
    }

    @Test
    void decodesNonAsciiAndPlusAsSpace() throws Exception {
        String json = EnvelopeJson.get().query("evat_city", "Zürich 🏔\n\"x\"").json();

        assertThat(EnvelopeParser.parse(json).query().get(0).value()).isEqualTo("Zürich 🏔\n\"x\"");
        assertThat(json).doesNotContain("Zürich");
    }

    @Test
    void ignoresUnknownFieldsOfAnyShape() throws Exception {
        String json = EnvelopeJson.get()
                .withRaw("futureObject", "{\"a\":[1,{\"b\":null}]}")
                .withRaw("futureArray", "[true,false]")
                .withRaw("futureNumber", "1.5")
                .query("event", "x")
                .json();

        assertThat(EnvelopeParser.parse(json).query()).hasSize(1);
    }

    @Test
    void optionalFieldsDefaultToEmpty() throws Exception {
        String json = "{\"v\":1,\"requestId\":\"r1\",\"requestTimeEpoch\":5,\"httpMethod\":\"GET\"}";

        Envelope envelope = EnvelopeParser.parse(json);

        assertThat(envelope.query()).isEmpty();
        assertThat(envelope.body()).isEmpty();
        assertThat(envelope.origin()).isEmpty();
        assertThat(envelope.identity()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "-1", "10000000000"})
    void unknownVersionsAreUnsupported(String version) {
        String json = EnvelopeJson.get().withRaw("v", version).json();

        assertThatThrownBy(() -> EnvelopeParser.parse(json))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_ENVELOPE_VERSION))
                .hasMessageContaining("version " + version);
    }

    @Test
    void aNewerVersionIsReportedAsSuchEvenWhenOtherFieldsChangedShape() {
        String json = "{\"v\":2,\"requestId\":{\"id\":\"r\"},\"query\":{}}";

        assertThatThrownBy(() -> EnvelopeParser.parse(json))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_ENVELOPE_VERSION));
    }

    @Test
    void missingVersionIsMalformed() {
        assertMalformed(EnvelopeJson.get().without("v").json(), "\"v\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requestId", "requestTimeEpoch", "httpMethod"})
    void missingRequiredFieldsAreMalformed(String field) {
        assertMalformed(EnvelopeJson.get().without(field).json(), field);
    }

    @Test
    void emptyRequestIdIsMalformed() {
        assertMalformed(EnvelopeJson.get().with("requestId", "").json(), "requestId");
    }

    @Test
    void wrongTypesAreMalformed() {
        assertMalformed(EnvelopeJson.get().withRaw("v", "\"1\"").json(), "\"v\"");
        assertMalformed(EnvelopeJson.get().withRaw("v", "1.0").json(), "\"v\"");
        assertMalformed(EnvelopeJson.get().withRaw("requestId", "42").json(), "requestId");
        assertMalformed(EnvelopeJson.get().withRaw("requestTimeEpoch", "\"1764201600123\"").json(),
                "requestTimeEpoch");
        assertMalformed(EnvelopeJson.get().withRaw("requestTimeEpoch", "1.5").json(), "requestTimeEpoch");
        assertMalformed(EnvelopeJson.get().withRaw("requestTimeEpoch", "-1").json(), "requestTimeEpoch");
        assertMalformed(EnvelopeJson.get().withRaw("requestTimeEpoch", "99999999999999999999").json(),
                "requestTimeEpoch");
        assertMalformed(EnvelopeJson.get().withRaw("origin", "null").json(), "origin");
        assertMalformed(EnvelopeJson.get().withRaw("body", "{}").json(), "body");
        assertMalformed(EnvelopeJson.get().withRaw("query", "{}").json(), "query");
        assertMalformed(EnvelopeJson.get().withRaw("query", "[\"event\"]").json(), "query entry 0");
        assertMalformed(EnvelopeJson.get().withRaw("query", "[[\"a\",\"1\"],[\"event\"]]").json(), "query entry 1");
        assertMalformed(EnvelopeJson.get().withRaw("query", "[[\"a\",\"1\",\"2\"]]").json(), "query entry 0");
        assertMalformed(EnvelopeJson.get().withRaw("query", "[[\"a\",1]]").json(), "query entry 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "abc%2", "%zz", "%G0", "100%"})
    void malformedEscapesAreMalformedNotGuessed(String encoded) {
        assertMalformed(EnvelopeJson.get().withRaw("userAgent", "\"" + encoded + "\"").json(), "userAgent");
        assertMalformed(EnvelopeJson.get().withRaw("query", "[[\"evat_a\",\"" + encoded + "\"]]").json(),
                "query entry 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "[]", "\"text\"", "{", "{\"v\":1", "not json",
            "{\"v\":1,\"requestId\":\"r\",\"requestTimeEpoch\":1,\"httpMethod\":\"GET\"} {}"})
    void nonEnvelopesAreMalformed(String body) {
        assertThatThrownBy(() -> EnvelopeParser.parse(body))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED_ENVELOPE));
    }

    @Test
    void nullBodyIsMalformed() {
        assertThatThrownBy(() -> EnvelopeParser.parse(null)).isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void errorMessagesNeverEchoClientValues() {
        String secret = "secret-endpoint-4711";
        String json = "{\"v\":1,\"requestId\":\"r\",\"requestTimeEpoch\":1,\"httpMethod\":\"GET\",\"identity\":\""
                + secret + "%zz\"}";
        String invalidJson = "{\"v\":1,\"identity\":\"" + secret + "\" nonsense}";

        assertThatThrownBy(() -> EnvelopeParser.parse(json)).hasMessageNotContaining(secret);
        assertThatThrownBy(() -> EnvelopeParser.parse(invalidJson)).hasMessageNotContaining(secret)
                .hasNoCause();
    }

    private static void assertMalformed(String json, String messagePart) {
        assertThatThrownBy(() -> EnvelopeParser.parse(json))
                .isInstanceOfSatisfying(MalformedEnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED_ENVELOPE))
                .hasMessageContaining(messagePart);
    }
}
