package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.testsupport.NastyStrings;
import io.github.pinpointgtm.runtime.testsupport.PropertyCheck;
import io.github.pinpointgtm.runtime.testsupport.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the corpus of real User-Agent headers in {@code src/test/resources/user-agents}. */
class BotUserAgentsTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "user-agents");

    static List<String> bots() throws IOException {
        return corpus("bots.txt");
    }

    static List<String> humans() throws IOException {
        return corpus("humans.txt");
    }

    private static List<String> corpus(String file) throws IOException {
        return Files.readAllLines(CORPUS.resolve(file), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    @Test
    void theCorpusHasBothKindsInNumbers() throws IOException {
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
