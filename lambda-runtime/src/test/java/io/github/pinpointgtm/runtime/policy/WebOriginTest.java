package io.github.pinpointgtm.runtime.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebOriginTest {

    @ParameterizedTest
    @CsvSource({
            "https://www.example.com, https://www.example.com",
            "HTTPS://WWW.Example.COM, https://www.example.com",
            "https://www.example.com:443, https://www.example.com",
            "http://www.example.com:80, http://www.example.com",
            "https://www.example.com:80, https://www.example.com:80",
            "http://localhost:8080, http://localhost:8080",
            "http://[::1]:3000, http://[::1]:3000",
            "http://127.0.0.1, http://127.0.0.1",
    })
    void normalisesSchemeHostAndDefaultPort(String origin, String normalised) {
        assertThat(WebOrigin.parse(origin)).hasToString(normalised);
        assertThat(WebOrigin.parse(origin)).isEqualTo(WebOrigin.parse(normalised));
        assertThat(WebOrigin.parse(origin).hashCode()).isEqualTo(WebOrigin.parse(normalised).hashCode());
    }

    @Test
    void differentPortsOrSchemesAreDifferentOrigins() {
        assertThat(WebOrigin.parse("https://a.example")).isNotEqualTo(WebOrigin.parse("http://a.example"));
        assertThat(WebOrigin.parse("https://a.example")).isNotEqualTo(WebOrigin.parse("https://a.example:8443"));
        assertThat(WebOrigin.parse("https://a.example")).isNotEqualTo(WebOrigin.parse("https://b.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "", "www.example.com", "https://", "https:///path", "https://a.example/",
            "https://a.example/x", "https://a.example?x", "https://a.example#f", "https://u:p@a.example",
            "mailto:someone@example.com", "https://a b.example", "//a.example"})
    void rejectsWhatIsNotSchemeHostPort(String text) {
        assertThatThrownBy(() -> WebOrigin.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme://host[:port]");
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.example.com/checkout?step=2#pay, https://www.example.com",
            "https://WWW.EXAMPLE.COM:443/, https://www.example.com",
            "http://localhost:8080/index.html, http://localhost:8080",
            "https://www.example.com, https://www.example.com",
    })
    void derivesTheOriginOfAUrl(String url, String origin) {
        assertThat(WebOrigin.ofUrl(url)).contains(WebOrigin.parse(origin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "not a url", "about:blank", ""})
    void urlsWithoutAHostHaveNoOrigin(String url) {
        assertThat(WebOrigin.ofUrl(url)).isEmpty();
    }

    @Test
    void anyHierarchicalUrlWithAHostHasAnOrigin() {
        assertThat(WebOrigin.ofUrl("android-app://com.example.shop/https/path"))
                .contains(WebOrigin.parse("android-app://com.example.shop"));
    }
}
