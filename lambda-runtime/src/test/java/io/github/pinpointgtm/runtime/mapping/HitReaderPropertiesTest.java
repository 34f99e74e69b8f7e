package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HitReaderPropertiesTest {
    private final HitReader reader = new HitReader(ProcessorConfig.fromEnvironment(Map.of(
            "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
            "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
            "ALLOWED_ORIGINS", "https://www.example.com")));

    /** The client's values of one generated hit. */
    private record HitValues(String eventType, String endpointId, String attribute) {
    }

    @Test
    void anyValueWithinTheLimitsReachesTheEventIntact() {
        // Non-empty, at most 50 UTF-16 units (the tightest limit used here), no lone surrogates.
        Generator<String> values = Texts.wellFormed(1, 50);
        Generator<HitValues> hits = random -> new HitValues(values.next(random), values.next(random),
                values.next(random));

        PropertyCheck.forAll(300, hits, hit -> {
            String eventType = hit.eventType();
            String endpointId = hit.endpointId();
            String attribute = hit.attribute();
            String body = EnvelopeJson.get().with("referer", "https://www.example.com/")
                    .query("event", eventType, "endpoint_id", endpointId, "evat_a", attribute).json();

            HitOutcome outcome = reader.read(body);

            assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
            CustomerEvent event = ((HitOutcome.Accepted) outcome).event();
            assertThat(event.eventType()).isEqualTo(eventType);
            assertThat(event.endpointId()).isEqualTo(endpointId);
            assertThat(event.attributes()).containsExactly(Map.entry("a", attribute));
        });
    }

    @Test
    void neverThrowsWhateverTheMessageBody() {
        PropertyCheck.forAll(300, messageBodies(), sqsBody -> assertThat(reader.read(sqsBody)).isNotNull());
    }

    /** Arbitrary text, and envelopes with arbitrary field values. */
    private static Generator<String> messageBodies() {
        Generator<String> text = Texts.anyUtf16(200);
        Generator<String> json = Texts.ofChars("{}[]\",:0123456789.-+eE% tnrufals\\", 80);
        Generator<String> envelopes = Texts.anyUtf16(60).map(value -> EnvelopeJson.get()
                .with("referer", "https://www.example.com/")
                .query("event", value, "endpoint_id", value, "evmt_x", value, "ts", value)
                .with("body", value)
                .json());
        Generator<String> rawFields = json.map(value -> EnvelopeJson.get().withRaw("body", value).json());
        return Generator.oneOf(text, json, envelopes, rawFields);
    }
}
