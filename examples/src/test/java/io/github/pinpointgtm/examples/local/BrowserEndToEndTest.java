package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium loads pages that fire hits exactly like a GTM Custom Image tag ({@code new Image()} with the
 * {@code gtmcb} cache buster) and like {@code navigator.sendBeacon}; the hits must arrive with the right fields, the
 * image's {@code onload} must fire (a real GIF came back), and a hit from a page on a non-allowed origin (another
 * port) must not be recorded.
 *
 * <p>No WebDriver: Chromium's {@code --dump-dom} with a virtual time budget runs the page's scripts and prints the
 * resulting DOM, where the page wrote what happened. Skipped when Chromium is absent, except with {@code CI=true}.
 */
class BrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    private static final String SKIPPED = "Chromium not found at " + CHROMIUM
            + ": install it with `apt-get install chromium chromium-driver` to run the browser test";
    private static LocalPipeline pipeline;
    private static HttpServer allowedSite;
    private static HttpServer foreignSite;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but Chromium is missing at " + CHROMIUM
                    + ": install it with apt-get install chromium chromium-driver");
        }
        if (!present) {
            System.err.println(SKIPPED);
            return;
        }
        allowedSite = site();
        foreignSite = site();
        pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withExtraAllowedOrigins(List.of(origin(allowedSite))));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (allowedSite != null) {
            allowedSite.stop(0);
        }
        if (foreignSite != null) {
            foreignSite.stop(0);
        }
    }

    @Test
    void pixelAndBeaconHitsFromAnAllowedPageArriveAndAForeignPageDoesNot(@TempDir Path profile) throws Exception {
        assumeTrue(pipeline != null, SKIPPED);
        String run = UUID.randomUUID().toString().substring(0, 8);
        serve(allowedSite, page(run, true));
        serve(foreignSite, page(run, false));

        String allowedDom = pageLog(dumpDom(origin(allowedSite) + "/", profile.resolve("allowed")));
        assertThat(allowedDom).as("the page after the hits").contains("pixel:onload:1x1").doesNotContain("pixel:onerror");
        assertThat(allowedDom).contains("beacon:queued");
        String foreignDom = pageLog(dumpDom(origin(foreignSite) + "/", profile.resolve("foreign")));
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
        int start = dom.indexOf("<pre id=\"log\">");
        int end = dom.indexOf("</pre>", Math.max(start, 0));
        assertThat(start).as("the page's log in the DOM Chromium dumped: " + dom).isNotNegative();
        return dom.substring(start, end);
    }

    private static String dumpDom(String url, Path profile) throws Exception {
        Files.createDirectories(profile);
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s");
        }
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static HttpServer site() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        return server;
    }

    private static void serve(HttpServer server, String html) {
        server.createContext("/", exchange -> {
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
