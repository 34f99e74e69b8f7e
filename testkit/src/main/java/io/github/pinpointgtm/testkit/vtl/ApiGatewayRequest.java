package io.github.pinpointgtm.testkit.vtl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request as API Gateway hands it to a mapping template: the method request's parameters, the body and the
 * {@code $context} values. Build it with {@link #builder()}; render a template against it with {@link ApiGatewayVtl}.
 *
 * <p>Absent values stay absent (no map entry), so a template reading them gets {@code null}, as on API Gateway
 * when a header, claim or context value is missing.
 */
public final class ApiGatewayRequest {
    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final Map<String, String> headers;
    private final String body;
    private final Map<String, Object> context;

    private ApiGatewayRequest(Builder builder) {
        this.pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.pathParameters));
        this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.queryParameters));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.body = builder.body;
        this.context = builder.context();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The path parameters, one value per name. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    /** The query parameters as API Gateway's map holds them: one value per name, the last one for a repeated name. */
    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    /** The headers, one value per name, names as the client spelled them. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The raw body; API Gateway gives {@code ""} for a request without one. */
    public String body() {
        return body;
    }

    /**
     * A fresh, mutable {@code $context} for one rendering: templates may write to {@code responseOverride}, and one
     * rendering must not see another's writes.
     */
    Map<String, Object> newContext() {
        return deepCopy(context);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key,
                value instanceof Map<?, ?> nested ? deepCopy((Map<String, Object>) nested) : value));
        return copy;
    }

    /** Builds a request; every setter replaces an earlier value of the same name. */
    public static final class Builder {
        private final Map<String, String> pathParameters = new LinkedHashMap<>();
        private final Map<String, String> queryParameters = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";
        private String requestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
        private Long requestTimeEpoch = 1_764_201_600_123L;
        private String httpMethod = "GET";
        private String sourceIp;
        private String userAgent;
        private final Map<String, Object> authorizer = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private final Map<String, Object> extraContext = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a query parameter. A repeated name keeps the last value in its first position, as API Gateway's
         * single-valued map does.
         */
        public Builder queryParameter(String name, String value) {
            return put(queryParameters, name, value);
        }

        /** Adds the query parameters in the map's iteration order. */
        public Builder queryParameters(Map<String, String> parameters) {
            parameters.forEach(this::queryParameter);
            return this;
        }

        public Builder pathParameter(String name, String value) {
            return put(pathParameters, name, value);
        }

        public Builder header(String name, String value) {
            return put(headers, name, value);
        }

        /**
         * {@code $input.body}: the request's body for a request template; for an integration response template, the
         * integration's answer (e.g. SQS's error document).
         */
        public Builder body(String body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /** {@code $context.requestId}; {@code null} leaves it unset. */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** {@code $context.requestTimeEpoch} (a number, as on API Gateway); {@code null} leaves it unset. */
        public Builder requestTimeEpoch(Long requestTimeEpoch) {
            this.requestTimeEpoch = requestTimeEpoch;
            return this;
        }

        /** {@code $context.httpMethod}; {@code null} leaves it unset. */
        public Builder httpMethod(String httpMethod) {
            this.httpMethod = httpMethod;
            return this;
        }

        /** {@code $context.identity.sourceIp}; unset by default. */
        public Builder sourceIp(String sourceIp) {
            this.sourceIp = sourceIp;
            return this;
        }

        /** {@code $context.identity.userAgent}; unset by default. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** {@code $context.authorizer.<name>}: {@code principalId} or a Lambda authorizer's context key. */
        public Builder authorizer(String name, Object value) {
            return put(authorizer, name, value);
        }

        /** {@code $context.authorizer.claims.<name>}: a Cognito user pool token's claim. */
        public Builder claim(String name, Object value) {
            return put(claims, name, value);
        }

        /** Any other top-level {@code $context} value, e.g. {@code stage} or {@code resourcePath}. */
        public Builder context(String name, Object value) {
            return put(extraContext, name, value);
        }

        private <V> Builder put(Map<String, V> values, String name, V value) {
            values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ApiGatewayRequest build() {
            return new ApiGatewayRequest(this);
        }

        private Map<String, Object> context() {
            Map<String, Object> context = new LinkedHashMap<>(extraContext);
            putIfSet(context, "requestId", requestId);
            putIfSet(context, "requestTimeEpoch", requestTimeEpoch);
            putIfSet(context, "httpMethod", httpMethod);
            Map<String, Object> identity = new LinkedHashMap<>();
            putIfSet(identity, "sourceIp", sourceIp);
            putIfSet(identity, "userAgent", userAgent);
            context.put("identity", identity);
            if (!authorizer.isEmpty() || !claims.isEmpty()) {
                Map<String, Object> authorizerContext = new LinkedHashMap<>(authorizer);
                if (!claims.isEmpty()) {
                    authorizerContext.put("claims", new LinkedHashMap<>(claims));
                }
                context.put("authorizer", authorizerContext);
            }
            Map<String, Object> responseOverride = new LinkedHashMap<>();
            responseOverride.put("header", new LinkedHashMap<String, Object>());
            context.put("responseOverride", responseOverride);
            return context;
        }

        private static void putIfSet(Map<String, Object> map, String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
        }
    }
}
