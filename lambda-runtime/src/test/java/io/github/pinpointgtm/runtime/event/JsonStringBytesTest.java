package io.github.pinpointgtm.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

class JsonStringBytesTest {

    @Test
    void countsEscapesAndUtf8Bytes() {
        assertThat(JsonStringBytes.of("abc")).isEqualTo(3);
        assertThat(JsonStringBytes.of("a\"b\\")).isEqualTo(6);
        assertThat(JsonStringBytes.of("\n\u0001")).isEqualTo(12);
        assertThat(JsonStringBytes.of("é")).isEqualTo(2);
        assertThat(JsonStringBytes.of("€")).isEqualTo(3);
        assertThat(JsonStringBytes.of("😀")).isEqualTo(12);
    }

    @Test
    void isExactlyWhatTheSdksJsonWriterWritesForPrintableTextAndNeverLess() throws IOException {
        List<String> printable = List.of("", "plain", "quote\" and back\\slash", "ünïcödé", "日本語テキスト €",
                "😀😀 𝄞 mixed 😀", "\u007f del", "\u2028\u2029");
        for (String text : printable) {
            assertThat(JsonStringBytes.of(text)).as(text).isEqualTo(sdkBytes(text));
        }
        String controls = "\u0000\u0001\t\n\r\u001f";
        assertThat(JsonStringBytes.of(controls)).isGreaterThanOrEqualTo(sdkBytes(controls));
    }

    @Test
    void isExactlyWhatTheSdksJsonWriterWritesForLoneSurrogates() throws IOException {
        for (String text : List.of("\uD800", "x\uDC00", "\uDBFF\uDBFF", "\uDC00\uD800", "a\uD83Db")) {
            assertThat(JsonStringBytes.of(text)).as(text).isEqualTo(sdkBytes(text));
        }
    }

    /** @return the bytes the SDK's (shaded) Jackson writes for {@code text}, without the quotes */
    private static long sdkBytes(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = new JsonFactory().createGenerator(bytes)) {
            out.writeString(text);
        }
        return bytes.size() - 2;
    }
}
