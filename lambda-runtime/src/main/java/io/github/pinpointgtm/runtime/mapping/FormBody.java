package io.github.pinpointgtm.runtime.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an {@code application/x-www-form-urlencoded} body, what {@code navigator.sendBeacon(url, new
 * URLSearchParams(...))} and HTML forms send: {@code name=value} fields joined by {@code &}, {@code +} for a space,
 * {@code %XX} for a byte, the bytes UTF-8.
 *
 * <p>As browsers parse it: empty fields ({@code a=1&&b=2}) are skipped, a field without {@code =} is a name with an
 * empty value, a repeated name keeps its first value (as {@code URLSearchParams.get} and {@code page_url}'s query
 * parameters do), and bytes that are not UTF-8 become U+FFFD (as API Gateway does
 * for query strings). Unlike browsers, a {@code %} not followed by two hex digits makes the body malformed: no
 * browser sends one, so the hit is kept in the rejected queue rather than guessed at.
 */
final class FormBody {
    /** The media type, compared case-insensitively and without parameters such as {@code charset}. */
    static final String MEDIA_TYPE = "application/x-www-form-urlencoded";

    private FormBody() {
    }

    /**
     * @param contentType a request's {@code Content-Type} header, or empty
     * @return whether its media type is {@value #MEDIA_TYPE}
     */
    static boolean isForm(String contentType) {
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
    }

    /**
     * Puts each field of {@code body} into {@code parameters}, replacing a value of the same name from elsewhere (the
     * query); of fields repeated in the body, the first counts. Every field is decoded, so a malformed escape in a
     * repeated field still makes the body malformed.
     *
     * @param body       the raw body
     * @param parameters the hit's parameters so far
     * @throws MalformedBodyException if a field holds a malformed {@code %} escape (the detail names the field's
     *                                position, never its content)
     */
    static void read(String body, Map<String, String> parameters) throws MalformedBodyException {
        int field = 0;
        int start = 0;
        Set<String> read = new HashSet<>();
        while (start <= body.length()) {
            int end = body.indexOf('&', start);
            if (end < 0) {
                end = body.length();
            }
            if (end > start) {
                field++;
                int equals = body.indexOf('=', start);
                int nameEnd = equals < 0 || equals > end ? end : equals;
                String name = decode(body, start, nameEnd, field);
                String value = nameEnd == end ? "" : decode(body, nameEnd + 1, end, field);
                if (read.add(name)) {
                    parameters.put(name, value);
                }
            }
            start = end + 1;
        }
    }

    private static String decode(String body, int from, int to, int field) throws MalformedBodyException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = body.charAt(i);
            if (c == '+') {
                bytes.write(' ');
                i++;
            } else if (c == '%') {
                int high = i + 2 < to ? hex(body.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(body.charAt(i + 2));
                if (low < 0) {
                    throw new MalformedBodyException("form field " + field + " of the body holds a '%' that is not "
                            + "followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int next = Character.isHighSurrogate(c) && i + 1 < to ? i + 2 : i + 1;
                bytes.writeBytes(body.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : -1;
    }
}
