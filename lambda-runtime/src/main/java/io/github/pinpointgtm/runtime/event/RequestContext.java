package io.github.pinpointgtm.runtime.event;

import java.time.Instant;

/**
 * Facts about the HTTP request that carried a hit, as API Gateway saw them.
 *
 * @param requestTime    API Gateway's request time
 * @param httpMethod     {@code GET} (image tag) or {@code POST} (sendBeacon, fetch, server-side GTM)
 * @param userAgent      the User-Agent header, or empty
 * @param origin         the origin the policy checked (Origin header, else the Referer's origin), or empty
 * @param sourceIp       the client IP when the deployment opted in, else empty
 * @param identitySource where the endpoint id came from when authenticated (e.g. {@code cognito:sub}), else empty
 */
public record RequestContext(
        Instant requestTime,
        String httpMethod,
        String userAgent,
        String origin,
        String sourceIp,
        String identitySource) {

    /**
     * Creates a context; null strings are stored as empty.
     *
     * @param requestTime    API Gateway's request time
     * @param httpMethod     {@code GET} (image tag) or {@code POST} (sendBeacon, fetch, server-side GTM)
     * @param userAgent      the User-Agent header, or empty
     * @param origin         the origin the policy checked (Origin header, else the Referer's origin), or empty
     * @param sourceIp       the client IP when the deployment opted in, else empty
     * @param identitySource where the endpoint id came from when authenticated (e.g. {@code cognito:sub}), else
     *                       empty
     */
    public RequestContext {
        userAgent = userAgent == null ? "" : userAgent;
        origin = origin == null ? "" : origin;
        sourceIp = sourceIp == null ? "" : sourceIp;
        identitySource = identitySource == null ? "" : identitySource;
    }

    /** @return whether the hit was authenticated by an API Gateway authorizer */
    public boolean authenticated() {
        return !identitySource.isEmpty();
    }
}
