package io.github.pinpointgtm.testkit.vtl;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** API Gateway's {@code $util} for a mapping template ({@code parseJson} is not provided). */
public final class ApiGatewayUtil {

    /** The {@code $util} of one rendering. */
    public ApiGatewayUtil() {
    }

    /** Form-URL-encodes in UTF-8 (space as {@code +}), as {@link URLEncoder} does. */
    public String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public String urlDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Base64 of the UTF-8 bytes. */
    public String base64Encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /**
     * JavaScript string escaping as API Gateway does it (Apache Commons Lang 2's {@code escapeJavaScript}): {@code '}
     * becomes {@code \'}, which is why JSON must never be built with it.
     */
    public String escapeJavaScript(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\'' -> escaped.append("\\'");
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '/' -> escaped.append("\\/");
                case '\b' -> escaped.append("\\b");
                case '\n' -> escaped.append("\\n");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                case '\r' -> escaped.append("\\r");
                default -> {
                    if (ch < 0x20 || ch > 0x7f) {
                        escaped.append("\\u").append(String.format(Locale.ROOT, "%04X", (int) ch));
                    } else {
                        escaped.append(ch);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
