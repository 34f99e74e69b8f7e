package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MetricValueTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "9.5, 9.5", "-3, -3", "+2, 2", ".5, 0.5", "5., 5", "1e3, 1000", "1E-3, 0.001",
            "-0.25, -0.25", "1.7976931348623157E308, 1.7976931348623157E308"})
    void parsesDecimalNumbers(String text, double value) {
        assertThat(MetricValue.parse(text)).hasValue(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "0x1p3", "1d", "1f", "1,5",
            " 1", "1 ", "1.2.3", "--1", "e5", ".", "+", "1e", "١٢"})
    void rejectsAnythingElse(String text) {
        assertThat(MetricValue.parse(text)).isEmpty();
    }

    @Test
    void acceptsExactlyWhatTheDocumentedSyntaxMatches() {
        Pattern syntax = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
        Generator<String> candidates = Generator.oneOf(Texts.ofChars("0123456789.eE+-", 8),
                Texts.ofChars("0129.eE+-x \u0661", 6), Texts.wellFormed(0, 6));
        PropertyCheck.forAll(20_000, candidates, text ->
                assertThat(MetricValue.isDecimal(text)).as(text).isEqualTo(syntax.matcher(text).matches()));
    }

    @Test
    void rejectsOverlongNumbersWithoutParsingThem() {
        assertThat(MetricValue.parse("1".repeat(65))).isEmpty();
        assertThat(MetricValue.parse("1".repeat(64))).isPresent();
    }
}
