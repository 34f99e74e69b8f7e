package io.github.pinpointgtm.runtime.observability;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one invocation, collected as it runs (thread-safe: destinations report from their own threads)
 * and written once at its end by {@link EmfMetricsWriter}.
 */
public final class InvocationMetrics implements DeliveryObserver {

    private long received;
    private long delivered;
    private long rejected;
    private long deadLettered;
    private long retried;
    private long destinationRequests;
    private long destinationConfigurationErrors;
    private long ignoredUserAttributes;
    private long identityKeysUnavailable;
    private long recordsRetriedInCall;
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> deadLetteredByReason = new TreeMap<>();
    private final List<Long> destinationLatenciesMillis = new ArrayList<>();

    /**
     * Messages the invocation received.
     *
     * @param count how many
     */
    public synchronized void received(int count) {
        received += count;
    }

    /**
     * Messages whose event the destination accepted.
     *
     * @param count how many
     */
    public synchronized void delivered(int count) {
        delivered += count;
    }

    /**
     * Messages the rejected queue took (hits the policy refused).
     *
     * @param count how many
     */
    public synchronized void rejected(int count) {
        rejected += count;
    }

    /**
     * Messages the dead-letter queue took (valid events that could not be delivered).
     *
     * @param count how many
     */
    public synchronized void deadLettered(int count) {
        deadLettered += count;
    }

    /**
     * Messages reported in {@code batchItemFailures}.
     *
     * @param count how many
     */
    public synchronized void retried(int count) {
        retried += count;
    }

    /**
     * {@code usat_*} parameters dropped because user attributes are disabled.
     *
     * @param count how many
     */
    public synchronized void ignoredUserAttributes(int count) {
        ignoredUserAttributes += count;
    }

    /** A message retried because the keys of endpoint signatures could not be read. */
    public synchronized void identityKeysUnavailable() {
        identityKeysUnavailable++;
    }

    /**
     * A hit the policy refused for the given reason code (whether or not the rejected queue then took it).
     *
     * @param reasonCode the {@code RejectionReason} code
     */
    public synchronized void rejected(String reasonCode) {
        rejectedByReason.merge(reasonCode, 1L, Long::sum);
    }

    /**
     * A valid event the destination refused for the given reason code (whether or not the dead-letter queue then took
     * it).
     *
     * @param reasonCode the {@code RejectionReason} code
     */
    public synchronized void deadLettered(String reasonCode) {
        deadLetteredByReason.merge(reasonCode, 1L, Long::sum);
    }

    @Override
    public synchronized void requestCompleted(int events, Duration latency, String result) {
        destinationRequests++;
        destinationLatenciesMillis.add(latency.toMillis());
    }

    @Override
    public synchronized void configurationError(int statusCode, String message) {
        destinationConfigurationErrors++;
    }

    @Override
    public synchronized void retriedInCall(int events) {
        recordsRetriedInCall += events;
    }

    /** @return an immutable copy of the figures so far */
    public synchronized Snapshot snapshot() {
        return new Snapshot(received, delivered, rejected, deadLettered, retried, destinationRequests,
                destinationConfigurationErrors, ignoredUserAttributes, identityKeysUnavailable, recordsRetriedInCall,
                Map.copyOf(rejectedByReason), Map.copyOf(deadLetteredByReason), List.copyOf(destinationLatenciesMillis));
    }

    /** The figures of an invocation. */
    public record Snapshot(
            long received,
            long delivered,
            long rejected,
            long deadLettered,
            long retried,
            long destinationRequests,
            long destinationConfigurationErrors,
            long ignoredUserAttributes,
            long identityKeysUnavailable,
            long recordsRetriedInCall,
            Map<String, Long> rejectedByReason,
            Map<String, Long> deadLetteredByReason,
            List<Long> destinationLatenciesMillis) {
    }
}
