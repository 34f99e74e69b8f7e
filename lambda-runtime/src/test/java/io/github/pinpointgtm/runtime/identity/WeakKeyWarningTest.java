package io.github.pinpointgtm.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakKeyWarningTest {

    private final List<String> warnings = new ArrayList<>();
    private final WeakKeyWarning warning = new WeakKeyWarning(warnings::add);

    @Test
    void aKeyOf32BytesOrMoreDoesNotWarn() {
        warning.accept(SigningKeys.of("k".repeat(32), "p".repeat(64)));

        assertThat(warnings).isEmpty();
    }

    @Test
    void aKeyShorterThan32BytesWarnsNamingWhichKeyButNeverTheKey() {
        String shortKey = "k".repeat(31);

        warning.accept(SigningKeys.of("c".repeat(40), shortKey));

        assertThat(warnings).singleElement().satisfies(text -> assertThat(text)
                .startsWith("the previous key of the identity secret is shorter than 32 UTF-8 bytes")
                .doesNotContain(shortKey).doesNotContain("31"));
    }

    @Test
    void theLengthIsCountedInUtf8BytesNotCharacters() {
        warning.accept(SigningKeys.of("ä".repeat(16), null));
        assertThat(warnings).as("16 characters, 32 bytes").isEmpty();

        warning.accept(SigningKeys.of("ä".repeat(15) + "a", null));
        assertThat(warnings).singleElement().asString().startsWith("the current key of the identity secret is");
    }

    @Test
    void warnsOncePerInstanceHoweverManyWeakKeysAreRead() {
        warning.accept(SigningKeys.of("short-1", "short-0"));
        warning.accept(SigningKeys.of("short-2", "short-1"));
        warning.accept(SigningKeys.of("short-3", null));

        assertThat(warnings).singleElement().asString()
                .startsWith("the current key and the previous key of the identity secret are shorter");
    }
}
