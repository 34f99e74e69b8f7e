package io.github.pinpointgtm.runtime.envelope;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeParserPropertiesTest {

    @Property(tries = 500)
    void everyEncodedStringParsesBackToItself(@ForAll("clientStrings") String userAgent,
                                              @ForAll("clientStrings") String origin,
                                              @ForAll("clientStrings") String body,
                                              @ForAll("clientStrings") String identity,
                                              @ForAll @Size(max = 5) List<@From("clientStrings") String> names,
                                              @ForAll("clientStrings") String value) throws Exception {
        String[] query = new String[names.size() * 2];
        for (int i = 0; i < names.size(); i++) {
            query[2 * i] = names.get(i);
            query[2 * i + 1] = value + i;
        }
        String json = EnvelopeJson.get()
                .with("userAgent", userAgent)
                .with("origin", origin)
                .with("body", body)
                .with("identity", identity)
                .query(query)
                .json();

        Envelope envelope = EnvelopeParser.parse(json);

        assertThat(envelope.userAgent()).isEqualTo(userAgent);
        assertThat(envelope.origin()).isEqualTo(origin);
        assertThat(envelope.body()).isEqualTo(body);
        assertThat(envelope.identity()).isEqualTo(identity);
        assertThat(envelope.query()).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(envelope.query().get(i).name()).isEqualTo(names.get(i));
            assertThat(envelope.query().get(i).value()).isEqualTo(value + i);
        }
    }

    /**
     * Any Unicode text without lone surrogates (API Gateway's strings are well-formed UTF-8), weighted towards
     * the characters that matter to JSON and form encoding.
     */
    @Provide
    Arbitrary<String> clientStrings() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(40);
        // withChars takes UTF-16 units, so the emoji's surrogates come singly and are filtered into pairs
        Arbitrary<String> nasty = Arbitraries.strings().withChars("&=\"'\\%+$#{},\n\r\t :/?é€😀\u0000\u2028")
                .ofMaxLength(20);
        return Arbitraries.oneOf(anyText, nasty).filter(EnvelopeParserPropertiesTest::wellFormed);
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
