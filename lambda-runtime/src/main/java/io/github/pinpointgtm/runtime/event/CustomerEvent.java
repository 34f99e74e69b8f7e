package io.github.pinpointgtm.runtime.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One hit, validated and mapped: the destination-neutral customer event that every destination writes.
 *
 * @param eventId        the client's {@code event_id} when sent, else API Gateway's request id: stable across SQS
 *                       redelivery, so duplicates carry the same id
 * @param eventType      the {@code event} parameter
 * @param timestamp      the client's {@code ts} when trusted, else API Gateway's request time (never processing time)
 * @param endpointId     the trusted identity when authenticated, {@code anonymous} for a {@code consent=denied}
 *                       hit, else the {@code endpoint_id} parameter
 * @param attributes     from {@code evat_<name>} parameters, in request order
 * @param metrics        from {@code evmt_<name>} parameters, in request order
 * @param sessionId      the {@code session_id} parameter, or {@code null}
 * @param userAttributes from {@code usat_<name>} parameters when enabled, else empty
 * @param context        where the hit came from
 */
public record CustomerEvent(
        String eventId,
        String eventType,
        Instant timestamp,
        String endpointId,
        Map<String, String> attributes,
        Map<String, Double> metrics,
        String sessionId,
        Map<String, String> userAttributes,
        RequestContext context) {

    /**
     * Creates an event; the maps are copied (in order, unmodifiable), null maps are stored as empty.
     *
     * @param eventId        the client's {@code event_id} when sent, else API Gateway's request id: stable across
     *                       SQS redelivery, so duplicates carry the same id
     * @param eventType      the {@code event} parameter
     * @param timestamp      the client's {@code ts} when trusted, else API Gateway's request time (never processing time)
     * @param endpointId     the trusted identity when authenticated, {@code anonymous} for a {@code consent=denied}
     *                       hit, else the {@code endpoint_id} parameter
     * @param attributes     from {@code evat_<name>} parameters, in request order
     * @param metrics        from {@code evmt_<name>} parameters, in request order
     * @param sessionId      the {@code session_id} parameter, or {@code null}
     * @param userAttributes from {@code usat_<name>} parameters when enabled, else empty
     * @param context        where the hit came from
     * @throws NullPointerException when {@code eventId}, {@code eventType}, {@code timestamp}, {@code endpointId}
     *                              or {@code context} is null
     */
    public CustomerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(context, "context");
        attributes = frozen(attributes);
        metrics = frozen(metrics);
        userAttributes = frozen(userAttributes);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
