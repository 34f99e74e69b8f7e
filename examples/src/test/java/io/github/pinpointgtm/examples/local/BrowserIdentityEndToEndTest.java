package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.SharedPipeline.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified identity seen from a real browser: the local pipeline verifies {@code endpoint_sig} with a fixed key, and
 * headless Chromium on an allowed site fires GTM Custom Image hits whose signatures the site's backend computed with
 * the Java snippet of {@code docs/identity.md}. The signed hit is recorded, a hit that reuses that signature for
 * another id is refused as {@code identity-unverified} into the rejected queue (never the dead-letter queue), an
 * unsigned id under the anonymous prefix passes, and the pipeline's own page lists the refusal apart from dead
 * letters. Skipped when Chromium is absent, except with {@code CI=true} ({@link HeadlessChromium}).
 */
class BrowserIdentityEndToEndTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(40);
    private static final String KEY = "browser-signing-key-7c41";
    private static final String ANONYMOUS_PREFIX = "anon-";
    private static LocalPipeline pipeline;
    private static TestSite site;

    @BeforeAll
    static void start() throws IOException {
        if (!HeadlessChromium.isAvailable()) {
            return;
        }
        site = TestSite.start();
        pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withExtraAllowedOrigins(List.of(site.origin()))
                .withIdentity(new LocalIdentity(KEY, ANONYMOUS_PREFIX)));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aSignedHitIsRecordedAndAForgedOneIsRejectedAsUnverified(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String signed = "customer-" + run;
        String forged = "victim-" + run;
        String anonymous = ANONYMOUS_PREFIX + run;
        String signature = JavaSigningSnippet.sign(KEY, signed);
        site.serve(page(List.of(
                new Hit("signed", signed, signature),
                new Hit("forged", forged, signature),
                new Hit("anonymous", anonymous, null))));

        String siteLog = HeadlessChromium.elementContent(
                HeadlessChromium.dumpDom(site.origin() + "/", profile.resolve("site")), "<pre id=\"log\">", "</pre>");
        // The pixel answers before the processor verifies anything: every hit gets its GIF.
        assertThat(siteLog).as("the site's page after the hits")
                .contains("signed:onload", "forged:onload", "anonymous:onload").doesNotContain("onerror");

        await("the signed and the anonymous hit's events", ARRIVAL,
                () -> recordedEndpointIds().containsAll(List.of(signed, anonymous)));
        await("the forged hit in the rejected queue", ARRIVAL,
                () -> pipeline.rejectedHits().stream().anyMatch(letter -> letter.body().contains(forged)));

        assertThat(pipeline.recordedEvents()).filteredOn(event -> event.endpointId().equals(signed))
                .singleElement().satisfies(event -> {
                    assertThat(event.eventType()).isEqualTo("purchase");
                    assertThat(event.attributes()).containsEntry("hit", "signed").doesNotContainKey("endpoint_sig");
                });
        assertThat(pipeline.recordedEvents()).filteredOn(event -> event.endpointId().equals(anonymous))
                .singleElement().satisfies(event -> assertThat(event.attributes()).containsEntry("hit", "anonymous"));
        assertThat(recordedEndpointIds()).doesNotContain(forged);
        List<SideQueueLog.Letter> forgedLetters = pipeline.rejectedHits().stream()
                .filter(letter -> letter.body().contains(forged)).toList();
        assertThat(forgedLetters).as("the forged hit's rejected letters").singleElement()
                .extracting(SideQueueLog.Letter::reason).isEqualTo("identity-unverified");
        SideQueueLog.Letter rejected = forgedLetters.get(0);
        assertThat(rejected.requestId()).isNotBlank();
        assertThat(pipeline.rejectedHits()).noneMatch(letter -> letter.body().contains(signed)
                || letter.body().contains(anonymous));
        assertThat(pipeline.deadLetters()).noneMatch(letter -> letter.body().contains(run));

        String pipelinePage = HeadlessChromium.dumpDom(pipeline.baseUrl() + "/", profile.resolve("pipeline"));
        assertThat(HeadlessChromium.elementContent(pipelinePage, "<tbody id=\"rejected\">", "</tbody>"))
                .as("the page's rejected hits")
                .contains("<td class=\"request-id mono\">" + rejected.requestId()
                        + "</td><td class=\"reason\">identity-unverified</td>");
        assertThat(HeadlessChromium.elementContent(pipelinePage, "<tbody id=\"dead\">", "</tbody>"))
                .as("the page's dead letters").doesNotContain(rejected.requestId());
        assertThat(HeadlessChromium.elementContent(pipelinePage, "<tbody id=\"events\">", "</tbody>"))
                .as("the page's recorded events")
                .contains("<td class=\"endpoint\">" + signed + "</td>", "<td class=\"endpoint\">" + anonymous + "</td>")
                .doesNotContain(forged);
    }

    private static List<String> recordedEndpointIds() {
        return pipeline.recordedEvents().stream().map(RecordedEvent::endpointId).toList();
    }

    /**
     * One GTM Custom Image hit.
     *
     * @param label      names the hit in the page's log and in its {@code evat_hit} attribute
     * @param signature  its {@code endpoint_sig}, or null for none
     */
    private record Hit(String label, String endpointId, String signature) {

        String query() {
            return "event=purchase&endpoint_id=" + endpointId
                    + (signature == null ? "" : "&endpoint_sig=" + signature) + "&evat_hit=" + label;
        }
    }

    /** A page that fires the hits as a GTM Custom Image tag would and logs each image's outcome into the DOM. */
    private static String page(List<Hit> hits) {
        String fires = hits.stream()
                .map(hit -> "fire('%s', '%s');".formatted(hit.label(), hit.query()))
                .collect(Collectors.joining("\n"));
        return """
                <!DOCTYPE html><html><head><title>signed hits</title></head><body><pre id="log"></pre><script>
                function log(text) { document.getElementById('log').textContent += text + '\\n'; }
                function fire(label, query) {
                  var img = new Image();
                  img.onload = function () { log(label + ':onload'); };
                  img.onerror = function () { log(label + ':onerror'); };
                  img.src = '%s?' + query + '&gtmcb=' + Math.floor(Math.random() * 1e12);
                }
                %s
                </script></body></html>
                """.formatted(pipeline.eventsUrl(), fires);
    }
}
