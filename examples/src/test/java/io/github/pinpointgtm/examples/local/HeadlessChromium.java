package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the browser tests, without WebDriver: {@code --dump-dom} with a virtual time budget runs a
 * page's scripts and prints the resulting DOM, where the page wrote what happened; {@link ChromiumTab} drives a page
 * over the DevTools protocol when a test must act on it. The binary is {@code /usr/bin/chromium} or
 * {@code CHROMIUM_BINARY}; a test skips when it is absent, except with {@code CI=true}.
 */
final class HeadlessChromium {

    private static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium"));
    /** Why a browser test was skipped, with the install command. */
    static final String SKIPPED = "Chromium not found at " + BINARY
            + ": install it with `apt-get install chromium chromium-driver` to run the browser test";

    private HeadlessChromium() {
    }

    /** The User-Agent the tests' browser sends: a desktop Chrome's. */
    static final String PERSONS_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    /**
     * @return whether Chromium is installed (prints {@link #SKIPPED} when it is not)
     * @throws AssertionError when it is missing and {@code CI=true}: CI must not skip the browser tests
     */
    static boolean isAvailable() {
        boolean present = Files.isExecutable(BINARY);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but Chromium is missing at " + BINARY
                    + ": install it with apt-get install chromium chromium-driver");
        }
        if (!present) {
            System.err.println(SKIPPED);
        }
        return present;
    }

    /**
     * Loads the page, runs its scripts for five seconds of virtual time (network waits do not count) and returns the
     * DOM.
     *
     * @param profile an empty directory for the browser's profile
     */
    static String dumpDom(String url, Path profile) throws Exception {
        Process chromium = new ProcessBuilder(command(profile, "--virtual-time-budget=5000", "--dump-dom", url))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 60 s");
        }
        return new String(dom, StandardCharsets.UTF_8);
    }

    /**
     * @param profile an empty directory for the browser's profile (created if missing)
     * @param options what to do, after the options every run shares
     * @return the command line starting headless Chromium
     */
    static List<String> command(Path profile, String... options) throws IOException {
        Files.createDirectories(profile);
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile,
                // It stands in for a person's browser: under its own HeadlessChrome header the processor refuses its
                // hits as a bot's.
                "--user-agent=" + PERSONS_BROWSER));
        command.addAll(List.of(options));
        return command;
    }

    /**
     * The content of the first element that starts with {@code startTag}, up to the next {@code endTag}.
     *
     * @param startTag e.g. {@code <pre id="log">}, exactly as Chromium serializes it
     * @param endTag   e.g. {@code </pre>}
     */
    static String elementContent(String dom, String startTag, String endTag) {
        int start = dom.indexOf(startTag);
        assertThat(start).as("%s in the DOM Chromium dumped: %s", startTag, dom).isNotNegative();
        int end = dom.indexOf(endTag, start + startTag.length());
        assertThat(end).as("%s after %s in the DOM Chromium dumped: %s", endTag, startTag, dom).isNotNegative();
        return dom.substring(start + startTag.length(), end);
    }
}
