package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifiers;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Hits from bots, through {@link HitReader}: rejected by default, or delivered with {@code is_bot=true}. */
class BotHitsTest {
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static ProcessorConfig config(String botHandling) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
                "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
                "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
                "ALLOWED_ORIGINS", "https://www.example.com"));
        if (botHandling != null) {
            env.put("BOT_HANDLING", botHandling);
        }
        return ProcessorConfig.fromEnvironment(env);
    }

    private static final HitReader REJECTING = new HitReader(config(null));
    private static final HitReader FLAGGING = new HitReader(config("deliver-flagged"));

    private static String hit(String userAgent, String... namesAndValues) {
        return EnvelopeJson.get().with("referer", "https://www.example.com/").with("userAgent", userAgent)
                .query(namesAndValues).json();
    }

    private static Rejection rejected(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Rejected.class);
        return ((HitOutcome.Rejected) outcome).rejection();
    }

    private static HitOutcome.Accepted accepted(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        return (HitOutcome.Accepted) outcome;
    }

    @Test
    void byDefaultABotsHitGoesToTheRejectedQueueWithReasonBot() {
        Rejection rejection = rejected(REJECTING.read(hit(GOOGLEBOT, "event", "page_view", "endpoint_id", "ep-1")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.BOT);
        assertThat(rejection.reason().code()).isEqualTo("bot");
        assertThat(rejection.detail()).contains("User-Agent").doesNotContain("Googlebot");
    }

    @Test
    void theBotCheckComesBeforeTheIdentityCheckSoNoKeyIsReadForABot() {
        ProcessorConfig config = config(null);
        HitReader verifying = new HitReader(config, EndpointIdVerifiers.withKeys(new FixedKeySource(
                "site-backend-signing-key"), config, Clock.systemUTC()));

        Rejection rejection = rejected(verifying.read(hit("curl/8.5.0", "event", "page_view", "endpoint_id", "ep-1",
                "endpoint_sig", "forged")));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.BOT);
    }

    @Test
    void aHitAnAuthorizerAuthenticatedIsNeverABotsWhateverItsUserAgent() {
        for (String backend : List.of("Java-http-client/21.0.5", "python-requests/2.32.3", "Go-http-client/2.0",
                "curl/8.5.0")) {
            String cognito = EnvelopeJson.get().with("referer", "https://www.example.com/").with("userAgent", backend)
                    .with("identity", "cognito-sub-123").with("identitySource", "cognito:sub")
                    .query("event", "purchase").json();
            String lambda = EnvelopeJson.get().with("referer", "https://www.example.com/").with("userAgent", backend)
                    .with("identity", "user-42").with("identitySource", "lambda:principalId")
                    .query("event", "purchase", "consent", "denied").json();

            HitOutcome.Accepted identified = accepted(REJECTING.read(cognito));
            assertThat(identified.event().endpointId()).as(backend).isEqualTo("cognito-sub-123");
            assertThat(identified.enrichment().botFlagged()).as(backend).isFalse();
            assertThat(accepted(REJECTING.read(lambda)).event().endpointId()).as(backend + ", consent denied")
                    .isEqualTo(HitReader.ANONYMOUS_ENDPOINT_ID);
            assertThat(accepted(FLAGGING.read(cognito)).event().attributes()).as(backend + ", flagging")
                    .doesNotContainKey(HitReader.BOT_ATTRIBUTE);
        }
    }

    @Test
    void aVerifiedEndpointSignatureDoesNotExemptABotBecauseACrawlerReplaysTheSignatureServedInThePage() {
        ProcessorConfig config = config(null);
        HitReader verifying = new HitReader(config, EndpointIdVerifiers.withKeys(new FixedKeySource(
                "site-backend-signing-key"), config, Clock.systemUTC()));
        String signature = JavaSigningSnippet.sign("site-backend-signing-key", "customer-4711");
        String asPerson = hit(CHROME, "event", "page_view", "endpoint_id", "customer-4711", "endpoint_sig", signature);
        String asCrawler = hit(GOOGLEBOT, "event", "page_view", "endpoint_id", "customer-4711",
                "endpoint_sig", signature);

        assertThat(accepted(verifying.read(asPerson)).event().endpointId()).isEqualTo("customer-4711");
        assertThat(rejected(verifying.read(asCrawler)).reason()).isEqualTo(RejectionReason.BOT);
    }

    @Test
    void aForeignOriginIsStillReportedAsSuchForABot() {
        String body = EnvelopeJson.get().with("referer", "https://evil.example/").with("userAgent", GOOGLEBOT)
                .query("event", "page_view", "endpoint_id", "ep-1").json();

        assertThat(rejected(REJECTING.read(body)).reason()).isEqualTo(RejectionReason.ORIGIN_NOT_ALLOWED);
    }

    @Test
    void aPersonsHitIsNeverFlagged() {
        HitOutcome.Accepted outcome = accepted(FLAGGING.read(hit(CHROME, "event", "page_view", "endpoint_id", "ep-1",
                "evat_is_bot", "false")));

        assertThat(outcome.event().attributes()).containsExactly(entry("is_bot", "false"));
        assertThat(outcome.enrichment().botFlagged()).isFalse();
        assertThat(accepted(REJECTING.read(hit("", "event", "page_view", "endpoint_id", "ep-1"))).event()
                .attributes()).as("an empty User-Agent is not a bot's by itself").isEmpty();
    }

    @Test
    void deliveredFlaggedABotsHitCarriesIsBotTrueInPinpointAndInTheEventJson() {
        HitOutcome.Accepted outcome = accepted(FLAGGING.read(hit(GOOGLEBOT, "event", "page_view",
                "endpoint_id", "ep-1", "evat_plan", "pro", "page_url", "https://www.example.com/p?utm_source=x")));

        CustomerEvent event = outcome.event();
        assertThat(event.attributes()).containsExactly(entry("plan", "pro"), entry("is_bot", "true"),
                entry("utm_source", "x"), entry("page_host", "www.example.com"), entry("page_path", "/p"));
        assertThat(outcome.enrichment().botFlagged()).isTrue();
        assertThat(CustomerEventJson.toJson(event)).contains("\"is_bot\":\"true\"");
        EventJsonSchema.assertValid(CustomerEventJson.toBytes(event));
    }

    @Test
    void aBotCannotUnflagItself() {
        CustomerEvent event = accepted(FLAGGING.read(hit(GOOGLEBOT, "event", "page_view", "endpoint_id", "ep-1",
                "evat_is_bot", "false"))).event();

        assertThat(event.attributes()).containsExactly(entry("is_bot", "true"));
    }

    @Test
    void theFlagTakesRoomBeforeDerivedAttributes() {
        List<String> query = new ArrayList<>(List.of("event", "page_view", "endpoint_id", "ep-1",
                "page_url", "https://www.example.com/p?utm_source=x"));
        for (int i = 0; i < 39; i++) {
            query.addAll(List.of("evat_a" + i, "v"));
        }

        HitOutcome.Accepted outcome = accepted(FLAGGING.read(hit(GOOGLEBOT, query.toArray(String[]::new))));

        assertThat(outcome.event().attributes()).hasSize(40).containsEntry("is_bot", "true");
        assertThat(outcome.enrichment().omitted()).containsExactly("utm_source", "page_host", "page_path");
    }

    @Test
    void aBotsHitWithNoRoomForTheFlagIsRejectedAsABotsNeverDeliveredUnflagged() {
        List<String> query = new ArrayList<>(List.of("event", "page_view", "endpoint_id", "ep-1"));
        for (int i = 0; i < 20; i++) {
            query.addAll(List.of("evat_a" + i, "v", "evmt_m" + i, "1"));
        }

        Rejection rejection = rejected(FLAGGING.read(hit(GOOGLEBOT, query.toArray(String[]::new))));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.BOT);
        assertThat(rejection.detail()).contains("is_bot", "40");
    }
}
