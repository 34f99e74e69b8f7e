package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void readsPlainValuesInDocumentOrder() {
        Map<String, Object> object = Json.parseObject(
                "{\"z\":\"text\",\"a\":[1,4294967296,2.5,true,null],\"m\":{\"k\":false}}");

        assertThat(Json.entries(object)).extracting(Map.Entry::getKey).containsExactly("z", "a", "m");
        assertThat(object.get("a")).isEqualTo(java.util.Arrays.asList(1, 4294967296L, 2.5, true, null));
        assertThat(object.get("m")).isEqualTo(Map.of("k", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{\"a\":1} {}", "{\"a\":1,\"a\":2}", "{\"a\":", "[1,]"})
    void refusesAnythingButOneWellFormedValue(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.tree(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseObjectRefusesOtherValues() {
        assertThatThrownBy(() -> Json.parseObject("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a JSON object: [1]");
    }

    @Test
    void writesCompactJsonThatReadsBackTheSame() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "\u00e9\"\n");
        value.put("n", List.of(1, 2.5));
        value.put("x", null);

        String json = Json.write(value);

        assertThat(json).isEqualTo("{\"s\":\"\u00e9\\\"\\n\",\"n\":[1,2.5],\"x\":null}");
        assertThat(Json.parse(json)).isEqualTo(value);
    }

    @Test
    void fieldIsOneTopLevelValueAsCompactJson() {
        assertThat(Json.field("{\"a\":{\"b\": [1, \"c\"]},\"d\":2}", "a")).isEqualTo("{\"b\":[1,\"c\"]}");
        assertThatThrownBy(() -> Json.field("{\"a\":1}", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no field b");
    }

    @Test
    void entriesRefusesANonObject() {
        assertThatThrownBy(() -> Json.entries(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
