package io.github.pinpointgtm.runtime.envelope;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FormUrlDecoderTest {

    @Test
    void decodesWhatUrlEncodingWroteBackToTheOriginal() {
        // URLEncoder writes $util.urlEncode's alphabet: A-Z a-z 0-9 . - * _ + %XX (UTF-8)
        PropertyCheck.forAll(2_000, Texts.wellFormed(0, 60), text -> {
            String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
            assertThat(decode(new FormUrlDecoder(), encoded)).isEqualTo(text);
        });
    }

    @Test
    void agreesWithUrlDecoderExceptThatOnlyAsciiHexDigitsMakeAnEscape() {
        // Escapes of random bytes (invalid UTF-8 included), literal text of any kind, '+', '-' and stray '%'
        Generator<String> hexByte = random -> String.format("%%%02X", random.nextInt(256));
        Generator<String> piece = Generator.oneOf(hexByte, hexByte, Texts.anyUtf16(6),
                Texts.ofChars("%+0123456789abcdefABCDEFgG-", 4), Generator.of(NastyStrings.ALL));
        Generator<String> inputs = piece.list(0, 8).map(parts -> String.join("", parts));
        FormUrlDecoder decoder = new FormUrlDecoder(); // reused, as within one envelope
        PropertyCheck.forAll(5_000, inputs, input -> {
            String expected;
            try {
                expected = URLDecoder.decode(input, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                assertThatIllegalArgumentException().isThrownBy(() -> decode(decoder, input));
                return;
            }
            if (hasEscapeOfOtherThanAsciiHex(input)) {
                // URLDecoder reads an escape with Integer.parseInt(.., 16), which also takes a leading sign and any
                // Unicode digit (e.g. U+1C40, LEPCHA DIGIT ZERO); $util.urlEncode never writes those.
                assertThatIllegalArgumentException().isThrownBy(() -> decode(decoder, input));
                return;
            }
            assertThat(decode(decoder, input)).isEqualTo(expected);
        });
    }

    @Test
    void decodesOnlyTheGivenRangeOfTheBuffer() {
        char[] buffer = "%41ignored a+b%C3%A9%2Fc ignored%4".toCharArray();
        assertThat(new FormUrlDecoder().decode(buffer, 11, 13)).isEqualTo("a b\u00e9/c");
        assertThat(new FormUrlDecoder().decode(buffer, 0, 3)).isEqualTo("A");
        assertThat(new FormUrlDecoder().decode(buffer, 3, 7)).isEqualTo("ignored");
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacterAsUrlDecoderMakesIt() {
        assertThat(decode(new FormUrlDecoder(), "a%FFb%E2%82c%E2%82%AC"))
                .isEqualTo("a\uFFFDb\uFFFDc\u20AC")
                .isEqualTo(URLDecoder.decode("a%FFb%E2%82c%E2%82%AC", StandardCharsets.UTF_8));
    }

    @Test
    void aLongEscapeRunAfterAShortOneIsDecodedWhole() {
        FormUrlDecoder decoder = new FormUrlDecoder();
        String longText = "\u20AC".repeat(500);
        assertThat(decode(decoder, "%41")).isEqualTo("A");
        assertThat(decode(decoder, URLEncoder.encode(longText, StandardCharsets.UTF_8))).isEqualTo(longText);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "a%4", "%zz", "%4g", "%g4", "%%41", "%+1", "%-0", "%\u0663\u0663",
            "%\uFF11\uFF11", "ok%2"})
    void rejectsAnEscapeThatIsNotTwoAsciiHexDigits(String malformed) {
        assertThatIllegalArgumentException().isThrownBy(() -> decode(new FormUrlDecoder(), malformed));
    }

    /**
     * @param input text URLDecoder decoded without complaint
     * @return whether one of its escapes, as URLDecoder reads them ('%' and the next two characters), has a character
     *         other than an ASCII hex digit
     */
    private static boolean hasEscapeOfOtherThanAsciiHex(String input) {
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '%') {
                if (!isAsciiHex(input.charAt(i + 1)) || !isAsciiHex(input.charAt(i + 2))) {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String decode(FormUrlDecoder decoder, String encoded) {
        char[] padded = ("<" + encoded + ">").toCharArray();
        return decoder.decode(padded, 1, encoded.length());
    }
}
