package io.github.pinpointgtm.runtime.observability;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an invocation's metrics as CloudWatch Embedded Metric Format (EMF) lines: CloudWatch Logs turns them into
 * metrics, with no API call from the function.
 *
 * <p>Every metric carries the dimension {@value #CONNECTOR_DIMENSION} (the connector's name, {@code CONNECTOR_NAME}),
 * so two connectors writing to one namespace stay apart. One line carries the invocation's totals:
 * {@code Received}, {@code Delivered},
 * {@code Rejected} (taken by the rejected queue), {@code DeadLettered} (taken by the dead-letter queue),
 * {@code Retried}, {@code DestinationRequests}, {@code DestinationConfigurationErrors}, {@code IgnoredUserAttributes},
 * {@code IdentityKeysUnavailable}, {@code RecordsRetriedInCall} (events sent again within the invocation after the
 * destination failed them one by one, once per retry), {@code PageUrlsIgnored} ({@code page_url}s that are not http(s) URLs),
 * {@code DerivedAttributesTruncated}, {@code DerivedAttributesOmitted} (derived attributes cut to 200 characters or
 * left out for want of room under 40 keys), {@code BotsFlagged} (bot hits delivered with {@code is_bot=true}) (Count) and {@code DestinationLatency} (Milliseconds, one value per destination request). EMF holds one value per
 * dimension per line, so {@code Rejected} by {@code reason} (policy refusals) and {@code DeadLettered} by
 * {@code reason} (the destination's refusals), dimensions {@code [Connector, reason]}, take one more line per reason
 * that occurred, and more than
 * {@value #MAX_VALUES_PER_METRIC} latency values (EMF's limit per metric) continue on further lines.
 */
public final class EmfMetricsWriter {

    /** The dimension naming the connector, on every metric. */
    public static final String CONNECTOR_DIMENSION = "Connector";
    /** The dimension of the per-reason {@code Rejected} and {@code DeadLettered} lines. */
    public static final String REASON_DIMENSION = "reason";

    static final int MAX_VALUES_PER_METRIC = 100;
    private static final CountMetric[] COUNT_METRICS = CountMetric.values();
    private static final JsonFactory JSON = new JsonFactory();

    private final String namespace;
    private final String connectorName;
    private final Appendable out;

    /**
     * @param namespace     the CloudWatch namespace ({@code METRICS_NAMESPACE})
     * @param connectorName the value of the {@value #CONNECTOR_DIMENSION} dimension ({@code CONNECTOR_NAME})
     * @param out           where lines go: {@code System.out} in Lambda
     */
    public EmfMetricsWriter(String namespace, String connectorName, Appendable out) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("the metrics namespace must not be blank");
        }
        if (connectorName == null || connectorName.isBlank()) {
            throw new IllegalArgumentException("the connector name must not be blank");
        }
        this.namespace = namespace;
        this.connectorName = connectorName;
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes the invocation's lines.
     *
     * @param metrics   the invocation's figures
     * @param timestamp the time the metrics are recorded at (EMF's {@code Timestamp})
     */
    public void write(InvocationMetrics.Snapshot metrics, Instant timestamp) {
        List<Long> latencies = metrics.destinationLatenciesMillis();
        List<Long> firstLatencies = latencies.subList(0, Math.min(latencies.size(), MAX_VALUES_PER_METRIC));
        line(timestamp, generator -> {
            startDirective(generator, List.of(CONNECTOR_DIMENSION));
            for (CountMetric count : COUNT_METRICS) {
                metricDefinition(generator, count.metricName(), "Count");
            }
            if (!firstLatencies.isEmpty()) {
                metricDefinition(generator, "DestinationLatency", "Milliseconds");
            }
            endDirective(generator);
            for (CountMetric count : COUNT_METRICS) {
                generator.writeNumberField(count.metricName(), metrics.count(count));
            }
            if (!firstLatencies.isEmpty()) {
                writeValues(generator, "DestinationLatency", firstLatencies);
            }
        });
        for (int from = MAX_VALUES_PER_METRIC; from < latencies.size(); from += MAX_VALUES_PER_METRIC) {
            List<Long> chunk = latencies.subList(from, Math.min(latencies.size(), from + MAX_VALUES_PER_METRIC));
            line(timestamp, generator -> {
                startDirective(generator, List.of(CONNECTOR_DIMENSION));
                metricDefinition(generator, "DestinationLatency", "Milliseconds");
                endDirective(generator);
                writeValues(generator, "DestinationLatency", chunk);
            });
        }
        byReason(timestamp, CountMetric.REJECTED.metricName(), metrics.rejectedByReason());
        byReason(timestamp, CountMetric.DEAD_LETTERED.metricName(), metrics.deadLetteredByReason());
    }

    private void byReason(Instant timestamp, String metric, Map<String, Long> countsByReason) {
        for (Map.Entry<String, Long> count : countsByReason.entrySet()) {
            line(timestamp, generator -> {
                startDirective(generator, List.of(CONNECTOR_DIMENSION, REASON_DIMENSION));
                metricDefinition(generator, metric, "Count");
                endDirective(generator);
                generator.writeStringField(REASON_DIMENSION, count.getKey());
                generator.writeNumberField(metric, count.getValue());
            });
        }
    }

    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private void line(Instant timestamp, Body body) {
        StringWriter buffer = new StringWriter(512);
        try (JsonGenerator generator = JSON.createGenerator(buffer)) {
            generator.writeStartObject();
            generator.writeObjectFieldStart("_aws");
            generator.writeNumberField("Timestamp", timestamp.toEpochMilli());
            generator.writeArrayFieldStart("CloudWatchMetrics");
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.append(buffer.toString()).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens one CloudWatchMetrics directive (namespace, one dimension set) and its Metrics array. */
    private void startDirective(JsonGenerator generator, List<String> dimensions) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("Namespace", namespace);
        generator.writeArrayFieldStart("Dimensions");
        generator.writeStartArray();
        for (String dimension : dimensions) {
            generator.writeString(dimension);
        }
        generator.writeEndArray();
        generator.writeEndArray();
        generator.writeArrayFieldStart("Metrics");
    }

    /**
     * Closes the Metrics array, the directive, CloudWatchMetrics and {@code _aws}, then writes the connector's
     * dimension value; the other values follow.
     */
    private void endDirective(JsonGenerator generator) throws IOException {
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeStringField(CONNECTOR_DIMENSION, connectorName);
    }

    private static void metricDefinition(JsonGenerator generator, String name, String unit) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("Name", name);
        generator.writeStringField("Unit", unit);
        generator.writeEndObject();
    }

    private static void writeValues(JsonGenerator generator, String name, List<Long> values) throws IOException {
        generator.writeArrayFieldStart(name);
        for (long value : values) {
            generator.writeNumber(value);
        }
        generator.writeEndArray();
    }
}
