package io.github.pinpointgtm.runtime.enrichment;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The parts of a hit's {@code page_url} the processor records: the host, the path and the
 * {@linkplain CampaignParameter campaign parameters}. Read in one pass over the text, without {@code java.net.URI}
 * (which refuses characters browsers leave unencoded in query strings) and without regular expressions.
 *
 * <p>Rules:
 * <ul>
 *   <li>The URL must start with {@code http://} or {@code https://} (any case) and have a host made of ASCII
 *       letters, digits, {@code -}, {@code .} and {@code _}, or a bracketed IPv6 address, and an optional numeric
 *       port; anything else (a backslash in the authority included, which browsers read as a path separator) is not a
 *       page URL ({@link #parse} is empty).</li>
 *   <li>{@link #host()}: lower case, without user information and port.</li>
 *   <li>{@link #path()}: as sent (still percent-encoded, as {@code location.pathname} gives it), {@code /} when
 *       empty. The query string and the fragment are never part of it.</li>
 *   <li>Campaign parameters come from the query string only (never the fragment). Names are matched exactly
 *       (case-sensitive) after decoding; values are decoded as {@code URLSearchParams} does: {@code +} is a space,
 *       {@code %XX} sequences are UTF-8 bytes (invalid UTF-8 becomes U+FFFD), a {@code %} not followed by two hex
 *       digits stays as it is. The first occurrence of a name counts; an empty value is absent.</li>
 * </ul>
 * Immutable.
 */
public final class PageUrl {
    private final String host;
    private final String path;
    private final String[] campaignValues;

    private PageUrl(String host, String path, String[] campaignValues) {
        this.host = host;
        this.path = path;
        this.campaignValues = campaignValues;
    }

    /**
     * @param url the {@code page_url} parameter
     * @return its parts, or empty when it is not an absolute http(s) URL with a valid host
     */
    public static Optional<PageUrl> parse(String url) {
        int authorityStart;
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            authorityStart = 8;
        } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
            authorityStart = 7;
        } else {
            return Optional.empty();
        }
        int length = url.length();
        int authorityEnd = authorityStart;
        while (authorityEnd < length && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            if (url.charAt(authorityEnd) == '\\') {
                // Browsers read it as a path separator, so what follows an @ after it is not the host.
                return Optional.empty();
            }
            authorityEnd++;
        }
        int userInfoEnd = indexOf(url, '@', authorityStart, authorityEnd, true);
        String host = host(url, userInfoEnd < 0 ? authorityStart : userInfoEnd + 1, authorityEnd);
        if (host == null) {
            return Optional.empty();
        }
        int pathEnd = authorityEnd;
        while (pathEnd < length && url.charAt(pathEnd) != '?' && url.charAt(pathEnd) != '#') {
            pathEnd++;
        }
        String path = pathEnd == authorityEnd ? "/" : url.substring(authorityEnd, pathEnd);
        String[] values = new String[CampaignParameter.all().length];
        if (pathEnd < length && url.charAt(pathEnd) == '?') {
            int queryEnd = url.indexOf('#', pathEnd + 1);
            readQuery(url, pathEnd + 1, queryEnd < 0 ? length : queryEnd, values);
        }
        return Optional.of(new PageUrl(host, path, values));
    }

    /** @return the host in lower case, without user information and port */
    public String host() {
        return host;
    }

    /** @return the path as sent, {@code /} when the URL has none */
    public String path() {
        return path;
    }

    /**
     * @param parameter a campaign parameter
     * @return its decoded value, or {@code null} when the query string has none or an empty one
     */
    public String campaignValue(CampaignParameter parameter) {
        return campaignValues[parameter.ordinal()];
    }

    /** The host between {@code start} (after any user information) and {@code end}, lower case, or null if invalid. */
    private static String host(String url, int start, int end) {
        int hostEnd = end;
        if (start < end && url.charAt(start) == '[') {
            int close = url.indexOf(']', start);
            if (close < 0 || close >= end) {
                return null;
            }
            for (int i = start + 1; i < close; i++) {
                char c = url.charAt(i);
                if (!(isHexDigit(c) || c == ':' || c == '.')) {
                    return null;
                }
            }
            hostEnd = close + 1;
            if (hostEnd < end && (url.charAt(hostEnd) != ':' || !digits(url, hostEnd + 1, end))) {
                return null;
            }
        } else {
            int colon = indexOf(url, ':', start, end, true);
            if (colon >= 0) {
                if (!digits(url, colon + 1, end)) {
                    return null;
                }
                hostEnd = colon;
            }
            for (int i = start; i < hostEnd; i++) {
                char c = url.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_')) {
                    return null;
                }
            }
        }
        if (hostEnd <= start) {
            return null;
        }
        return lowerAscii(url.substring(start, hostEnd));
    }

    private static void readQuery(String url, int start, int end, String[] values) {
        boolean[] seen = new boolean[values.length];
        int pairStart = start;
        while (pairStart <= end) {
            int pairEnd = indexOf(url, '&', pairStart, end, false);
            if (pairEnd < 0) {
                pairEnd = end;
            }
            int equals = indexOf(url, '=', pairStart, pairEnd, false);
            int nameEnd = equals < 0 ? pairEnd : equals;
            CampaignParameter parameter = CampaignParameter.named(url, pairStart, nameEnd);
            if (parameter == null && needsDecoding(url, pairStart, nameEnd)) {
                String name = decode(url, pairStart, nameEnd);
                parameter = CampaignParameter.named(name, 0, name.length());
            }
            if (parameter != null && !seen[parameter.ordinal()]) {
                seen[parameter.ordinal()] = true;
                String value = nameEnd < pairEnd ? decode(url, nameEnd + 1, pairEnd) : "";
                values[parameter.ordinal()] = value.isEmpty() ? null : value;
            }
            pairStart = pairEnd + 1;
        }
    }

    private static boolean needsDecoding(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /** {@code application/x-www-form-urlencoded} decoding, lenient as {@code URLSearchParams}. */
    static String decode(String text, int start, int end) {
        if (!needsDecoding(text, start, end)) {
            return text.substring(start, end);
        }
        StringBuilder decoded = new StringBuilder(end - start);
        byte[] bytes = null;
        int byteCount = 0;
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < end && isHexDigit(text.charAt(i + 1)) && isHexDigit(text.charAt(i + 2))) {
                if (bytes == null) {
                    bytes = new byte[(end - i) / 3 + 1];
                }
                bytes[byteCount++] = (byte) ((hexValue(text.charAt(i + 1)) << 4) | hexValue(text.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (byteCount > 0) {
                decoded.append(new String(bytes, 0, byteCount, StandardCharsets.UTF_8));
                byteCount = 0;
            }
            decoded.append(c == '+' ? ' ' : c);
            i++;
        }
        if (byteCount > 0) {
            decoded.append(new String(bytes, 0, byteCount, StandardCharsets.UTF_8));
        }
        return decoded.toString();
    }

    /** The first (or last) index of {@code c} in {@code [start, end)}, or -1. */
    private static int indexOf(String text, char c, int start, int end, boolean last) {
        if (last) {
            for (int i = end - 1; i >= start; i--) {
                if (text.charAt(i) == c) {
                    return i;
                }
            }
        } else {
            for (int i = start; i < end; i++) {
                if (text.charAt(i) == c) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean digits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexValue(char c) {
        return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    private static String lowerAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }
}
