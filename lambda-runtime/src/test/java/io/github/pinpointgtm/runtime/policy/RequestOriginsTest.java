package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestOriginsTest {

    private record Headers(String origin, String referer) {
    }

    @Test
    void answersWhatTheUncachedParseAnswersTheFirstTimeAndEveryTimeAfter() {
        Generator<String> header = Generator.oneOf(Generator.of(NastyStrings.ALL), Texts.wellFormed(0, 30),
                Generator.of(java.util.List.of("", "https://www.example.com", "HTTPS://WWW.EXAMPLE.COM:443",
                        "https://www.example.com/p?q=1", "http://[2001:db8::1]:8080", "null", "https://a.example:8443")));
        Generator<Headers> headers = random -> new Headers(header.next(random), header.next(random));
        RequestOrigins origins = new RequestOrigins(); // shared: later tries hit values cached by earlier ones
        PropertyCheck.forAll(3_000, headers, sent -> {
            HitPolicy.RequestOrigin expected = HitPolicy.requestOrigin(sent.origin(), sent.referer());
            for (int call = 0; call < 2; call++) {
                HitPolicy.RequestOrigin actual = origins.of(sent.origin(), sent.referer());
                assertThat(actual.isMissing()).isEqualTo(expected.isMissing());
                assertThat(actual.origin()).isEqualTo(expected.origin());
                assertThat(actual.text()).isEqualTo(expected.text());
            }
        });
    }

    @Test
    void aRepeatedHeaderValueIsParsedOnce() {
        RequestOrigins origins = new RequestOrigins();
        HitPolicy.RequestOrigin first = origins.of("https://www.example.com", "");
        assertThat(origins.of("https://www.example.com", "https://other.example/")).isSameAs(first);
        HitPolicy.RequestOrigin fromReferer = origins.of("", "https://www.example.com/checkout");
        assertThat(origins.of("", "https://www.example.com/checkout")).isSameAs(fromReferer);
        assertThat(origins.size()).isEqualTo(2);
    }

    @Test
    void theSameTextAsOriginAndAsRefererIsKeptApart() {
        // "https://a.example/path" is no origin (a path) but a Referer with origin https://a.example
        RequestOrigins origins = new RequestOrigins();
        assertThat(origins.of("https://a.example/path", "").origin()).isEmpty();
        assertThat(origins.of("", "https://a.example/path").text()).isEqualTo("https://a.example");
    }

    @Test
    void staysBoundedWhateverClientsSend() {
        RequestOrigins origins = new RequestOrigins();
        for (int i = 0; i < 3 * RequestOrigins.MAX_ENTRIES; i++) {
            origins.of("https://host" + i + ".example", "");
            origins.of("", "https://host" + i + ".example/");
            assertThat(origins.size()).isLessThanOrEqualTo(2 * RequestOrigins.MAX_ENTRIES);
        }
        String longReferer = "https://www.example.com/" + "x".repeat(RequestOrigins.MAX_CACHED_LENGTH);
        RequestOrigins fresh = new RequestOrigins();
        assertThat(fresh.of("", longReferer).text()).isEqualTo("https://www.example.com");
        assertThat(fresh.size()).isZero();
    }

    @Test
    void neitherHeaderIsMissing() {
        assertThat(new RequestOrigins().of("", "").isMissing()).isTrue();
    }
}
