package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRun;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code docs/gtm.md} show what the template really sends for their dataLayer pushes, with
 * the tag configured as the guide's path A says.
 */
class GuideExamplesTest {
    private static final Path GUIDE = Path.of("..", "docs", "gtm.md");

    /** The guide's path A tag, for one dataLayer push's {@code pinpoint} object (absent keys: undefined). */
    private static TemplateFields guideTag(String event, Map<String, Object> pinpoint) {
        return TemplateFields.example()
                .set("eventType", event)
                .set("endpointId", pinpoint.get("endpoint_id"))
                .row("eventAttributes", "plan", pinpoint.get("plan"))
                .row("eventAttributes", "renewal_date", pinpoint.get("renewal_date"))
                .row("eventAttributes", "appointment_type", pinpoint.get("appointment_type"))
                .row("eventAttributes", "appointment_time", pinpoint.get("appointment_time"))
                .row("eventAttributes", "location", pinpoint.get("location"))
                .row("eventMetrics", "value", pinpoint.get("value"))
                .set("useCacheBuster", true);
    }

    private static String guideLine(TemplateFields tag) {
        TagRunResult result = GtmSandbox.run(GtmKitFiles.TEMPLATE, new TagRun("guide", tag.data(), 1, "success"));
        assertThat(result.pixels()).hasSize(1);
        assertThat(result.pixels().get(0)).endsWith("&gtmcb=1");
        return "GET " + result.pixels().get(0).replaceAll("gtmcb=1$", "gtmcb=…");
    }

    private static String guide() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    @Test
    void theSubscriptionRenewalExampleShowsTheUrlTheTemplateSends() throws IOException {
        String line = guideLine(guideTag("subscription_renewed", Map.of("endpoint_id", "customer-4711",
                "plan", "pro-annual", "renewal_date", "2027-12-31", "value", 119.90)));

        assertThat(guide()).contains(line + "\n");
    }

    @Test
    void theAppointmentExampleShowsTheUrlTheTemplateSends() throws IOException {
        String line = guideLine(guideTag("appointment_booked", Map.of("endpoint_id", "patient-0815",
                "appointment_type", "dental-checkup", "appointment_time", "2026-12-03T09:30:00Z",
                "location", "berlin-mitte")));

        assertThat(guide()).contains(line + "\n");
    }
}
