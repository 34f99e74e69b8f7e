package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.event.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PinpointLimitsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final RequestContext ANONYMOUS = new RequestContext(NOW, "GET", "", "", "", "");
    private static final RequestContext AUTHENTICATED = new RequestContext(NOW, "GET", "", "", "", "cognito:sub");

    private final PinpointLimits limits = new PinpointLimits();

    private static CustomerEvent event(String eventType, String endpointId, Map<String, String> attributes,
                                       Map<String, Double> metrics, Map<String, String> userAttributes,
                                       String sessionId, RequestContext context) {
        return new CustomerEvent("request-1", eventType, NOW, endpointId, attributes, metrics, sessionId,
                userAttributes, context);
    }

    private static CustomerEvent withAttributes(Map<String, String> attributes) {
        return event("purchase", "endpoint-1", attributes, Map.of(), Map.of(), null, ANONYMOUS);
    }

    private static Map<String, String> stringEntries(int count, String prefix, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            map.put(prefix + i, value);
        }
        return map;
    }

    private static void assertExceeded(Optional<Rejection> rejection, String... detailParts) {
        assertThat(rejection).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED);
            assertThat(r.detail()).contains(detailParts);
        });
    }

    /** A distinct name of exactly {@code length} characters. */
    private static String name(String distinct, int length) {
        return distinct + "_".repeat(length - distinct.length());
    }

    @Test
    void anEventAtEveryLimitPasses() {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            attributes.put(name("a" + i, 50), "v".repeat(200));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            metrics.put(name("m" + i, 50), 1.0);
        }
        Map<String, String> userAttributes = new LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            userAttributes.put(name("u" + i, 50), "w".repeat(100));
        }

        CustomerEvent event = event("e".repeat(50), "p".repeat(128), attributes, metrics, userAttributes, "s",
                ANONYMOUS);

        assertThat(limits.check(event)).isEmpty();
    }

    @Test
    void eventTypeLength() {
        assertExceeded(limits.check(event("e".repeat(51), "x", Map.of(), Map.of(), Map.of(), null, ANONYMOUS)),
                "parameter event", "51", "limit is 50");
    }

    @Test
    void endpointIdLengthNamesWhereTheIdCameFrom() {
        assertExceeded(limits.check(event("e", "p".repeat(129), Map.of(), Map.of(), Map.of(), null, ANONYMOUS)),
                "parameter endpoint_id", "limit is 128");
        assertExceeded(limits.check(event("e", "p".repeat(129), Map.of(), Map.of(), Map.of(), null,
                AUTHENTICATED)), "parameter identity");
    }

    @Test
    void atMostFortyAttributesAndMetricsTogether() {
        Map<String, Double> metrics = Map.of("m", 1.0);

        assertThat(limits.check(event("e", "x", stringEntries(39, "a", "v"), metrics, Map.of(), null, ANONYMOUS)))
                .isEmpty();
        assertExceeded(limits.check(event("e", "x", stringEntries(40, "a", "v"), metrics, Map.of(), null,
                ANONYMOUS)), "41", "at most 40");
    }

    @Test
    void attributeNameAndValueLengths() {
        assertExceeded(limits.check(withAttributes(Map.of("n".repeat(51), "v"))), "evat_nnn", "name", "limit is 50");
        assertExceeded(limits.check(withAttributes(Map.of("plan", "v".repeat(201)))), "parameter evat_plan",
                "value is 201 characters", "limit is 200");
    }

    @Test
    void lengthsCountUtf16UnitsSoSupplementaryCharactersCountTwice() {
        assertThat(limits.check(withAttributes(Map.of("emoji", "😀".repeat(100))))).isEmpty();
        assertExceeded(limits.check(withAttributes(Map.of("emoji", "😀".repeat(100) + "x"))), "evat_emoji");
    }

    @Test
    void metricNameLength() {
        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of("m".repeat(51), 1.0), Map.of(), null,
                ANONYMOUS)), "evmt_mmm", "metric name");
    }

    @Test
    void userAttributeLimits() {
        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of(), Map.of("u".repeat(51), "v"), null,
                ANONYMOUS)), "usat_uuu", "user attribute name", "limit is 50");
        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of(), Map.of("tier", "v".repeat(101)), null,
                ANONYMOUS)), "parameter usat_tier", "limit is 100");
        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of(), stringEntries(251, "u", "v"), null,
                ANONYMOUS)), "251", "at most 250");
    }

    @Test
    void wholeEventSize() {
        String hugeSession = "s".repeat(PinpointLimits.MAX_EVENT_BYTES);

        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of(), Map.of(), hugeSession, ANONYMOUS)),
                "bytes", "at most " + PinpointLimits.MAX_EVENT_BYTES);
        assertThat(limits.check(event("e", "x", Map.of(), Map.of(), Map.of(), "s".repeat(500_000), ANONYMOUS)))
                .isEmpty();
        // The SDK writes each half of a surrogate pair as a six-byte escape: twelve bytes per emoji.
        String emojiSession = "\uD83D\uDE00".repeat(PinpointLimits.MAX_EVENT_BYTES / 8);
        assertExceeded(limits.check(event("e", "x", Map.of(), Map.of(), Map.of(), emojiSession, ANONYMOUS)),
                "bytes", "at most " + PinpointLimits.MAX_EVENT_BYTES);
    }

    @Test
    void anEventOfExactlyTheSizeLimitIsAcceptedAndOneByteMoreIsRejected() {
        CustomerEvent withoutSession = event("e", "x", Map.of(), Map.of(), Map.of(), "", ANONYMOUS);
        int sessionAtTheLimit = (int) (PinpointLimits.MAX_EVENT_BYTES - EventSize.estimateJsonBytes(withoutSession));
        CustomerEvent atTheLimit = event("e", "x", Map.of(), Map.of(), Map.of(), "s".repeat(sessionAtTheLimit),
                ANONYMOUS);
        CustomerEvent oneByteOver = event("e", "x", Map.of(), Map.of(), Map.of(), "s".repeat(sessionAtTheLimit + 1),
                ANONYMOUS);

        assertThat(EventSize.estimateJsonBytes(atTheLimit)).isEqualTo(1_000_000);
        assertThat(limits.check(atTheLimit)).isEmpty();
        assertExceeded(limits.check(oneByteOver), "1000001 bytes", "at most 1000000 bytes");
    }

    @Test
    void detailsNeverContainValuesAndShortenLongNames() {
        String secretValue = "secret-" + "v".repeat(300);
        Optional<Rejection> rejection = limits.check(withAttributes(Map.of("plan", secretValue)));
        Optional<Rejection> longName = limits.check(withAttributes(Map.of("n".repeat(500), "v")));

        assertThat(rejection.get().detail()).doesNotContain("secret");
        assertThat(longName.get().detail()).contains("...").hasSizeLessThan(200);
    }
}
