package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FormBodyTest {

    private static Map<String, String> read(String body) throws MalformedBodyException {
        Map<String, String> parameters = new LinkedHashMap<>();
        FormBody.read(body, parameters);
        return parameters;
    }

    /** What URLSearchParams writes for one field (the same alphabet as URLEncoder: space as +, the rest %XX). */
    private static String field(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatUrlSearchParamsSends() throws MalformedBodyException {
        // new URLSearchParams({event: "add to cart", evat_sku: "A&B=C", evat_name: "Crème brûlée 🍮"}).toString()
        assertThat(read("event=add+to+cart&evat_sku=A%26B%3DC&evat_name=Cr%C3%A8me+br%C3%BBl%C3%A9e+%F0%9F%8D%AE"))
                .containsExactly(entry("event", "add to cart"), entry("evat_sku", "A&B=C"),
                        entry("evat_name", "Crème brûlée 🍮"));
    }

    @Test
    void parsesEdgeCasesAsBrowsersDo() throws MalformedBodyException {
        assertThat(read("")).isEmpty();
        assertThat(read("&&a=1&&&b=2&")).containsExactly(entry("a", "1"), entry("b", "2"));
        assertThat(read("flag&x=")).containsExactly(entry("flag", ""), entry("x", ""));
        assertThat(read("a=1&a=2")).containsExactly(entry("a", "1"));
        assertThat(read("a=b=c")).containsExactly(entry("a", "b=c"));
        assertThat(read("=v")).containsExactly(entry("", "v"));
        assertThat(read("a=%2B%25+%20")).containsExactly(entry("a", "+%  "));
        assertThat(read("a=é日")).containsExactly(entry("a", "é日"));
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() throws MalformedBodyException {
        assertThat(read("a=%FF%FEx")).containsExactly(entry("a", "\uFFFD\uFFFDx"));
    }

    @Test
    void aRepeatedFieldKeepsItsFirstValueAsUrlSearchParamsGetDoesButStillReplacesTheQuerys()
            throws MalformedBodyException {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("event", "from_query"));
        FormBody.read("event=first&endpoint_id=ep-1&event=second&event=", parameters);

        assertThat(parameters).containsEntry("event", "first").containsEntry("endpoint_id", "ep-1");
        assertThatThrownBy(() -> read("a=1&a=%zz")).as("a repeated field is still decoded")
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("field 2");
    }

    @Test
    void replacesParametersOfTheSameName() throws MalformedBodyException {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("event", "from_query", "endpoint_id", "q"));
        FormBody.read("event=from_body", parameters);
        assertThat(parameters).containsEntry("event", "from_body").containsEntry("endpoint_id", "q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%2", "a=%zz", "a=%+1", "a=%-1", "a=%2G", "%=x", "a=1&b=%%41"})
    void aMalformedEscapeMakesTheBodyMalformedNamingTheFieldNotItsValue(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(MalformedBodyException.class)
                .hasMessageContaining("form field " + (body.startsWith("a=1&") ? 2 : 1))
                .hasMessageContaining("two hex digits");
    }

    @Test
    void everyNastyStringSurvivesAsNameAndValue() throws MalformedBodyException {
        for (String nasty : NastyStrings.ALL) {
            String body = field("event", nasty) + "&" + field("evat_" + nasty, nasty + nasty);
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("event", nasty);
            expected.put("evat_" + nasty, nasty + nasty);
            assertThat(read(body)).as(nasty).isEqualTo(expected);
        }
    }

    @Test
    void anyWellFormedTextSurvivesEncoding() {
        Generator<String> texts = Texts.wellFormed(0, 80);
        PropertyCheck.forAll(300, random -> new String[] {texts.next(random), texts.next(random)}, pair -> {
            assertThat(read(field(pair[0], pair[1]))).containsExactly(entry(pair[0], pair[1]));
        });
    }

    @Test
    void neverThrowsAnythingButMalformedBody() {
        PropertyCheck.forAll(300, Texts.anyUtf16(120), body -> {
            try {
                read(body);
            } catch (MalformedBodyException e) {
                assertThat(e.getMessage()).startsWith("form field ");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded;charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded ; charset=utf-8", " application/x-www-form-urlencoded"})
    void recognisesTheFormMediaTypeWithParametersAndInAnyCase(String contentType) {
        assertThat(FormBody.isForm(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain;charset=UTF-8", "application/json",
            "text/plain; x=application/x-www-form-urlencoded", "application/x-www-form-urlencodedx",
            "multipart/form-data"})
    void otherMediaTypesAreNotForms(String contentType) {
        assertThat(FormBody.isForm(contentType)).isFalse();
    }
}
