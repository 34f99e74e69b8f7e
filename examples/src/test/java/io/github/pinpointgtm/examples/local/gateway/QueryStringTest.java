package io.github.pinpointgtm.examples.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesEachNameAndValueOnceAndKeepsTheLastValueOfARepeatedName() {
        assertThat(QueryString.parse("event=a%20b&x=1&x=2&flag&&c=%E2%82%AC+"))
                .containsExactly(Map.entry("event", "a b"), Map.entry("x", "2"), Map.entry("flag", ""),
                        Map.entry("c", "€+"));
    }

    @Test
    void keepsMalformedEscapesAndReplacesInvalidUtf8InsteadOfFailing() {
        assertThat(QueryString.parse("a=%G1&b=%2&c=%FF%FE&d=%E2%82")).containsExactly(Map.entry("a", "%G1"),
                Map.entry("b", "%2"), Map.entry("c", "\uFFFD\uFFFD"), Map.entry("d", "\uFFFD"));
    }

    @Test
    void anEmptyOrMissingQueryHasNoParameters() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("")).isEmpty();
    }
}
