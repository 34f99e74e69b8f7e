package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HitReaderPropertiesTest {
    private final HitReader reader = new HitReader(ProcessorConfig.fromEnvironment(Map.of(
            "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
            "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
            "ALLOWED_ORIGINS", "https://www.example.com")));

    @Property(tries = 300)
    void anyValueWithinTheLimitsReachesTheEventIntact(@ForAll("values") String eventType,
                                                      @ForAll("values") String endpointId,
                                                      @ForAll("values") String attribute) {
        String body = EnvelopeJson.get().with("referer", "https://www.example.com/")
                .query("event", eventType, "endpoint_id", endpointId, "evat_a", attribute).json();

        HitOutcome outcome = reader.read(body);

        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        CustomerEvent event = ((HitOutcome.Accepted) outcome).event();
        assertThat(event.eventType()).isEqualTo(eventType);
        assertThat(event.endpointId()).isEqualTo(endpointId);
        assertThat(event.attributes()).containsExactly(Map.entry("a", attribute));
    }

    @Property(tries = 300)
    void neverThrowsWhateverTheMessageBody(@ForAll("messageBodies") String sqsBody) {
        assertThat(reader.read(sqsBody)).isNotNull();
    }

    /** Non-empty, at most 50 UTF-16 units (the tightest limit used here), no lone surrogates. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(50).filter(HitReaderPropertiesTest::wellFormed);
    }

    /** Arbitrary text, and envelopes with arbitrary field values. */
    @Provide
    Arbitrary<String> messageBodies() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> json = Arbitraries.strings().withChars("{}[]\",:0123456789.-+eE% tnrufals\\").ofMaxLength(80);
        Arbitrary<String> envelopes = Arbitraries.strings().all().ofMaxLength(60).map(value -> EnvelopeJson.get()
                .with("referer", "https://www.example.com/")
                .query("event", value, "endpoint_id", value, "evmt_x", value, "ts", value)
                .with("body", value)
                .json());
        Arbitrary<String> rawFields = json.map(value -> EnvelopeJson.get().withRaw("body", value).json());
        return Arbitraries.oneOf(text, json, envelopes, rawFields);
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
