package io.github.pinpointgtm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processor's environment variables (the contract the processor's {@code SqsEventHandler} documents).
 * Built here, in one place, so the construct and its tests agree on every name.
 */
public final class ProcessorEnvironment {

    private final Map<String, String> variables = new LinkedHashMap<>();

    /**
     * @param destinationType        the {@code DESTINATION_TYPE}, e.g. {@code pinpoint}
     * @param destinationVariables   the destination's own variables (e.g. {@code PINPOINT_APPLICATION_ID})
     * @param deadLetterQueueUrl     the DLQ's URL (a token)
     */
    public ProcessorEnvironment(String destinationType, Map<String, String> destinationVariables,
            String deadLetterQueueUrl) {
        variables.put("DESTINATION_TYPE", destinationType);
        variables.putAll(destinationVariables);
        variables.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
    }

    /**
     * @param origins validated allowed origins, or {@code ["*"]}
     * @return this
     */
    public ProcessorEnvironment allowedOrigins(List<String> origins) {
        variables.put("ALLOWED_ORIGINS", String.join(",", origins));
        return this;
    }

    /**
     * @param allow the value
     * @return this
     */
    public ProcessorEnvironment allowMissingOrigin(boolean allow) {
        variables.put("ALLOW_MISSING_ORIGIN", Boolean.toString(allow));
        return this;
    }

    /**
     * @param eventTypes the allowlist; empty means any event type, and then the variable is not set
     * @return this
     */
    public ProcessorEnvironment allowedEventTypes(List<String> eventTypes) {
        if (eventTypes.isEmpty()) {
            variables.remove("ALLOWED_EVENT_TYPES");
        } else {
            variables.put("ALLOWED_EVENT_TYPES", String.join(",", eventTypes));
        }
        return this;
    }

    /**
     * @param enabled the value
     * @return this
     */
    public ProcessorEnvironment userAttributesEnabled(boolean enabled) {
        variables.put("USER_ATTRIBUTES_ENABLED", Boolean.toString(enabled));
        return this;
    }

    /**
     * @param seconds the value
     * @return this
     */
    public ProcessorEnvironment clientTimestampMaxSkewSeconds(long seconds) {
        variables.put("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", Long.toString(seconds));
        return this;
    }

    /**
     * @param concurrency the value
     * @return this
     */
    public ProcessorEnvironment deliveryConcurrency(int concurrency) {
        variables.put("DELIVERY_CONCURRENCY", Integer.toString(concurrency));
        return this;
    }

    /**
     * @param namespace the value
     * @return this
     */
    public ProcessorEnvironment metricsNamespace(String namespace) {
        variables.put("METRICS_NAMESPACE", namespace);
        return this;
    }

    /**
     * @param log the value
     * @return this
     */
    public ProcessorEnvironment logPersonalData(boolean log) {
        variables.put("LOG_PERSONAL_DATA", Boolean.toString(log));
        return this;
    }

    /** @return an unmodifiable copy of the variables */
    public Map<String, String> toMap() {
        return Map.copyOf(variables);
    }
}
