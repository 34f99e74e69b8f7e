package io.github.pinpointgtm.examples.gtm;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of a URL as API Gateway hands them to a mapping template: each {@code name=value} pair
 * percent-decoded once (UTF-8), one value per name, the last one for a repeated name (in its first position).
 */
final class ApiGatewayQueryString {

    private ApiGatewayQueryString() {
    }

    static Map<String, String> of(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        if (query.contains("+")) {
            // Browsers send '+' as is and API Gateway's reading of it (space or plus) is not what this tests:
            // encodeURIComponent never writes one.
            throw new AssertionError("the query contains a raw '+': " + query);
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(decode(name), decode(value));
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
