package io.github.pinpointgtm.runtime.policy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedOriginsTest {

    @Test
    void allowsListedOriginsAfterNormalisation() {
        AllowedOrigins allowed = AllowedOrigins.parse("https://WWW.example.com:443,http://localhost:3000");

        assertThat(allowed.allows(WebOrigin.parse("https://www.example.com"))).isTrue();
        assertThat(allowed.allows(WebOrigin.parse("http://localhost:3000"))).isTrue();
        assertThat(allowed.allows(WebOrigin.parse("http://localhost:3001"))).isFalse();
        assertThat(allowed.allows(WebOrigin.parse("http://www.example.com"))).isFalse();
        assertThat(allowed.allowsAny()).isFalse();
        assertThat(allowed).hasToString("https://www.example.com,http://localhost:3000");
    }

    @Test
    void starAllowsEverything() {
        assertThat(AllowedOrigins.parse(" * ").allows(WebOrigin.parse("https://evil.example"))).isTrue();
        assertThat(AllowedOrigins.any()).hasToString("*");
    }

    @Test
    void rejectsEmptyListsAndMixedStar() {
        assertThatThrownBy(() -> AllowedOrigins.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedOrigins.of(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedOrigins.parse("https://a.example,*"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
