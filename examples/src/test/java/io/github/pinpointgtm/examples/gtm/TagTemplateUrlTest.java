package io.github.pinpointgtm.examples.gtm;

import static io.github.pinpointgtm.examples.gtm.GtmKitFiles.EXAMPLE_EVENTS_URL;
import static io.github.pinpointgtm.examples.gtm.GtmKitFiles.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRun;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRunResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The exact URLs the template's sandboxed JavaScript sends, run by {@link GtmSandbox}. */
class TagTemplateUrlTest {

    /** Values that break hand-built pixel URLs: URL syntax, quotes, escapes, whitespace, non-ASCII. */
    static final List<String> NASTY_VALUES = List.of(
            "&", "=", "a=b&c=d", "?event=x&endpoint_id=y", "#", "#fragment", "%", "%26", "%zz", "+", "a+b",
            "\"", "'", "O'Brien \"Jr\"", "\\", "/", ";", ",", ":", "$", "{}", "[]", "<script>alert(1)</script>",
            " ", "  two  spaces  ", "\n", "\r\n", "\t", "\u0000", "é", "Zürich", "東京", "مرحبا", "\uD83D\uDE00",
            "👨‍👩‍👧‍👦", "!~*'()", "-_.", "null", "undefined", "true");

    private static TagRunResult run(TemplateFields fields) {
        TagRunResult result = GtmSandbox.run(TEMPLATE, TagRun.succeeding("test", fields.data()));
        assertThat(result.error()).as("what the template threw").isNull();
        return result;
    }

    private static String onlyPixel(TemplateFields fields) {
        TagRunResult result = run(fields);
        assertThat(result.pixels()).hasSize(1);
        assertThat(result.outcomes()).containsExactly("success");
        return result.pixels().get(0);
    }

    @Test
    void buildsTheContractUrlFromEveryField() {
        String url = onlyPixel(TemplateFields.contractRenewal().row("userAttributes", "preferred_channel", "email"));

        assertThat(url).isEqualTo(EXAMPLE_EVENTS_URL + "?event=contract_renewal_due&endpoint_id=customer-4711"
                + "&evat_plan=pro-annual&evat_renewal_date=2026-12-31&evmt_monthly_price=19.9&evmt_months=12"
                + "&usat_preferred_channel=email&session_id=s-42");
    }

    @Test
    void sendsTheEndpointSignatureRightAfterTheEndpointIdOnlyWhenGiven() {
        String signed = onlyPixel(TemplateFields.example().set("eventType", "purchase")
                .set("endpointId", "customer-4711")
                .set("endpointSignature", "E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A"));
        String unsigned = onlyPixel(TemplateFields.example().set("eventType", "purchase")
                .set("endpointId", "anon-7f3c").set("endpointSignature", ""));

        assertThat(signed).isEqualTo(EXAMPLE_EVENTS_URL + "?event=purchase&endpoint_id=customer-4711"
                + "&endpoint_sig=E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A");
        assertThat(unsigned).isEqualTo(EXAMPLE_EVENTS_URL + "?event=purchase&endpoint_id=anon-7f3c");
    }

    @Test
    void encodesUrlSyntaxQuotesAndUnicodeInNamesAndValues() {
        String url = onlyPixel(TemplateFields.example()
                .set("eventType", "a&b=c#d")
                .set("endpointId", "O'Brien \"Jr\" 100%")
                .row("eventAttributes", "city name", "Zürich & 東京 +1\n😀")
                .row("eventAttributes", "x&evat_injected=1", "?event=forged"));

        assertThat(url).isEqualTo(EXAMPLE_EVENTS_URL + "?event=a%26b%3Dc%23d"
                + "&endpoint_id=O'Brien%20%22Jr%22%20100%25"
                + "&evat_city%20name=Z%C3%BCrich%20%26%20%E6%9D%B1%E4%BA%AC%20%2B1%0A%F0%9F%98%80"
                + "&evat_x%26evat_injected%3D1=%3Fevent%3Dforged");
    }

    @Test
    void encodesEveryNastyValueAsEncodeUriComponentDoes() {
        List<TagRun> runs = NASTY_VALUES.stream().map(nasty -> TagRun.succeeding(nasty, TemplateFields.example()
                .set("eventType", nasty).row("eventAttributes", nasty, nasty).data())).toList();

        List<TagRunResult> results = GtmSandbox.run(TEMPLATE, runs);

        IntStream.range(0, runs.size()).forEach(i -> {
            String nasty = NASTY_VALUES.get(i);
            String encoded = encodeUriComponent(nasty);
            assertThat(results.get(i).error()).as(nasty).isNull();
            assertThat(results.get(i).pixels()).as(nasty).containsExactly(
                    EXAMPLE_EVENTS_URL + "?event=" + encoded + "&evat_" + encoded + "=" + encoded);
        });
    }

