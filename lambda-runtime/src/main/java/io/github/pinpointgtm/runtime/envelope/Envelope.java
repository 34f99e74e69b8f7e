package io.github.pinpointgtm.runtime.envelope;

import java.util.List;
import java.util.Objects;

/**
 * One queued hit as API Gateway's request template wrote it (see {@code docs/envelope.md}), with every
 * string already decoded back to exactly what API Gateway received.
 *
 * @param version          the envelope format version
 * @param requestId        API Gateway's request id
 * @param requestTimeEpoch API Gateway's request time, epoch milliseconds
 * @param httpMethod       {@code GET} or {@code POST}
 * @param query            the query parameters, one per name, in the order API Gateway listed them
 * @param body             the raw POST body, or empty
 * @param contentType      the request's Content-Type, or empty
 * @param userAgent        the User-Agent, or empty
 * @param origin           the Origin header, or empty
 * @param referer          the Referer header, or empty
 * @param sourceIp         the client IP when the deployment opted in, or empty
 * @param identity         the authenticated identity, or empty when unauthenticated
 * @param identitySource   where {@code identity} came from (e.g. {@code lambda:principalId}), or empty
 */
public record Envelope(
        int version,
        String requestId,
        long requestTimeEpoch,
        String httpMethod,
        List<QueryParameter> query,
        String body,
        String contentType,
        String userAgent,
        String origin,
        String referer,
        String sourceIp,
        String identity,
        String identitySource) {

    /** The only version this processor reads. */
    public static final int CURRENT_VERSION = 1;

    /**
     * Creates an envelope; null optional strings are stored as empty.
     *
     * @param version          the envelope format version
     * @param requestId        API Gateway's request id
     * @param requestTimeEpoch API Gateway's request time, epoch milliseconds
     * @param httpMethod       {@code GET} or {@code POST}
     * @param query            the query parameters, one per name, in the order API Gateway listed them
     * @param body             the raw POST body, or empty
     * @param contentType      the request's Content-Type, or empty
     * @param userAgent        the User-Agent, or empty
     * @param origin           the Origin header, or empty
     * @param referer          the Referer header, or empty
     * @param sourceIp         the client IP when the deployment opted in, or empty
     * @param identity         the authenticated identity, or empty when unauthenticated
     * @param identitySource   where {@code identity} came from (e.g. {@code lambda:principalId}), or empty
     * @throws NullPointerException when {@code requestId}, {@code httpMethod} or {@code query} is null
     */
    public Envelope {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(httpMethod, "httpMethod");
        query = List.copyOf(query);
        body = Objects.requireNonNullElse(body, "");
        contentType = Objects.requireNonNullElse(contentType, "");
        userAgent = Objects.requireNonNullElse(userAgent, "");
        origin = Objects.requireNonNullElse(origin, "");
        referer = Objects.requireNonNullElse(referer, "");
        sourceIp = Objects.requireNonNullElse(sourceIp, "");
        identity = Objects.requireNonNullElse(identity, "");
        identitySource = Objects.requireNonNullElse(identitySource, "");
    }

    /**
     * One query parameter: a name and its value, both exactly as received.
     *
     * @param name  the parameter's name
     * @param value the parameter's value
     */
    public record QueryParameter(String name, String value) {
        /**
         * Creates a parameter.
         *
         * @param name  the parameter's name
         * @param value the parameter's value
         * @throws NullPointerException when {@code name} or {@code value} is null
         */
        public QueryParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
