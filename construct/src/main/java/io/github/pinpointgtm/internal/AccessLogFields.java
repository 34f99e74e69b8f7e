package io.github.pinpointgtm.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stage's JSON access log line. No query string ({@code $context.path} has none) and no user agent; the
 * client IP only when the deployment opted into processing it ({@code includeSourceIp}): both are personal data.
 */
public final class AccessLogFields {

    private AccessLogFields() {
    }

    /**
     * @param includeSourceIp whether the line carries the client IP
     * @return the access log format: one JSON object of {@code $context} values
     */
    public static String json(boolean includeSourceIp) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("httpMethod", "$context.httpMethod");
        fields.put("resourcePath", "$context.resourcePath");
        fields.put("status", "$context.status");
        fields.put("responseLength", "$context.responseLength");
        fields.put("responseLatency", "$context.responseLatency");
        fields.put("integrationStatus", "$context.integration.status");
        fields.put("integrationLatency", "$context.integration.latency");
        fields.put("errorResponseType", "$context.error.responseType");
        fields.put("authorizerError", "$context.authorizer.error");
        fields.put("wafStatus", "$context.waf.status");
        if (includeSourceIp) {
            fields.put("ip", "$context.identity.sourceIp");
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() == 1 ? "" : ",")
                .append('"').append(name).append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }
}
