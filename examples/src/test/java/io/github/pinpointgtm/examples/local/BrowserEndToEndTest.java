package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium loads pages that fire hits exactly like a GTM Custom Image tag ({@code new Image()} with the
 * {@code gtmcb} cache buster) and like {@code navigator.sendBeacon}; the hits must arrive with the right fields, the
 * image's {@code onload} must fire (a real GIF came back), and a hit from a page on a non-allowed origin (another
 * port) must not be recorded. Skipped when Chromium is absent, except with {@code CI=true} ({@link HeadlessChromium}).
 */
class BrowserEndToEndTest {

    private static LocalPipeline pipeline;
    private static TestSite allowedSite;
    private static TestSite foreignSite;

    @BeforeAll
    static void start() throws IOException {
        if (!HeadlessChromium.isAvailable()) {
            return;
        }
        allowedSite = TestSite.start();
        foreignSite = TestSite.start();
        pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withExtraAllowedOrigins(List.of(allowedSite.origin())));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (allowedSite != null) {
            allowedSite.close();
        }
        if (foreignSite != null) {
            foreignSite.close();
        }
    }

    @Test
    void pixelAndBeaconHitsFromAnAllowedPageArriveAndAForeignPageDoesNot(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, HeadlessChromium.SKIPPED);
        String run = UUID.randomUUID().toString().substring(0, 8);
        allowedSite.serve(page(run, true));
        foreignSite.serve(page(run, false));

        String allowedDom = pageLog(HeadlessChromium.dumpDom(allowedSite.origin() + "/", profile.resolve("allowed")));
        assertThat(allowedDom).as("the page after the hits").contains("pixel:onload:1x1").doesNotContain("pixel:onerror");
        assertThat(allowedDom).contains("beacon:queued");
        String foreignDom = pageLog(HeadlessChromium.dumpDom(foreignSite.origin() + "/",
                profile.resolve("foreign")));
        assertThat(foreignDom).contains("pixel:onload");

        SharedPipeline.await("the pixel and the beacon", Duration.ofSeconds(40), () -> events(run).size() >= 2);
        SharedPipeline.await("the foreign hit in the rejected queue", Duration.ofSeconds(40), () -> pipeline
                .rejectedHits().stream().anyMatch(letter -> letter.body().contains("foreign-" + run)));
        List<RecordedEvent> events = events(run);
        assertThat(events).extracting(RecordedEvent::endpointId)
                .containsExactlyInAnyOrder("pixel-" + run, "beacon-" + run);
        RecordedEvent pixel = events.stream()
                .filter(event -> event.endpointId().equals("pixel-" + run)).findFirst().orElseThrow();
        assertThat(pixel.eventType()).isEqualTo("page_view");
        assertThat(pixel.attributes()).containsEntry("page", "/checkout?step=2").doesNotContainKey("gtmcb");
        assertThat(pixel.metrics()).containsEntry("price", 42.5);
        RecordedEvent beacon = events.stream()
                .filter(event -> event.endpointId().equals("beacon-" + run)).findFirst().orElseThrow();
        assertThat(beacon.eventType()).isEqualTo("purchase");
        assertThat(beacon.attributes()).containsEntry("currency", "EUR");
        assertThat(pipeline.rejectedHits()).filteredOn(letter -> letter.body().contains("foreign-" + run))
                .extracting(SideQueueLog.Letter::reason).containsOnly("origin-not-allowed");
        assertThat(pipeline.deadLetters()).noneMatch(letter -> letter.body().contains("-" + run));
        assertThat(pipeline.recordedEvents()).extracting(RecordedEvent::endpointId)
                .doesNotContain("foreign-" + run);
    }

    private static List<RecordedEvent> events(String run) {
        return pipeline.recordedEvents().stream()
                .filter(event -> event.endpointId().endsWith("-" + run)).toList();
    }

    /** A page that fires what a GTM container would and writes the outcome into the DOM. */
    private static String page(String run, boolean allowed) {
        String events = pipeline.eventsUrl().toString();
        String pixelEndpoint = (allowed ? "pixel-" : "foreign-") + run;
        String beacon = allowed ? """
                var sent = navigator.sendBeacon('%s', JSON.stringify({event: 'purchase', endpoint_id: 'beacon-%s',
                    evat_currency: 'EUR'}));
                log('beacon:' + (sent ? 'queued' : 'refused'));
                """.formatted(events, run) : "";
        return """
                <!DOCTYPE html><html><head><title>hits</title></head><body><pre id="log"></pre><script>
                function log(text) { document.getElementById('log').textContent += text + '\\n'; }
                var img = new Image();
                img.onload = function () { log('pixel:onload:' + img.naturalWidth + 'x' + img.naturalHeight); };
                img.onerror = function () { log('pixel:onerror'); };
                img.src = '%s?event=page_view&endpoint_id=%s&evat_page=' + encodeURIComponent('/checkout?step=2')
                    + '&evmt_price=42.5&gtmcb=' + Math.floor(Math.random() * 1e12);
                %s
                </script></body></html>
                """.formatted(events, pixelEndpoint, beacon);
    }

    /** The text the page's script logged (the script itself is in the DOM too). */
    private static String pageLog(String dom) {
        return HeadlessChromium.elementContent(dom, "<pre id=\"log\">", "</pre>");
    }
}
