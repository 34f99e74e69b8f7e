package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.ChromiumTab.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local pipeline's own page in headless Chromium, used the way a person would: typing into its form, toggling
 * consent, asking the local server for a signature, firing hits, and reading the three panels as they update without a
 * reload. The pipeline verifies endpoint ids, so every recorded granted hit also proves the page's signing. Skipped
 * when Chromium is absent, except with {@code CI=true} ({@link HeadlessChromium}).
 */
class LocalPageBrowserTest {

    private static final String KEY = "page-signing-key-93d0";
    private static LocalPipeline pipeline;

    /** The shown event whose event id cell reads EVENT_ID: endpoint, attributes and metrics as the page shows them. */
    private static final String SHOWN_EVENT = """
            (() => {
              const row = Array.from(document.querySelectorAll('#events tr'))
                  .find(r => r.querySelector('.event-id').textContent === EVENT_ID);
              if (!row) { return null; }
              const pairs = cell => Object.fromEntries(Array.from(row.querySelectorAll(cell + ' li'),
                  li => [li.querySelector('.name').textContent, li.querySelector('.value').textContent]));
              return {endpoint: row.querySelector('.endpoint').textContent, attributes: pairs('.attributes'),
                  metrics: pairs('.metrics')};
            })()""";

    @BeforeAll
    static void start() {
        if (HeadlessChromium.isAvailable()) {
            pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                    .withIdentity(new LocalIdentity(KEY, "anon-")));
        }
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void consentDeniedSendsAnAnonymousCountWithoutIdentifiers(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = run();
        String visitor = "customer-" + run;
        try (ChromiumTab tab = openPage(profile)) {
            type(tab, "endpoint", visitor);
            sign(tab);
            type(tab, "page-url", "https://www.example.com/spring-sale?utm_source=newsletter&gclid=click-" + run
                    + "#offer");
            type(tab, "event-id", "denied-" + run);
            tab.evaluate("document.getElementById('consent-denied').click()");
            assertThat(tab.evaluate("document.getElementById('identity').disabled"))
                    .as("the identity fields while consent is denied").isEqualTo(true);
            tab.evaluate("document.getElementById('fire-pixel').click()");

            Map<String, Object> shown = shownEvent(tab, "denied-" + run);
            assertThat(shown.get("endpoint")).isEqualTo("anonymous");
            assertThat(object(shown.get("attributes"))).as("an anonymous count's attributes on the page")
                    .containsEntry("page_host", "www.example.com").containsEntry("page_path", "/spring-sale")
                    .doesNotContainKeys("utm_source", "gclid");
            assertThat(text(tab, "events")).doesNotContain(visitor).doesNotContain("click-" + run);

            String hit = sentHit(tab, "denied-" + run);
            assertThat(hit).as("the hit the page sent").contains("consent=denied")
                    .doesNotContain("endpoint_id", "endpoint_sig", visitor, "utm_", "gclid", "offer")
                    .contains("page_url=https://www.example.com/spring-sale&");
        }
        assertThat(pipeline.recordedEvents()).filteredOn(event -> event.eventId().equals("denied-" + run))
                .singleElement().satisfies(event -> {
                    assertThat(event.endpointId()).isEqualTo("anonymous");
                    assertThat(event.attributes().values()).noneMatch(value -> value.contains(run));
                });
    }

    @Test
    void aSignedUtmTaggedPageViewShowsItsCampaign(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = run();
        try (ChromiumTab tab = openPage(profile)) {
            type(tab, "event", "page_view");
            type(tab, "endpoint", "customer-" + run);
            sign(tab);
            assertThat(tab.evaluate("document.getElementById('signature').value"))
                    .isEqualTo(JavaSigningSnippet.sign(KEY, "customer-" + run));
            type(tab, "page-url", "https://shop.example.com/landing?utm_source=newsletter&utm_medium=email"
                    + "&utm_campaign=spring-" + run);
            type(tab, "event-id", "utm-" + run);
            tab.evaluate("document.getElementById('fire-pixel').click()");

            Map<String, Object> shown = shownEvent(tab, "utm-" + run);
            assertThat(shown.get("endpoint")).as("a signed id, recorded by a verifying pipeline")
                    .isEqualTo("customer-" + run);
            assertThat(object(shown.get("attributes"))).as("the event's attributes on the page")
                    .containsEntry("page_title", "Spring sale")
                    .containsEntry("utm_source", "newsletter")
                    .containsEntry("utm_medium", "email")
                    .containsEntry("utm_campaign", "spring-" + run)
                    .containsEntry("page_host", "shop.example.com")
                    .containsEntry("page_path", "/landing");
            assertThat(object(shown.get("metrics"))).containsEntry("price", "19.99");
        }
    }

