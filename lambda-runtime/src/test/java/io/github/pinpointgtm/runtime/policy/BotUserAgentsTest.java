package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import io.github.pinpointgtm.testkit.UserAgents;
import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the testkit's corpus of real User-Agent headers ({@link UserAgents}). */
class BotUserAgentsTest {

    static List<String> bots() {
        return UserAgents.bots();
    }

    static List<String> humans() {
        return UserAgents.humans();
    }

    @Test
    void theCorpusHasBothKindsInNumbers() {
        assertThat(bots()).hasSizeGreaterThanOrEqualTo(90).doesNotHaveDuplicates();
        assertThat(humans()).hasSizeGreaterThanOrEqualTo(45).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("bots")
    void everyBotOfTheCorpusIsRecognised(String userAgent) {
        assertThat(BotUserAgents.isBot(userAgent)).as(userAgent).isTrue();
        assertThat(BotUserAgents.isBot(userAgent.toUpperCase(Locale.ROOT))).as("upper case").isTrue();
        assertThat(BotUserAgents.isBot(userAgent.toLowerCase(Locale.ROOT))).as("lower case").isTrue();
    }

    @ParameterizedTest
    @MethodSource("humans")
    void noBrowserOfTheCorpusIsTakenForABot(String userAgent) {
        assertThat(BotUserAgents.isBot(userAgent)).as(userAgent).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Mozilla/5.0", "Mozilla/5.0 (test)", "-"})
    void anEmptyOrBareHeaderIsNotABotsByItself(String userAgent) {
        assertThat(BotUserAgents.isBot(userAgent)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"axios/1.6.2", "undici", "node", "node-fetch"})
    void nodeHttpLibrariesAreNotBotsBecauseServerSideSendersUseThem(String userAgent) {
        assertThat(BotUserAgents.isBot(userAgent)).isFalse();
    }

    @Test
    void aWordMustBeWholeToMatchAName() {
        assertThat(BotUserAgents.isBot("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 javascript")).isFalse();
        assertThat(BotUserAgents.isBot("Mozilla/5.0 curly/1.0")).isFalse();
        assertThat(BotUserAgents.isBot("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 Java/21")).isTrue();
    }

    @Test
    void anyHeaderIsJudgedWithoutThrowing() {
        for (String nasty : NastyStrings.ALL) {
            BotUserAgents.isBot(nasty);
        }
        PropertyCheck.forAll(2_000, Texts.anyUtf16(300), text -> {
            boolean alone = BotUserAgents.isBot(text);
            // A bot's word after any text is still a bot's word.
            assertThat(BotUserAgents.isBot(text + " Googlebot/2.1")).isTrue();
            assertThat(BotUserAgents.isBot(text + " ")).isEqualTo(alone);
        });
    }

    @Test
    void judgesEveryHeaderAsTheClassDescriptionSays() {
        List<String> words = new java.util.ArrayList<>(BotUserAgents.names());
        for (String suffix : BotUserAgents.suffixes()) {
            words.addAll(List.of(suffix, "x" + suffix, suffix + "x", "Google" + suffix));
        }
        words.addAll(BotUserAgents.notBots());
        words.addAll(List.of("Mozilla", "5", "0", "Windows", "NT", "AppleWebKit", "Chrome", "Safari", "Mobile",
                "Instagram", "FBAV", "node", "fetch", "axios", "htt", "pythons", "botx", "cubots"));
        Generator<String> word = Generator.of(words).with(Generator.integers(0, Integer.MAX_VALUE),
                BotUserAgentsTest::mixedCase);
        Generator<String> separator = Generator.oneOf(Generator.of(List.of(" ", "/", "-", ";", "(", ")", "_", ".")),
                Texts.anyUtf16(3));
        Generator<String> headers = word.with(separator, String::concat).list(0, 8)
                .map(parts -> String.join("", parts));

        PropertyCheck.forAll(20_000, headers,
                header -> assertThat(BotUserAgents.isBot(header)).as(header).isEqualTo(asDescribed(header)));
        for (String nasty : NastyStrings.ALL) {
            assertThat(BotUserAgents.isBot(nasty)).as(nasty).isEqualTo(asDescribed(nasty));
        }
    }

    /** The class description, word by word: a name, or a bot's ending on a word that is not a known device. */
    private static boolean asDescribed(String header) {
        for (String word : header.split("[^A-Za-z0-9]+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                continue;
            }
            if (BotUserAgents.names().contains(lower)) {
                return true;
            }
            if (BotUserAgents.suffixes().stream().anyMatch(lower::endsWith)
                    && !BotUserAgents.notBots().contains(lower)) {
                return true;
            }
        }
        return false;
    }

    private static String mixedCase(String word, int bits) {
        StringBuilder mixed = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            mixed.append((bits >> (i % 31) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }
}
