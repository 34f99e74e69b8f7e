package io.github.pinpointgtm.runtime.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A web origin, {@code scheme://host[:port]}, normalised so that equal origins compare equal: scheme and host in
 * lower case, the scheme's default port removed ({@code https://a.com:443} is {@code https://a.com}).
 */
public final class WebOrigin {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

    private final String scheme;
    private final String host;
    private final int port;
    private final String text;

    private WebOrigin(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.text = scheme + "://" + host + (port == -1 ? "" : ":" + port);
    }

    /**
     * Parses an origin as a browser sends it in the {@code Origin} header, or as a deployment configures it.
     *
     * @param origin exactly {@code scheme://host[:port]}: no path, query, fragment, user info or trailing slash
     * @return the normalised origin
     * @throws IllegalArgumentException if {@code origin} is not of that form
     */
    public static WebOrigin parse(String origin) {
        URI uri = toUri(origin);
        if (uri.isOpaque() || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("not an origin of the form scheme://host[:port]: '" + origin + "'");
        }
        return fromUri(uri, origin);
    }

    /**
     * The origin of a URL, as browsers derive it from the {@code Referer} header.
     *
     * @param url an absolute URL such as {@code https://www.example.com/checkout?step=2}
     * @return its origin, or empty if {@code url} is not an absolute hierarchical URL with a host
     */
    public static Optional<WebOrigin> ofUrl(String url) {
        try {
            return Optional.of(fromUri(toUri(url), url));
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    private static URI toUri(String text) {
        Objects.requireNonNull(text, "origin");
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an origin of the form scheme://host[:port]: '" + text + "'", e);
        }
    }

    private static WebOrigin fromUri(URI uri, String original) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        // getHost() is null for registry-based authorities (e.g. "host_name" or an unbracketed IPv6 address).
        if (scheme == null || !SCHEME.matcher(scheme).matches() || uri.isOpaque() || uri.getHost() == null) {
            throw new IllegalArgumentException("not an origin of the form scheme://host[:port]: '" + original + "'");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return new WebOrigin(scheme, host, port);
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return 80;
            case "https":
            case "wss":
                return 443;
            default:
                return -2; // never a port number
        }
    }

    /** @return the scheme, in lower case */
    public String scheme() {
        return scheme;
    }

    /** @return the host, in lower case (IPv6 addresses keep their brackets) */
    public String host() {
        return host;
    }

    /** @return the explicit port, or -1 when it is absent or the scheme's default */
    public int port() {
        return port;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebOrigin && ((WebOrigin) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** @return the normalised {@code scheme://host[:port]} */
    @Override
    public String toString() {
        return text;
    }
}