    @Test
    void thePanelsUpdateWithoutAReloadAndNothingComesFromElsewhere(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = run();
        String origin = "http://127.0.0.1:" + pipeline.baseUrl().getPort();
        try (ChromiumTab tab = openPage(profile)) {
            tab.evaluate("window.pageMarker = " + literal(run));
            long documentsBefore = documentRequests(tab);

            // Hits from elsewhere: the page only learns of them from its feed.
            SharedPipeline.pixel(pipeline, "event=signup&endpoint_id=anon-" + run + "&event_id=live-" + run, origin);
            HttpResponse<byte[]> forged = SharedPipeline.pixel(pipeline, "event=signup&endpoint_id=victim-" + run
                    + "&endpoint_sig=" + JavaSigningSnippet.sign(KEY, "someone-else"), origin);
            String forgedRequestId = forged.headers().firstValue("x-amzn-RequestId").orElseThrow();

            assertThat(shownEvent(tab, "live-" + run).get("endpoint")).isEqualTo("anon-" + run);
            tab.await("the forged hit in the rejected panel", """
                    Array.from(document.querySelectorAll('#rejected tr')).some(row =>
                        row.querySelector('.request-id').textContent === %s
                        && row.querySelector('.reason').textContent === 'identity-unverified')"""
                    .formatted(literal(forgedRequestId)));
            assertThat(text(tab, "dead")).doesNotContain(forgedRequestId);
            assertThat(tab.evaluate("window.pageMarker")).as("a marker set before the hits: no reload").isEqualTo(run);
            assertThat(documentRequests(tab)).isEqualTo(documentsBefore);
            assertThat(tab.requestedUrls()).as("everything the page loaded: it works offline")
                    .isNotEmpty().allMatch(url -> url.startsWith(origin + "/"));
        }
    }

    @Test
    void hostileValuesAreShownAsTextNeverAsMarkup(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = run();
        String image = "<img src=x onerror=\"window.pwned='img'\">";
        String script = "\"'><script>window.pwned='script'</script>&amp;";
        try (ChromiumTab tab = openPage(profile)) {
            type(tab, "endpoint", "anon-" + run);
            type(tab, "attributes", "image=" + image + "\nscript=" + script);
            type(tab, "event-id", "hostile-" + run);
            tab.evaluate("document.getElementById('fire-beacon').click()");

            Map<String, Object> shown = shownEvent(tab, "hostile-" + run);
            assertThat(object(shown.get("attributes"))).containsEntry("image", image)
                    .containsEntry("script", script);
            assertThat(tab.evaluate("document.querySelectorAll('main img, main script').length")).isEqualTo(0);
            assertThat(tab.evaluate("typeof window.pwned")).isEqualTo("undefined");
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static ChromiumTab openPage(Path profile) throws Exception {
        ChromiumTab tab = ChromiumTab.open(pipeline.baseUrl().resolve("/"), profile);
        // The first feed has arrived: the page knows whether it can sign.
        tab.await("the first feed", "document.getElementById('live-text').textContent.startsWith('live')");
        return tab;
    }

    /** Types the value into the field as a person would: the field changes, then its input event fires. */
    private static void type(ChromiumTab tab, String field, String value) {
        tab.evaluate("""
                (() => { const field = document.getElementById(%s); field.value = %s;
                         field.dispatchEvent(new Event('input', {bubbles: true})); })()"""
                .formatted(literal(field), literal(value)));
    }

    private static void sign(ChromiumTab tab) {
        tab.evaluate("document.getElementById('sign').click()");
        tab.await("the signature from the local server", "document.getElementById('signature').value !== ''");
    }

    private static Map<String, Object> shownEvent(ChromiumTab tab, String eventId) {
        String script = SHOWN_EVENT.replace("EVENT_ID", literal(eventId));
        tab.await("event " + eventId + " in the recorded panel", script + " !== null");
        return object(tab.evaluate(script));
    }

    /** @return a JSON object the page's script returned */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String text(ChromiumTab tab, String element) {
        return (String) tab.evaluate("document.getElementById(" + literal(element) + ").textContent");
    }

    /** @return the decoded URL of the one hit the page sent with this event id */
    private static String sentHit(ChromiumTab tab, String eventId) {
        List<String> hits = tab.requestedUrls().stream().filter(url -> url.contains("/events?"))
                .map(url -> URLDecoder.decode(url, StandardCharsets.UTF_8))
                .filter(url -> url.contains("event_id=" + eventId + "&")).toList();
        assertThat(hits).as("the page's requests with event_id %s", eventId).hasSize(1);
        return hits.get(0);
    }

    /** @return how often the tab requested the page itself since it loaded */
    private static long documentRequests(ChromiumTab tab) {
        String page = pipeline.baseUrl().resolve("/").toString();
        return tab.requestedUrls().stream().filter(page::equals).count();
    }
}
