package io.github.pinpointgtm.examples.local.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request as API Gateway hands it to a mapping template: the query parameters (one value per name, the last one
 * for a repeated name), the headers (one value per name), the raw body and the {@code $context} values.
 * Absent values stay absent, so a template reading them gets {@code null}, as on API Gateway.
 *
 * @param queryParameters  the decoded query parameters, in request order
 * @param headers          the headers, names as the client spelled them
 * @param body             the raw body, {@code ""} without one
 * @param requestId        {@code $context.requestId}
 * @param requestTimeEpoch {@code $context.requestTimeEpoch}
 * @param httpMethod       {@code $context.httpMethod}
 * @param sourceIp         {@code $context.identity.sourceIp}
 * @param userAgent        {@code $context.identity.userAgent}, or null
 */
public record GatewayRequest(Map<String, String> queryParameters, Map<String, String> headers, String body,
                             String requestId, long requestTimeEpoch, String httpMethod, String sourceIp,
                             String userAgent) {

    public GatewayRequest {
        queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(httpMethod, "httpMethod");
    }

    /** A fresh, mutable {@code $context}: templates write to {@code responseOverride}, renderings must not share it. */
    Map<String, Object> newContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("requestId", requestId);
        context.put("requestTimeEpoch", requestTimeEpoch);
        context.put("httpMethod", httpMethod);
        Map<String, Object> identity = new LinkedHashMap<>();
        if (sourceIp != null) {
            identity.put("sourceIp", sourceIp);
        }
        if (userAgent != null) {
            identity.put("userAgent", userAgent);
        }
        context.put("identity", identity);
        Map<String, Object> responseOverride = new LinkedHashMap<>();
        responseOverride.put("header", new LinkedHashMap<String, Object>());
        context.put("responseOverride", responseOverride);
        return context;
    }
}
