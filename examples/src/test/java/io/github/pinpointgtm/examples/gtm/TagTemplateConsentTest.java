package io.github.pinpointgtm.examples.gtm;

import static io.github.pinpointgtm.examples.gtm.GtmKitFiles.EXAMPLE_EVENTS_URL;
import static io.github.pinpointgtm.examples.gtm.GtmKitFiles.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRun;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRunResult;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The template's consent handling, with GTM's consent state granted, denied or not set. */
class TagTemplateConsentTest {
    private static final String KEY = "site-backend-signing-key";
    private static final Map<String, String> DENIED = Map.of("analytics_storage", "denied");
    private static final Map<String, String> UNSET = Map.of();

    @TempDir
    Path temporary;

    /** Every identifier the tag can send, and a page URL with a click id in its query. */
    private static TemplateFields identifiedPurchase() {
        return TemplateFields.example()
                .set("eventType", "purchase")
                .set("endpointId", "customer-4711")
                .set("endpointSignature", JavaSigningSnippet.sign(KEY, "customer-4711"))
                .row("eventAttributes", "plan", "pro")
                .row("eventMetrics", "value", 19.9)
                .row("userAttributes", "email", "jane@example.com")
                .set("sessionId", "s-1")
                .set("eventId", "pl-1.12")
                .set("pageUrl", "https://www.example.com/checkout?gclid=abc&utm_source=news#pay");
    }

    private static TagRunResult run(TemplateFields fields, Map<String, String> consent) {
        TagRunResult result = GtmSandbox.run(TEMPLATE, TagRun.withConsent("consent", fields.data(), consent));
        assertThat(result.error()).as("what the template threw").isNull();
        return result;
    }

    @Test
    void withConsentGrantedTheHitCarriesItsIdentifiersPageUrlAndEventId() {
        TagRunResult result = run(identifiedPurchase(), TagRun.ANALYTICS_GRANTED);

        assertThat(result.pixels()).containsExactly(EXAMPLE_EVENTS_URL + "?event=purchase&endpoint_id=customer-4711"
                + "&endpoint_sig=" + JavaSigningSnippet.sign(KEY, "customer-4711")
                + "&evat_plan=pro&evmt_value=19.9&usat_email=jane%40example.com&session_id=s-1&event_id=pl-1.12"
                + "&page_url=https%3A%2F%2Fwww.example.com%2Fcheckout%3Fgclid%3Dabc%26utm_source%3Dnews%23pay");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void byDefaultNothingIsSentWhenConsentIsDeniedOrNotSet(boolean denied) {
        TagRunResult result = run(identifiedPurchase(), denied ? DENIED : UNSET);

        assertThat(result.pixels()).isEmpty();
        assertThat(result.outcomes()).containsExactly("success");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theAnonymousCountCarriesNoIdentifierWhenConsentIsDeniedOrNotSet(boolean denied) {
        TagRunResult result = run(identifiedPurchase().set("consentDeniedMode", "anonymous")
                .set("authTokenParameter", "token").set("authTokenValue", "eyJ.a"), denied ? DENIED : UNSET);

        assertThat(result.pixels()).containsExactly(EXAMPLE_EVENTS_URL + "?event=purchase&consent=denied"
                + "&evat_plan=pro&evmt_value=19.9&event_id=pl-1.12&page_url=https%3A%2F%2Fwww.example.com%2Fcheckout");
        assertThat(result.outcomes()).containsExactly("success");
    }

    @Test
    void theAnonymousModeChangesNothingWhenConsentIsGranted() {
        TagRunResult anonymousMode = run(identifiedPurchase().set("consentDeniedMode", "anonymous"),
                TagRun.ANALYTICS_GRANTED);

        assertThat(anonymousMode.pixels()).isEqualTo(run(identifiedPurchase(), TagRun.ANALYTICS_GRANTED).pixels());
    }

    @Test
    void theConfiguredConsentTypeIsTheOneRead() {
        TemplateFields adUserData = identifiedPurchase().set("consentType", "ad_user_data");

        assertThat(run(adUserData, Map.of("ad_user_data", "granted")).pixels()).hasSize(1);
        assertThat(run(adUserData, TagRun.ANALYTICS_GRANTED).pixels()).as("another type granted").isEmpty();
    }

    @Test
    void theAnonymousCountReachesAVerifyingConnectorAsTheFixedAnonymousEndpoint() {
        String url = run(identifiedPurchase().set("consentDeniedMode", "anonymous"), DENIED).pixels().get(0);

        HitOutcome outcome = ConnectorPipeline.withIdentityKey(KEY).hit(url + "&gtmcb=1234567");

        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        CustomerEvent event = ((HitOutcome.Accepted) outcome).event();
        assertThat(event.endpointId()).isEqualTo(HitReader.ANONYMOUS_ENDPOINT_ID);
        assertThat(event.eventId()).isEqualTo("pl-1.12");
        // The page's host and path are derived from page_url (no click ids, no query: it is an anonymous count).
        assertThat(event.attributes()).containsEntry("plan", "pro")
                .containsOnlyKeys("plan", "page_host", "page_path");
        assertThat(event.userAttributes()).isEmpty();
        assertThat(event.sessionId()).isNull();
    }

    @Test
    void readingAConsentTypeThePermissionsDoNotDeclareFails() throws IOException {
        TagTemplateFile template = TagTemplateFile.read(TEMPLATE);
        Path variant = temporary.resolve("variant.tpl");
        Files.writeString(variant, template.withSection("WEB_PERMISSIONS",
                template.section("WEB_PERMISSIONS").replace("\"ad_user_data\"", "\"functionality_storage\"")),
                StandardCharsets.UTF_8);

        TagRunResult result = GtmSandbox.run(variant, TagRun.withConsent("undeclared",
                identifiedPurchase().set("consentType", "ad_user_data").data(), Map.of("ad_user_data", "granted")));

        assertThat(result.error()).contains("access_consent permission denied for reading ad_user_data");
        assertThat(result.pixels()).isEmpty();
    }
}
