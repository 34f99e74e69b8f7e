package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeedsTest {

    /** A property of this test's own, so a seed set to replay other tests is left alone. */
    private static final String PROPERTY = "pinpointgtm.seeds-test.seed";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void theSeedIsTheOneThePropertySets() {
        System.setProperty(PROPERTY, " -77 ");

        assertThat(Seeds.fromSystemProperty(PROPERTY)).isEqualTo(-77L);
    }

    @Test
    void withoutThePropertyEverySeedIsNew() {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seeds.add(Seeds.fromSystemProperty(PROPERTY));
        }

        assertThat(seeds).hasSize(10);
    }

    @Test
    void aSeedThatIsNotALongIsRefusedByName() {
        System.setProperty(PROPERTY, "seventy");

        assertThatThrownBy(() -> Seeds.fromSystemProperty(PROPERTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(PROPERTY + " must be a long, was 'seventy'");
    }
}
