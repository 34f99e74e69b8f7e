package io.github.pinpointgtm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A corpus of real User-Agent headers (resources {@code user-agents/bots.txt} and {@code user-agents/humans.txt}, one
 * header a line, {@code #} comments): crawlers' and people's browsers', in-app browsers included.
 */
public final class UserAgents {

    private UserAgents() {
    }

    /** @return the crawlers' and HTTP libraries' headers, in file order */
    public static List<String> bots() {
        return corpus("user-agents/bots.txt");
    }

    /** @return the headers of people's browsers, in file order */
    public static List<String> humans() {
        return corpus("user-agents/humans.txt");
    }

    private static List<String> corpus(String resource) {
        try (InputStream in = UserAgents.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
