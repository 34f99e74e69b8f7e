package io.github.pinpointgtm.examples.local.gateway;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** API Gateway's {@code $util} ({@code parseJson} is not provided: the connector's templates never use it). */
public final class TemplateUtil {

    TemplateUtil() {
    }

    /** Form-URL-encodes in UTF-8 (space as {@code +}). */
    public String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public String urlDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public String base64Encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** Apache Commons Lang 2's {@code escapeJavaScript}, as API Gateway does it ({@code '} becomes {@code \'}). */
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
