package io.github.pinpointgtm.runtime.envelope;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeParserPropertiesTest {

    /** The client's strings of one generated envelope. */
    private record Fields(String userAgent, String origin, String body, String identity, List<String> names,
                          String value) {
    }

    @Test
    void everyEncodedStringParsesBackToItself() {
        Generator<String> text = clientStrings();
        Generator<List<String>> names = text.list(0, 5);
        Generator<Fields> envelopes = random -> new Fields(text.next(random), text.next(random), text.next(random),
                text.next(random), names.next(random), text.next(random));

        PropertyCheck.forAll(500, envelopes, fields -> {
            String[] query = new String[fields.names().size() * 2];
            for (int i = 0; i < fields.names().size(); i++) {
                query[2 * i] = fields.names().get(i);
                query[2 * i + 1] = fields.value() + i;
            }
            String json = EnvelopeJson.get()
                    .with("userAgent", fields.userAgent())
                    .with("origin", fields.origin())
                    .with("body", fields.body())
                    .with("identity", fields.identity())
                    .query(query)
                    .json();

            Envelope envelope = EnvelopeParser.parse(json);

            assertThat(envelope.userAgent()).isEqualTo(fields.userAgent());
            assertThat(envelope.origin()).isEqualTo(fields.origin());
            assertThat(envelope.body()).isEqualTo(fields.body());
            assertThat(envelope.identity()).isEqualTo(fields.identity());
            assertThat(envelope.query()).hasSize(fields.names().size());
            for (int i = 0; i < fields.names().size(); i++) {
                assertThat(envelope.query().get(i).name()).isEqualTo(fields.names().get(i));
                assertThat(envelope.query().get(i).value()).isEqualTo(fields.value() + i);
            }
        });
    }

    /**
     * Any Unicode text without lone surrogates (API Gateway's strings are well-formed UTF-8), weighted towards
     * the characters that matter to JSON and form encoding.
     */
    private static Generator<String> clientStrings() {
        Generator<String> anyText = Texts.wellFormed(0, 40);
        // ofChars takes UTF-16 units, so the emoji's surrogates come singly and are filtered into pairs
        Generator<String> nasty = Texts.ofChars("&=\"'\\%+$#{},\n\r\t :/?é€😀\u0000\u2028", 20)
                .filter(Texts::isWellFormed);
        return Generator.oneOf(anyText, nasty);
    }
}
