package io.github.pinpointgtm.testkit;

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
        return GoldenEnvelopes.read(UserAgents.class.getClassLoader(), resource).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
