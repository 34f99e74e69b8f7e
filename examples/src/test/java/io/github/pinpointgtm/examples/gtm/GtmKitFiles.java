package io.github.pinpointgtm.examples.gtm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the GTM kit's files are, relative to the examples module (Maven runs tests there). */
final class GtmKitFiles {
    static final Path TEMPLATE = existing(Path.of("gtm", "pinpoint-gtm-connector.tpl"));
    static final Path CONTAINER = existing(Path.of("gtm", "pinpoint-gtm-connector-container.json"));
    static final Path SANDBOX_HARNESS = existing(Path.of("gtm", "test", "gtm-sandbox.js"));

    /** The events URL the kit's examples and the template's default send_pixel permission use. */
    static final String EXAMPLE_EVENTS_URL = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events";

    private GtmKitFiles() {
    }

    private static Path existing(Path path) {
        Path absolute = path.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException(absolute + " not found: run the tests from the examples module");
        }
        return absolute;
    }
}