    @Test
    void leavesOutEmptyUndefinedAndNullValuesAndNamelessRows() {
        String url = onlyPixel(TemplateFields.example()
                .set("eventType", "appointment_booked")
                .set("endpointId", "")
                .set("sessionId", null)
                .row("eventAttributes", "location", "")
                .row("eventAttributes", "slot", null)
                .row("eventAttributes", "", "nameless")
                .row("eventAttributes", null, "nameless")
                .row("eventMetrics", "duration_minutes", 30)
                .row("userAttributes", "tier", ""));

        assertThat(url).isEqualTo(EXAMPLE_EVENTS_URL + "?event=appointment_booked&evmt_duration_minutes=30");
    }

    @Test
    void sendsTheBareUrlWhenEveryValueIsEmpty() {
        assertThat(onlyPixel(TemplateFields.example().set("eventType", ""))).isEqualTo(EXAMPLE_EVENTS_URL);
    }

    @Test
    void writesNumbersAndBooleansAsJavaScriptPrintsThem() {
        String url = onlyPixel(TemplateFields.example()
                .set("eventType", "view")
                .row("eventMetrics", "zero", 0)
                .row("eventMetrics", "negative", -1.5)
                .row("eventAttributes", "consent", true));

        assertThat(url).isEqualTo(EXAMPLE_EVENTS_URL + "?event=view&evat_consent=true&evmt_zero=0&evmt_negative=-1.5");
    }

    @Test
    void addsTheCacheBusterLastWhenEnabled() {
        TagRunResult result = GtmSandbox.run(TEMPLATE, new TagRun("cache buster",
                TemplateFields.example().set("eventType", "view").set("useCacheBuster", true).data(),
                987654321, "success"));

        assertThat(result.pixels()).containsExactly(EXAMPLE_EVENTS_URL + "?event=view&gtmcb=987654321");
    }

    @Test
    void sendsTheAuthorizerTokenUnderItsParameterNameOnlyWhenNamed() {
        String named = onlyPixel(TemplateFields.example().set("eventType", "view")
                .set("authTokenParameter", "token").set("authTokenValue", "eyJhbGciOi.J9+/="));
        String unnamed = onlyPixel(TemplateFields.example().set("eventType", "view")
                .set("authTokenParameter", "").set("authTokenValue", "secret"));

        assertThat(named).isEqualTo(EXAMPLE_EVENTS_URL + "?event=view&token=eyJhbGciOi.J9%2B%2F%3D");
        assertThat(unnamed).isEqualTo(EXAMPLE_EVENTS_URL + "?event=view");
    }

    @Test
    void refusesATokenParameterNamedLikeAContractParameter() {
        List<TagRun> runs = List.of("event", "endpoint_id", "endpoint_sig", "session_id", "ts", "gtmcb", "evat_plan", "evmt_x",
                "usat_tier").stream().map(name -> TagRun.succeeding(name, TemplateFields.example()
                .set("eventType", "view").set("endpointId", "e")
                .set("authTokenParameter", name).set("authTokenValue", "forged").data())).toList();

        List<TagRunResult> results = GtmSandbox.run(TEMPLATE, runs);

        assertThat(results).allSatisfy(result -> {
            assertThat(result.error()).as(result.name()).isNull();
            assertThat(result.pixels()).as(result.name()).isEmpty();
            assertThat(result.outcomes()).as(result.name()).containsExactly("failure");
        });
    }

    @Test
    void callsGtmOnFailureWhenThePixelFails() {
        TagRunResult result = GtmSandbox.run(TEMPLATE, new TagRun("failing pixel",
                TemplateFields.example().set("eventType", "view").data(), null, "failure"));

        assertThat(result.pixels()).hasSize(1);
        assertThat(result.outcomes()).containsExactly("failure");
    }

    @Test
    void cannotSendToAHostItsPermissionDoesNotAllow() {
        TagRunResult result = GtmSandbox.run(TEMPLATE, TagRun.succeeding("other host",
                TemplateFields.forEventsUrl("https://tracker.example.net/events").set("eventType", "view").data()));

        assertThat(result.pixels()).isEmpty();
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.error()).contains("send_pixel permission denied");
    }

    /** JavaScript's encodeURIComponent, which GTM's encodeUriComponent is, for well-formed Unicode. */
    static String encodeUriComponent(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%21", "!")
                .replace("%27", "'")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%7E", "~");
    }
}
