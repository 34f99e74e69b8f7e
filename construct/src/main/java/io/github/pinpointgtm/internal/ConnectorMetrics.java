package io.github.pinpointgtm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.constructs.Construct;

/**
 * The processor's metrics as CloudWatch {@link Metric}s: the namespace, metric names and dimensions the processor's
 * EMF lines carry ({@code METRICS_NAMESPACE}, and {@code Connector} from {@code CONNECTOR_NAME} on every metric;
 * {@code reason} too on the per-reason lines).
 *
 * @param namespace     the processor's {@code METRICS_NAMESPACE}
 * @param connectorName the processor's {@code CONNECTOR_NAME} ({@link #connectorName(Construct)}): the value of the
 *                      {@value #CONNECTOR_DIMENSION} dimension
 */
public record ConnectorMetrics(String namespace, String connectorName) {

    /** The dimension naming the connector, on every metric of the processor. */
    public static final String CONNECTOR_DIMENSION = "Connector";
    /** The dimension of the per-reason {@code Rejected} and {@code DeadLettered} metrics. */
    public static final String REASON_DIMENSION = "reason";
    /** Messages whose event the destination accepted. */
    public static final String DELIVERED = "Delivered";
    /** Messages the dead-letter queue took. */
    public static final String DEAD_LETTERED = "DeadLettered";
    /** Messages the rejected queue took. */
    public static final String REJECTED = "Rejected";
    /** Messages reported for retry. */
    public static final String RETRIED = "Retried";
    /** Events sent again within the invocation after a destination failed them one by one. */
    public static final String RECORDS_RETRIED_IN_CALL = "RecordsRetriedInCall";
    /** Milliseconds per destination request. */
    public static final String DESTINATION_LATENCY = "DestinationLatency";
    /** Distinct misconfiguration errors from the destination. */
    public static final String DESTINATION_CONFIGURATION_ERRORS = "DestinationConfigurationErrors";
    /** The reasons the policy refuses a hit for: the values of {@code reason} on {@code Rejected}. */
    public static final List<String> REJECTION_REASONS = List.of("malformed-envelope", "unsupported-envelope-version",
            "malformed-body", "missing-event-type", "missing-endpoint-id", "invalid-metric", "invalid-event-id",
            "invalid-consent", "origin-missing", "origin-not-allowed", "event-type-not-allowed", "identity-unverified",
            "bot", "limit-exceeded");

    private static final Duration DEFAULT_PERIOD = Duration.minutes(5);

    /**
     * The connector's name in its metrics: the construct's unique id, which includes its stack's id and path, so it
     * differs between the connectors of one app and stays the same from one synthesis to the next.
     *
     * @param connector the connector
     * @return the value of {@code CONNECTOR_NAME} and of the {@value #CONNECTOR_DIMENSION} dimension
     */
    public static String connectorName(Construct connector) {
        return Names.uniqueId(connector);
    }

    /**
     * One of the processor's counts, with the {@value #CONNECTOR_DIMENSION} dimension only.
     *
     * @param metricName e.g. {@link #DELIVERED}
     * @param options    overrides; default Sum over 5 minutes
     * @return the metric
     */
    public Metric count(String metricName, MetricOptions options) {
        return metric(metricName, "Sum", dimensions(null), options);
    }

    /**
     * Hits refused for one reason ({@code Rejected} with dimensions {@code Connector} and {@code reason}).
     *
     * @param reason  one of {@link #REJECTION_REASONS}
     * @param options overrides; default Sum over 5 minutes
     * @return the metric
     * @throws IllegalArgumentException naming {@code reason} when it is none of {@link #REJECTION_REASONS}
     */
    public Metric rejected(String reason, MetricOptions options) {
        // List.of's contains throws on null: ask only with a value.
        if (reason == null || !REJECTION_REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + String.join(", ", REJECTION_REASONS)
                    + ", got '" + reason + "'");
        }
        return metric(REJECTED, "Sum", dimensions(reason), options);
    }

    /**
     * @param options overrides; default Average over 5 minutes
     * @return the milliseconds each destination request took
     */
    public Metric destinationLatency(MetricOptions options) {
        return metric(DESTINATION_LATENCY, "Average", dimensions(null), options);
    }

    /** In one order in every JVM (Map.of's is not), so synthesis repeats. */
    private Map<String, String> dimensions(String reason) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put(CONNECTOR_DIMENSION, connectorName);
        if (reason != null) {
            dimensions.put(REASON_DIMENSION, reason);
        }
        return dimensions;
    }

    private Metric metric(String metricName, String statistic, Map<String, String> dimensions, MetricOptions options) {
        Metric metric = Metric.Builder.create()
                .namespace(namespace)
                .metricName(metricName)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(DEFAULT_PERIOD)
                .build();
        return options == null ? metric : metric.with(options);
    }
}
