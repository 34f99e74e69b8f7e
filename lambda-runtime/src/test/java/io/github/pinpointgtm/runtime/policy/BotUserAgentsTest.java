package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import io.github.pinpointgtm.testkit.UserAgents;
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
}
