package io.github.pinpointgtm.testkit.vtl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway's {@code $input} for a mapping template.
 *
 * <p>Assumptions where API Gateway's documentation is silent: {@code params(name)} gives {@code ""} for a name that
 * is nowhere; {@code json(path)} supports only the root path {@code $} (the raw body), which is all the connector's
 * templates could use, and refuses other paths instead of guessing.
 */
public final class ApiGatewayInput {
    private final ApiGatewayRequest request;

    ApiGatewayInput(ApiGatewayRequest request) {
        this.request = request;
    }

    /** {@code $input.body}: the raw payload as a string. */
    public String getBody() {
        return request.body();
    }

    /** {@code $input.params()}: a map with {@code path}, {@code querystring} and {@code header}. */
    public Map<String, Map<String, String>> params() {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        params.put("path", request.pathParameters());
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

    /** {@code $input.json('$')}: the body as JSON text; other JSONPath expressions are not supported here. */
    public String json(String path) {
        if (!"$".equals(path)) {
            throw new IllegalArgumentException("the API Gateway stand-in supports only $input.json('$'), not '"
                    + path + "'");
        }
        return request.body();
    }
}
