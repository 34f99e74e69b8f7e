package io.github.pinpointgtm.examples.gtm;

import static io.github.pinpointgtm.examples.gtm.GtmKitFiles.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRun;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRunResult;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The URLs the template builds, sent through the connector's real GET request template, envelope parser and hit
 * reader, arrive as the event the tag was configured with.
 */
class TagTemplateRoundTripTest {

    private static String pixelUrl(TemplateFields fields) {
        TagRunResult result = GtmSandbox.run(TEMPLATE, new TagRun("round trip", fields.data(), 424242, "success"));
        assertThat(result.error()).isNull();
        assertThat(result.pixels()).hasSize(1);
        return result.pixels().get(0);
    }

    private static CustomerEvent accepted(HitOutcome outcome) {
        assertThat(outcome).as("the hit's outcome").isInstanceOf(HitOutcome.Accepted.class);
        return ((HitOutcome.Accepted) outcome).event();
    }

    @Test
    void aContractRenewalArrivesAsConfigured() {
        String url = pixelUrl(TemplateFields.contractRenewal().set("useCacheBuster", true));

        CustomerEvent event = accepted(ConnectorPipeline.withDefaults().hit(url));

        assertThat(event.eventType()).isEqualTo("contract_renewal_due");
        assertThat(event.endpointId()).isEqualTo("customer-4711");
        assertThat(event.attributes()).containsExactly(Map.entry("plan", "pro-annual"),
                Map.entry("renewal_date", "2026-12-31"));
        assertThat(event.metrics()).containsExactly(Map.entry("monthly_price", 19.9), Map.entry("months", 12.0));
        assertThat(event.sessionId()).isEqualTo("s-42");
        assertThat(event.userAttributes()).isEmpty();
    }

    @Test
    void nastyValuesArriveIntactAsEventTypeEndpointIdAttributeNamesAndValues() {
        List<String> nastyValues = TagTemplateUrlTest.NASTY_VALUES.stream()
                .filter(nasty -> !nasty.isBlank()) // blank names and values are sent, but Pinpoint has no use for them
                .toList();
        List<TagRun> runs = nastyValues.stream().map(nasty -> new TagRun(nasty, TemplateFields.example()
                .set("eventType", "t" + nasty)
                .set("endpointId", "id" + nasty)
                .row("eventAttributes", nasty, nasty + nasty)
                .row("eventAttributes", "plain", nasty)
                .set("useCacheBuster", true).data(), 1, "success")).toList();
        List<TagRunResult> results = GtmSandbox.run(TEMPLATE, runs);
        ConnectorPipeline pipeline = ConnectorPipeline.withDefaults();

        IntStream.range(0, runs.size()).forEach(i -> {
            String nasty = nastyValues.get(i);
            assertThat(results.get(i).pixels()).as(nasty).hasSize(1);
            CustomerEvent event = accepted(pipeline.hit(results.get(i).pixels().get(0)));
            assertThat(event.eventType()).as(nasty).isEqualTo("t" + nasty);
            assertThat(event.endpointId()).as(nasty).isEqualTo("id" + nasty);
            assertThat(event.attributes()).as(nasty).isEqualTo(nasty.equals("plain")
                    ? Map.of("plain", nasty)
                    : Map.of(nasty, nasty + nasty, "plain", nasty));
        });
    }

    @Test
    void userAttributesReachTheEventOnlyWhenTheConnectorEnablesThem() {
        String url = pixelUrl(TemplateFields.example()
                .set("eventType", "appointment_booked")
                .set("endpointId", "patient-17")
                .row("userAttributes", "preferred_channel", "sms")
                .row("userAttributes", "first name", "Zoë & \"Jo\""));

        HitOutcome enabled = ConnectorPipeline.withUserAttributes().hit(url);
        HitOutcome disabled = ConnectorPipeline.withDefaults().hit(url);

        assertThat(accepted(enabled).userAttributes()).containsExactly(Map.entry("preferred_channel", "sms"),
                Map.entry("first name", "Zoë & \"Jo\""));
        assertThat(accepted(disabled).userAttributes()).isEmpty();
        assertThat(((HitOutcome.Accepted) disabled).ignoredUserAttributes()).isEqualTo(2);
    }

    @Test
    void anEmptyEndpointIdIsLeftOutAndTheConnectorRejectsTheHitWithItsReason() {
        String url = pixelUrl(TemplateFields.example().set("eventType", "appointment_booked").set("endpointId", ""));

        HitOutcome outcome = ConnectorPipeline.withDefaults().hit(url);

        assertThat(outcome).asInstanceOf(type(HitOutcome.Rejected.class))
                .extracting(rejected -> rejected.rejection().reason())
                .isEqualTo(RejectionReason.MISSING_ENDPOINT_ID);
    }

    @Test
    void aMetricThatIsNotANumberIsRejectedNotDropped() {
        String url = pixelUrl(TemplateFields.example().set("eventType", "view").set("endpointId", "e")
                .row("eventMetrics", "value", "12,50 €"));

        HitOutcome outcome = ConnectorPipeline.withDefaults().hit(url);

        assertThat(outcome).asInstanceOf(type(HitOutcome.Rejected.class))
                .extracting(rejected -> rejected.rejection().reason())
                .isEqualTo(RejectionReason.INVALID_METRIC);
    }
}
