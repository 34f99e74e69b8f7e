package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test-side model of how API Gateway reads a query string into its single-valued map. */
class ApiGatewayQueryStringTest {

    @Test
    void decodesEachNameAndValueOnce() {
        assertThat(ApiGatewayQueryString.of("https://h/p?a%26b=c%3Dd&e=%2541&f=%F0%9F%98%80"))
                .containsExactly(entry("a&b", "c=d"), entry("e", "%41"), entry("f", "\uD83D\uDE00"));
    }

    @Test
    void keepsTheLastValueOfARepeatedNameInItsFirstPosition() {
        assertThat(ApiGatewayQueryString.of("https://h/p?a=1&b=2&a=3")).containsExactly(entry("a", "3"),
                entry("b", "2"));
    }

    @Test
    void readsANameWithoutEqualsSignAsAnEmptyValueAndNoQueryAsNoParameters() {
        assertThat(ApiGatewayQueryString.of("https://h/p?flag&x=")).containsExactly(entry("flag", ""),
                entry("x", ""));
        assertThat(ApiGatewayQueryString.of("https://h/p")).isEmpty();
    }

    @Test
    void refusesARawPlusWhoseMeaningIsNotWhatTheTestsCheck() {
        assertThatThrownBy(() -> ApiGatewayQueryString.of("https://h/p?a=b+c")).hasMessageContaining("raw '+'");
    }

    private static java.util.Map.Entry<String, String> entry(String name, String value) {
        return java.util.Map.entry(name, value);
    }
}
