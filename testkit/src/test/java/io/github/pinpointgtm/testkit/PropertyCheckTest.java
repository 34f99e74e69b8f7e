package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeded generators and the property runner the property tests of every module rely on. */
class PropertyCheckTest {

    private static final int DRAWS = 5_000;

    @Test
    void theSameSeedGivesTheSameValues() {
        Generator<String> text = Texts.wellFormed(0, 100);

        assertThat(draw(text, 42L, 200)).isEqualTo(draw(text, 42L, 200));
        assertThat(draw(text, 42L, 200)).isNotEqualTo(draw(text, 43L, 200));
    }

    @Test
    void everyCorpusValueAppearsWhereItFits() {
        Set<String> drawn = new HashSet<>(draw(Texts.wellFormed(0, 2_000), 7L, DRAWS * 4));

        assertThat(drawn).containsAll(NastyStrings.ALL);
    }

    @Test
    void longCorpusValuesAreCutToTheMaximumWithoutSplittingAPair() {
        Set<String> drawn = new HashSet<>(draw(Texts.wellFormed(1, 5), 7L, DRAWS));

        assertThat(drawn).contains("xxxxx", "%%%%%", "\uD83D\uDE00\uD83D\uDE00", "$inpu", "&=&=&").doesNotContain("");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 50, 2_000})
    void wellFormedTextKeepsItsLengthsAndPairsItsSurrogates(int maxChars) {
        int minChars = Math.min(1, maxChars);
        List<String> drawn = draw(Texts.wellFormed(minChars, maxChars), 11L, DRAWS);

        assertThat(drawn).allSatisfy(text -> {
            assertThat(text.length()).isBetween(minChars, maxChars);
            assertThat(Texts.isWellFormed(text)).as("well-formed: %s", PropertyCheck.shown(text)).isTrue();
        });
    }

    @Test
    void wellFormedTextCoversEveryKindOfCodePoint() {
        String all = String.join("", draw(Texts.wellFormed(0, 100), 3L, DRAWS));

        assertThat(all.codePoints()).anyMatch(c -> c >= 0x20 && c <= 0x7E)
                .anyMatch(c -> c < 0x20)
                .anyMatch(c -> c >= 0x7F && c <= 0xFFFF)
                .anyMatch(Character::isSupplementaryCodePoint);
    }

    @Test
    void anyUtf16TextIncludesLoneSurrogates() {
        List<String> drawn = draw(Texts.anyUtf16(200), 5L, DRAWS);

        assertThat(drawn).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(200))
                .anySatisfy(text -> assertThat(Texts.isWellFormed(text)).isFalse())
                .anySatisfy(text -> assertThat(text).isEmpty());
    }

    @Test
    void ofCharsUsesOnlyTheGivenUnits() {
        assertThat(draw(Texts.ofChars("ab", 10), 1L, DRAWS)).allSatisfy(text -> assertThat(text).matches("[ab]{0,10}"))
                .anySatisfy(text -> assertThat(text).hasSize(10));
    }

    @Test
    void isWellFormedRejectsLoneAndMisorderedSurrogates() {
        assertThat(Texts.isWellFormed("a\uD83D\uDE00b")).isTrue();
        assertThat(Texts.isWellFormed("a\uD83D")).isFalse();
        assertThat(Texts.isWellFormed("\uDE00a")).isFalse();
        assertThat(Texts.isWellFormed("\uDE00\uD83D")).isFalse();
    }

    @Test
    void doublesIncludeTheEdgeCases() {
        List<Double> drawn = draw(Generator.doubles(), 9L, DRAWS);

        assertThat(drawn).contains(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MIN_VALUE, Double.MAX_VALUE);
    }

    @Test
    void runsTheGivenNumberOfTries() {
        AtomicInteger checks = new AtomicInteger();

        PropertyCheck.forAll(1L, 300, Texts.wellFormed(0, 10), text -> checks.incrementAndGet());

        assertThat(checks).hasValue(300);
    }

    @Test
    void aFailureNamesTheSeedTheTryAndTheValueAndReplays() {
        Generator<Integer> numbers = Generator.integers(0, 99);
        List<Integer> seen = new ArrayList<>();

        assertThatThrownBy(() -> PropertyCheck.forAll(1234L, 1_000, numbers, n -> {
            seen.add(n);
            assertThat(n).isLessThan(90);
        })).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("property failed on try " + seen.size() + " of 1000 with seed 1234 "
                        + "(replay: -Dpinpointgtm.seed=1234); value: " + seen.get(seen.size() - 1))
                .hasCauseInstanceOf(AssertionError.class);

        List<Integer> replayed = new ArrayList<>();
        assertThatThrownBy(() -> PropertyCheck.forAll(1234L, 1_000, numbers, n -> {
            replayed.add(n);
            assertThat(n).isLessThan(90);
        })).isInstanceOf(AssertionError.class);
        assertThat(replayed).isEqualTo(seen);
    }

    @Test
    void theFailingValueIsShownEscapedAndCut() {
        assertThat(PropertyCheck.shown("a\u0000\n\\é")).isEqualTo("a\\u0000\\u000a\\u005c\\u00e9");
        assertThat(PropertyCheck.shown("x".repeat(5_000)))
                .isEqualTo("x".repeat(PropertyCheck.MAX_SHOWN_CHARS) + "... (5000 chars)");
    }

    @Test
    void theSeedPropertyIsTheDocumentedOne() {
        assertThat(PropertyCheck.SEED_PROPERTY).isEqualTo("pinpointgtm.seed");
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertThatThrownBy(() -> PropertyCheck.forAll(1L, 0, Generator.booleans(), b -> { }))
                .hasMessage("tries must be at least 1, was 0");
        assertThatThrownBy(() -> Texts.wellFormed(5, 4))
                .hasMessage("lengths must satisfy 0 <= minChars <= maxChars, were 5 and 4");
        assertThatThrownBy(() -> Generator.integers(0, 1).filter(n -> n > 1).next(new Random(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static <T> List<T> draw(Generator<T> generator, long seed, int count) {
        Random random = new Random(seed);
        List<T> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(generator.next(random));
        }
        return values;
    }
}
