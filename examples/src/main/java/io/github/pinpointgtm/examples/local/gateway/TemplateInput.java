package io.github.pinpointgtm.examples.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway's {@code $input}: {@code params(name)} gives {@code ""} for a name that is nowhere; {@code json(path)}
 * supports only the root path {@code $} and refuses others instead of guessing.
 */
public final class TemplateInput {
    private final GatewayRequest request;

    TemplateInput(GatewayRequest request) {
        this.request = request;
    }

    /** {@code $input.body}: the raw payload as a string. */
    public String getBody() {
        return request.body();
    }

    /** {@code $input.params()}: a map with {@code path}, {@code querystring} and {@code header}. */
    public Map<String, Map<String, String>> params() {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        params.put("path", Map.of());
        params.put("querystring", request.queryParameters());
        params.put("header", request.headers());
        return params;
    }

    /** {@code $input.params(name)}: the named parameter from the path, else the query string, else the headers. */
    public String params(String name) {
        for (Map<String, String> parameters : params().values()) {
            String value = parameters.get(name);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    /** {@code $input.json('$')}: the body as JSON text. */
    public String json(String path) {
        if (!"$".equals(path)) {
            throw new IllegalArgumentException("the local gateway supports only $input.json('$'), not '" + path + "'");
        }
        return request.body();
    }
}
