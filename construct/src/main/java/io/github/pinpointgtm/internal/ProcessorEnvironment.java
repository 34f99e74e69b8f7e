package io.github.pinpointgtm.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processor's environment variables (the contract the processor's {@code SqsEventHandler} documents).
 * Built here, in one place, so the construct and its tests agree on every name.
 */
public final class ProcessorEnvironment {

    private final Map<String, String> variables = new LinkedHashMap<>();

    /**
     * @param destinationType        the {@code DESTINATION_TYPE}, e.g. {@code pinpoint}
     * @param destinationVariables   the destination's own variables (e.g. {@code PINPOINT_APPLICATION_ID})
     * @param deadLetterQueueUrl     the DLQ's URL (a token): valid events that could not be delivered
     * @param rejectedQueueUrl       the rejected queue's URL (a token): hits the policy refuses
     */
    public ProcessorEnvironment(String destinationType, Map<String, String> destinationVariables,
            String deadLetterQueueUrl, String rejectedQueueUrl) {
        variables.put("DESTINATION_TYPE", destinationType);
        variables.putAll(destinationVariables);
        variables.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
        variables.put("REJECTED_QUEUE_URL", rejectedQueueUrl);
    }

    /**
     * Sets {@code ALLOWED_ORIGINS}.
     *
     * @param origins validated allowed origins, or {@code ["*"]}
     * @return this
     */
    public ProcessorEnvironment allowedOrigins(List<String> origins) {
        variables.put("ALLOWED_ORIGINS", String.join(",", origins));
        return this;
    }

    /**
     * Sets {@code ALLOW_MISSING_ORIGIN}.
     *
     * @param allow whether hits with neither Origin nor Referer are accepted
     * @return this
     */
    public ProcessorEnvironment allowMissingOrigin(boolean allow) {
        variables.put("ALLOW_MISSING_ORIGIN", Boolean.toString(allow));
        return this;
    }

    /**
     * Sets {@code ALLOWED_EVENT_TYPES}.
     *
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
     * Sets {@code USER_ATTRIBUTES_ENABLED}.
     *
     * @param enabled whether {@code usat_*} parameters are written to endpoints
     * @return this
     */
    public ProcessorEnvironment userAttributesEnabled(boolean enabled) {
        variables.put("USER_ATTRIBUTES_ENABLED", Boolean.toString(enabled));
        return this;
    }

    /**
     * Sets {@code BOT_HANDLING}.
     *
     * @param flagged whether hits from bots are delivered with {@code is_bot=true} ({@code deliver-flagged}) rather
     *                than rejected ({@code reject})
     * @return this
     */
    public ProcessorEnvironment deliverBotHitsFlagged(boolean flagged) {
        variables.put("BOT_HANDLING", flagged ? "deliver-flagged" : "reject");
        return this;
    }

    /**
     * Sets {@code CLIENT_TIMESTAMP_MAX_SKEW_SECONDS}.
     *
     * @param seconds the accepted distance between a client timestamp and the request time
     * @return this
     */
    public ProcessorEnvironment clientTimestampMaxSkewSeconds(long seconds) {
        variables.put("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", Long.toString(seconds));
        return this;
    }

    /**
     * Sets {@code DELIVERY_CONCURRENCY}.
     *
     * @param concurrency parallel destination requests per invocation
     * @return this
     */
    public ProcessorEnvironment deliveryConcurrency(int concurrency) {
        variables.put("DELIVERY_CONCURRENCY", Integer.toString(concurrency));
        return this;
    }

    /**
     * Sets {@code MAX_RECEIVE_COUNT}.
     *
     * @param maxReceiveCount the main queue's redrive {@code maxReceiveCount}: on that receive the processor
     *                        dead-letters a message it would retry
     * @return this
     */
    public ProcessorEnvironment maxReceiveCount(int maxReceiveCount) {
        variables.put("MAX_RECEIVE_COUNT", Integer.toString(maxReceiveCount));
        return this;
    }

    /**
     * Sets {@code METRICS_NAMESPACE}.
     *
     * @param namespace the CloudWatch namespace of the processor's metrics
     * @return this
     */
    public ProcessorEnvironment metricsNamespace(String namespace) {
        variables.put("METRICS_NAMESPACE", namespace);
        return this;
    }

    /**
     * Sets {@code CONNECTOR_NAME}.
     *
     * @param name the value of the processor metrics' {@code Connector} dimension ({@link ConnectorMetrics})
     * @return this
     */
    public ProcessorEnvironment connectorName(String name) {
        variables.put("CONNECTOR_NAME", name);
        return this;
    }

    /**
     * Sets {@code LOG_PERSONAL_DATA}.
     *
     * @param log whether endpoint ids, IPs and user agents may be logged in full
     * @return this
     */
    public ProcessorEnvironment logPersonalData(boolean log) {
        variables.put("LOG_PERSONAL_DATA", Boolean.toString(log));
        return this;
    }

    /**
     * Sets {@code LOG_FINGERPRINT_SALT}.
     *
     * @param salt the key of the fingerprints that stand for personal data in logs (see {@link LogFingerprintSalt})
     * @return this
     */
    public ProcessorEnvironment logFingerprintSalt(String salt) {
        variables.put("LOG_FINGERPRINT_SALT", salt);
        return this;
    }

    /**
     * Sets {@code IDENTITY_SECRET_ARN} and, when given, {@code IDENTITY_ANONYMOUS_PREFIX}.
     *
     * @param secretArn       the ARN of the secret holding the key of endpoint signatures (a token)
     * @param anonymousPrefix the prefix of endpoint ids that need no signature, or null
     * @return this
     */
    public ProcessorEnvironment identityVerification(String secretArn, String anonymousPrefix) {
        variables.put("IDENTITY_SECRET_ARN", secretArn);
        if (anonymousPrefix != null) {
            variables.put("IDENTITY_ANONYMOUS_PREFIX", anonymousPrefix);
        }
        return this;
    }

    /**
     * @return an unmodifiable copy of the variables, sorted by name: the template then lists them in one order in
     *         every JVM, whether or not Lambda's own sorting (with a current version, as SnapStart has) applies
     */
    public Map<String, String> toMap() {
        return Collections.unmodifiableMap(new TreeMap<>(variables));
    }
}
