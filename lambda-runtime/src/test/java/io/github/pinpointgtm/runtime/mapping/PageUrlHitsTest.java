package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.testsupport.EventJsonSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The {@code page_url} parameter, through {@link HitReader}: the derived campaign and page attributes. */
class PageUrlHitsTest {
    private static final HitReader READER = new HitReader(ProcessorConfig.fromEnvironment(Map.of(
            "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
            "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
            "ALLOWED_ORIGINS", "https://www.example.com")));

    private static HitOutcome.Accepted accepted(String... namesAndValues) {
        String body = EnvelopeJson.get().with("referer", "https://www.example.com/").query(namesAndValues).json();
        HitOutcome outcome = READER.read(body);
        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        return (HitOutcome.Accepted) outcome;
    }

    @Test
    void campaignParametersClickIdsHostAndPathBecomeAttributesOfTheSameNames() {
        CustomerEvent event = accepted("event", "page_view", "endpoint_id", "ep-1", "evat_plan", "pro",
                "page_url", "https://WWW.example.com/shoes/red?utm_source=news&utm_medium=email"
                        + "&utm_campaign=spring+sale&gclid=Cj0KCQ&other=1#reviews").event();

        assertThat(event.attributes()).containsExactly(entry("plan", "pro"), entry("utm_source", "news"),
                entry("utm_medium", "email"), entry("utm_campaign", "spring sale"), entry("gclid", "Cj0KCQ"),
                entry("page_host", "www.example.com"), entry("page_path", "/shoes/red"));
        // The record destinations receive them in the event JSON's attributes, as the schema allows.
        EventJsonSchema.assertValid(CustomerEventJson.toBytes(event));
        assertThat(CustomerEventJson.toJson(event)).contains("\"utm_campaign\":\"spring sale\"",
                "\"page_path\":\"/shoes/red\"");
    }

    @Test
    void aPostBodysPageUrlIsReadToo() {
        String body = EnvelopeJson.get().with("referer", "https://www.example.com/").with("httpMethod", "POST")
                .with("contentType", "application/json")
                .with("body", "{\"event\":\"page_view\",\"endpoint_id\":\"ep-1\","
                        + "\"page_url\":\"https://www.example.com/p?utm_source=beacon\"}")
                .json();

        CustomerEvent event = ((HitOutcome.Accepted) READER.read(body)).event();

        assertThat(event.attributes()).containsExactly(entry("utm_source", "beacon"),
                entry("page_host", "www.example.com"), entry("page_path", "/p"));
    }

    @Test
    void anAnonymousHitKeepsCampaignAndPageButNoClickId() {
        CustomerEvent event = accepted("event", "page_view", "consent", "denied",
                "page_url", "https://www.example.com/p?utm_source=news&fbclid=IwAR0&ttclid=T").event();

        assertThat(event.endpointId()).isEqualTo("anonymous");
        assertThat(event.attributes()).containsExactly(entry("utm_source", "news"),
                entry("page_host", "www.example.com"), entry("page_path", "/p"));
    }

    @Test
    void theClientsOwnAttributeWinsOverTheDerivedOne() {
        CustomerEvent event = accepted("event", "page_view", "endpoint_id", "ep-1", "evat_utm_source", "first-touch",
                "page_url", "https://www.example.com/p?utm_source=news").event();

        assertThat(event.attributes()).containsEntry("utm_source", "first-touch");
    }

    @Test
    void anUnusablePageUrlNeverRejectsTheHitAndIsReported() {
        HitOutcome.Accepted outcome = accepted("event", "page_view", "endpoint_id", "ep-1",
                "page_url", "javascript:alert(document.cookie)");

        assertThat(outcome.event().attributes()).isEmpty();
        assertThat(outcome.enrichment().pageUrlIgnored()).isTrue();
    }

    @Test
    void enrichmentNeverPushesAnEventPastFortyKeys() {
        List<String> query = new ArrayList<>(List.of("event", "page_view", "endpoint_id", "ep-1",
                "page_url", "https://www.example.com/p?utm_source=news&utm_medium=email"));
        for (int i = 0; i < 20; i++) {
            query.addAll(List.of("evat_a" + i, "v", "evmt_m" + i, "1"));
        }
        query.remove(query.size() - 1);
        query.remove(query.size() - 1);

        HitOutcome.Accepted outcome = accepted(query.toArray(String[]::new));

        assertThat(outcome.event().attributes().size() + outcome.event().metrics().size()).isEqualTo(40);
        assertThat(outcome.event().attributes()).containsEntry("utm_source", "news");
        assertThat(outcome.enrichment().omitted()).containsExactly("utm_medium", "page_host", "page_path");
    }

    @Test
    void aLongPathIsCutNotRejected() {
        HitOutcome.Accepted outcome = accepted("event", "page_view", "endpoint_id", "ep-1",
                "page_url", "https://www.example.com/" + "a".repeat(300));

        assertThat(outcome.event().attributes().get("page_path")).hasSize(200).startsWith("/aaa");
        assertThat(outcome.enrichment()).isEqualTo(new EnrichmentReport(false, List.of("page_path"), List.of(),
                false));
    }
}
