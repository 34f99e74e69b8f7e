package io.github.pinpointgtm.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the connector's allowed origins: each is exactly what a browser sends in its {@code Origin} header,
 * {@code scheme://host[:port]} (http or https, lowercase host, no path, no trailing slash), or the single entry
 * {@code *} for any origin.
 */
public final class AllowedOrigins {

    /** The wildcard entry: any origin. */
    public static final String ANY = "*";

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://(" + LABEL + "(?:\\." + LABEL + ")*)(?::([0-9]{1,5}))?");

    private AllowedOrigins() {
    }

    /**
     * @param origins the configured origins
     * @return an immutable copy of {@code origins}
     * @throws IllegalArgumentException naming {@code allowedOrigins} and the offending entry
     */
    public static List<String> validate(List<String> origins) {
        if (origins == null || origins.isEmpty()) {
            throw new IllegalArgumentException("allowedOrigins is required: list the origins (scheme://host[:port]) "
                    + "of the sites that send hits, or List.of(\"*\") to allow any origin explicitly");
        }
        if (origins.contains(ANY)) {
            if (origins.size() != 1) {
                throw new IllegalArgumentException("allowedOrigins: \"*\" must be the only entry, got " + origins);
            }
            return List.of(ANY);
        }
        Set<String> seen = new HashSet<>();
        for (String origin : origins) {
            checkOrigin(origin);
            if (!seen.add(origin)) {
                throw new IllegalArgumentException("allowedOrigins: duplicate entry '" + origin + "'");
            }
        }
        return List.copyOf(origins);
    }

    private static void checkOrigin(String origin) {
        if (origin == null) {
            throw new IllegalArgumentException("allowedOrigins: entries must not be null");
        }
        Matcher matcher = ORIGIN.matcher(origin);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not an origin of the form "
                    + "scheme://host[:port] (http or https, lowercase host, no path and no trailing slash)");
        }
        String port = matcher.group(3);
        if (port != null) {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535 || port.startsWith("0")) {
                throw new IllegalArgumentException("allowedOrigins: '" + origin + "' has an invalid port");
            }
            boolean defaultPort = ("https".equals(matcher.group(1)) && number == 443)
                    || ("http".equals(matcher.group(1)) && number == 80);
            if (defaultPort) {
                // Browsers omit the default port from Origin, so this entry could never match.
                throw new IllegalArgumentException("allowedOrigins: '" + origin
                        + "' names the scheme's default port, which browsers never send; remove \":" + port + "\"");
            }
        }
    }
}
