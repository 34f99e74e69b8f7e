package io.github.pinpointgtm.runtime.enrichment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PageEnrichmentTest {
    private static final String CAMPAIGN_URL = "https://www.example.com/shoes?utm_source=news&utm_medium=email"
            + "&utm_campaign=spring&utm_term=red&utm_content=hero&gclid=G1&fbclid=F1&msclkid=M1&ttclid=T1&li_fat_id=L1";

    private static Map<String, String> attributes(int count) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put("a" + i, "v");
        }
        return attributes;
    }

    @Test
    void campaignParametersClickIdsHostAndPathAreAddedInOrderAfterTheClientsAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("plan", "pro"));

        EnrichmentReport report = PageEnrichment.apply(attributes, 0, CAMPAIGN_URL, false);

        assertThat(attributes).containsExactly(entry("plan", "pro"), entry("utm_source", "news"),
                entry("utm_medium", "email"), entry("utm_campaign", "spring"), entry("utm_term", "red"),
                entry("utm_content", "hero"), entry("gclid", "G1"), entry("fbclid", "F1"), entry("msclkid", "M1"),
                entry("ttclid", "T1"), entry("li_fat_id", "L1"), entry("page_host", "www.example.com"),
                entry("page_path", "/shoes"));
        assertThat(report).isEqualTo(EnrichmentReport.NONE);
    }

    @Test
    void anAnonymousHitGetsNoClickIds() {
        Map<String, String> attributes = new LinkedHashMap<>();

        PageEnrichment.apply(attributes, 0, CAMPAIGN_URL, true);

        assertThat(attributes).containsOnlyKeys("utm_source", "utm_medium", "utm_campaign", "utm_term",
                "utm_content", "page_host", "page_path");
    }

    @Test
    void anAttributeTheClientSentWins() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("utm_source", "from-tag", "page_path", "/x"));

        PageEnrichment.apply(attributes, 0, CAMPAIGN_URL, false);

        assertThat(attributes).containsEntry("utm_source", "from-tag").containsEntry("page_path", "/x")
                .containsEntry("utm_medium", "email");
    }

    @Test
    void derivedAttributesOnlyFillTheRoomUnderFortyKeysAndTheRestAreReported() {
        Map<String, String> attributes = attributes(30);

        EnrichmentReport report = PageEnrichment.apply(attributes, 7, CAMPAIGN_URL, false);

        assertThat(attributes).hasSize(33).containsKeys("utm_source", "utm_medium", "utm_campaign");
        assertThat(report.omitted()).containsExactly("utm_term", "utm_content", "gclid", "fbclid", "msclkid",
                "ttclid", "li_fat_id", "page_host", "page_path");
        assertThat(report.limited()).isTrue();
    }

    @Test
    void aFullEventGetsNothingAndEverythingIsReported() {
        Map<String, String> attributes = attributes(40);

        EnrichmentReport report = PageEnrichment.apply(attributes, 0, "https://www.example.com/", false);

        assertThat(attributes).hasSize(40);
        assertThat(report.omitted()).containsExactly("page_host", "page_path");
    }

    @Test
    void aLongValueIsCutAndReported() {
        Map<String, String> attributes = new LinkedHashMap<>();
        String path = "/" + "p".repeat(250);

        EnrichmentReport report = PageEnrichment.apply(attributes,
                0, "https://www.example.com" + path + "?utm_campaign=" + "c".repeat(201), false);

        assertThat(attributes.get("page_path")).isEqualTo(path.substring(0, 200));
        assertThat(attributes.get("utm_campaign")).isEqualTo("c".repeat(200));
        assertThat(report.truncated()).containsExactly("utm_campaign", "page_path");
        assertThat(report.omitted()).isEmpty();
    }

    @Test
    void aLongPagePathIsNotCutInsideAPercentEscapeButACampaignValueIsCutAtTheLimit() {
        Map<String, String> attributes = new LinkedHashMap<>();
        String path = "/" + "p".repeat(198) + "%C3%A9t%C3%A9";

        EnrichmentReport report = PageEnrichment.apply(attributes,
                0, "https://www.example.com" + path + "?utm_campaign=" + "c".repeat(199) + "%25x", false);

        assertThat(attributes.get("page_path")).isEqualTo("/" + "p".repeat(198));
        assertThat(attributes.get("utm_campaign")).as("decoded: its % is a character, not an escape")
                .isEqualTo("c".repeat(199) + "%");
        assertThat(report.truncated()).containsExactly("utm_campaign", "page_path");
    }

    @Test
    void anUnusablePageUrlAddsNothingAndIsReported() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("plan", "pro"));

        EnrichmentReport report = PageEnrichment.apply(attributes, 0, "/relative?utm_source=x", false);

        assertThat(attributes).containsOnlyKeys("plan");
        assertThat(report).isEqualTo(new EnrichmentReport(true, List.of(), List.of(), false));
    }

    @Test
    void withoutAPageUrlThereIsNothingToReport() {
        Map<String, String> attributes = new LinkedHashMap<>();

        assertThat(PageEnrichment.apply(attributes, 0, null, false)).isEqualTo(EnrichmentReport.NONE);
        assertThat(PageEnrichment.apply(attributes, 0, "", false)).isEqualTo(EnrichmentReport.NONE);
        assertThat(attributes).isEmpty();
    }
}
