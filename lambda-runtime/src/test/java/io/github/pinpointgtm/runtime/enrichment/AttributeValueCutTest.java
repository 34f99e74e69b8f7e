package io.github.pinpointgtm.runtime.enrichment;

import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeValueCutTest {

    @Test
    void aValueWithinTheLimitIsKeptAsItIs() {
        String value = "a".repeat(200);

        assertThat(AttributeValueCut.cut(value)).isSameAs(value);
        assertThat(AttributeValueCut.cut("")).isEmpty();
    }

    @Test
    void aLongerValueKeepsItsFirst200CodeUnits() {
        String value = "b".repeat(199) + "cd";

        assertThat(AttributeValueCut.cut(value)).isEqualTo("b".repeat(199) + "c");
    }

    @Test
    void aSurrogatePairAcrossTheLimitIsNotSplit() {
        String value = "x".repeat(199) + "\ud83d\ude00" + "tail";

        assertThat(AttributeValueCut.cut(value)).isEqualTo("x".repeat(199));
    }

    @Test
    void aSurrogatePairEndingAtTheLimitIsKept() {
        String value = "x".repeat(198) + "\ud83d\ude00" + "tail";

        assertThat(AttributeValueCut.cut(value)).isEqualTo("x".repeat(198) + "\ud83d\ude00");
    }

    @Test
    void aCutValueIsAWellFormedPrefixWithinTheLimit() {
        PropertyCheck.forAll(1_000, Texts.wellFormed(0, 400), value -> {
            String cut = AttributeValueCut.cut(value);

            assertThat(value).startsWith(cut);
            assertThat(cut.length()).isLessThanOrEqualTo(200).isGreaterThanOrEqualTo(Math.min(value.length(), 199));
            assertThat(Texts.isWellFormed(cut)).isTrue();
        });
    }

    @Test
    void aPercentEncodedValueIsCutBeforeAnEscapeTheLimitWouldSplit() {
        String twoDigitsCut = "/" + "p".repeat(198) + "%C3%A9";
        String oneDigitCut = "/" + "p".repeat(197) + "%C3%A9";

        assertThat(AttributeValueCut.cutPercentEncoded(twoDigitsCut)).isEqualTo("/" + "p".repeat(198));
        assertThat(AttributeValueCut.cutPercentEncoded(oneDigitCut)).isEqualTo("/" + "p".repeat(197));
        assertThat(AttributeValueCut.cut(twoDigitsCut)).as("other values are not percent-encoded")
                .endsWith("%");
    }

    @Test
    void aPercentEncodedValueKeepsAnEscapeEndingAtTheLimitAndAValueWithinIt() {
        String whole = "/" + "p".repeat(196) + "%C3%A9";
        String within = "/" + "p".repeat(196) + "%C3";

        assertThat(AttributeValueCut.cutPercentEncoded(whole)).isEqualTo("/" + "p".repeat(196) + "%C3");
        assertThat(AttributeValueCut.cutPercentEncoded(within)).isSameAs(within);
    }

    @Test
    void aCutPercentEncodedValueNeverEndsInsideAnEscape() {
        PropertyCheck.forAll(1_000, Texts.wellFormed(150, 400), text -> {
            String value = java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
            String cut = AttributeValueCut.cutPercentEncoded(value);

            assertThat(value).startsWith(cut);
            assertThat(cut.length()).isLessThanOrEqualTo(200).isGreaterThanOrEqualTo(Math.min(value.length(), 198));
            assertThat(cut).doesNotMatch("(?s).*%.?");
        });
    }
}
