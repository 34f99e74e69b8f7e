package io.github.pinpointgtm.runtime.observability;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one invocation, collected as it runs (thread-safe: destinations report from their own threads)
 * and written once at its end by {@link EmfMetricsWriter}.
 */
public final class InvocationMetrics implements DeliveryObserver {

    private static final CountMetric[] COUNT_METRICS = CountMetric.values();

    private final long[] counts = new long[COUNT_METRICS.length];
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> deadLetteredByReason = new TreeMap<>();
    private final List<Long> destinationLatenciesMillis = new ArrayList<>();

    /**
     * Adds to one of the invocation's counts.
     *
     * @param metric the count
     * @param count  how many more
     */
    public synchronized void add(CountMetric metric, long count) {
        increase(metric, count);
    }

    /** The callers hold the lock: the read path reports every accepted hit, so it takes the monitor once. */
    private void increase(CountMetric metric, long count) {
        counts[metric.ordinal()] += count;
    }

    /**
     * What an accepted hit's enrichment reported: an unusable {@code page_url}, derived values cut or left out, a bot
     * delivered flagged.
     *
     * @param report the hit's report
     */
    public synchronized void enrichment(EnrichmentReport report) {
        increase(CountMetric.PAGE_URLS_IGNORED, report.pageUrlIgnored() ? 1 : 0);
        increase(CountMetric.DERIVED_ATTRIBUTES_TRUNCATED, report.truncated().size());
        increase(CountMetric.DERIVED_ATTRIBUTES_OMITTED, report.omitted().size());
        increase(CountMetric.BOTS_FLAGGED, report.botFlagged() ? 1 : 0);
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
        increase(CountMetric.DESTINATION_REQUESTS, 1);
        destinationLatenciesMillis.add(latency.toMillis());
    }

    @Override
    public synchronized void configurationError(int statusCode, String message) {
        increase(CountMetric.DESTINATION_CONFIGURATION_ERRORS, 1);
    }

    @Override
    public synchronized void retriedInCall(int events) {
        increase(CountMetric.RECORDS_RETRIED_IN_CALL, events);
    }

    /** @return an immutable copy of the figures so far */
    public synchronized Snapshot snapshot() {
        Map<CountMetric, Long> countsByMetric = new EnumMap<>(CountMetric.class);
        for (CountMetric metric : COUNT_METRICS) {
            countsByMetric.put(metric, counts[metric.ordinal()]);
        }
        return new Snapshot(Collections.unmodifiableMap(countsByMetric), Map.copyOf(rejectedByReason),
                Map.copyOf(deadLetteredByReason), List.copyOf(destinationLatenciesMillis));
    }

    /**
     * The figures of an invocation.
     *
     * @param counts                     every {@link CountMetric}'s count, in the metrics' order
     * @param rejectedByReason           the hits the policy refused, by {@code RejectionReason} code
     * @param deadLetteredByReason       the events the destination refused, by {@code RejectionReason} code
     * @param destinationLatenciesMillis each destination request's latency, in milliseconds
     */
    public record Snapshot(
            Map<CountMetric, Long> counts,
            Map<String, Long> rejectedByReason,
            Map<String, Long> deadLetteredByReason,
            List<Long> destinationLatenciesMillis) {

        /**
         * @param metric the count
         * @return its value
         */
        public long count(CountMetric metric) {
            return counts.getOrDefault(metric, 0L);
        }
    }
}
