package io.github.pinpointgtm.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.testkit.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsWriterTest {

    private static final Instant NOW = Instant.parse("2025-11-27T10:00:00Z");
    private static final String CONNECTOR = "ShopStackConnector1A2B3C4D";

    private static List<Map<String, Object>> write(InvocationMetrics metrics) {
        StringBuilder out = new StringBuilder();
        new EmfMetricsWriter("MyConnector", CONNECTOR, out).write(metrics.snapshot(), NOW);
        assertThat(out.toString()).endsWith("\n");
        return out.toString().lines().map(Json::parseObject).toList();
    }

    @Test
    void writesTheInvocationTotalsAsOneEmfDocument() {
        InvocationMetrics metrics = new InvocationMetrics();
        metrics.add(CountMetric.RECEIVED, 10);
        metrics.add(CountMetric.DELIVERED, 6);
        metrics.add(CountMetric.REJECTED, 1);
        metrics.add(CountMetric.DEAD_LETTERED, 2);
        metrics.add(CountMetric.RETRIED, 1);
        metrics.add(CountMetric.IGNORED_USER_ATTRIBUTES, 3);
        metrics.add(CountMetric.IDENTITY_KEYS_UNAVAILABLE, 1);
        metrics.retriedInCall(4);
        metrics.retriedInCall(1);
        metrics.enrichment(new EnrichmentReport(true, List.of(), List.of(), false));
        metrics.enrichment(new EnrichmentReport(false, List.of("utm_term", "page_path"), List.of("gclid"), true));
        metrics.requestCompleted(7, Duration.ofMillis(42), "accepted");
        metrics.configurationError(403, "forbidden");

        List<Map<String, Object>> lines = write(metrics);

        assertThat(lines).hasSize(1);
        Map<String, Object> line = lines.get(0);
        assertThat(line).containsEntry("Received", 10).containsEntry("Delivered", 6).containsEntry("Rejected", 1)
                .containsEntry("DeadLettered", 2)
                .containsEntry("Retried", 1).containsEntry("DestinationRequests", 1)
                .containsEntry("DestinationConfigurationErrors", 1).containsEntry("IgnoredUserAttributes", 3)
                .containsEntry("IdentityKeysUnavailable", 1)
                .containsEntry("RecordsRetriedInCall", 5)
                .containsEntry("PageUrlsIgnored", 1).containsEntry("DerivedAttributesTruncated", 2)
                .containsEntry("DerivedAttributesOmitted", 1).containsEntry("BotsFlagged", 1)
                .containsEntry("DestinationLatency", List.of(42))
                .containsEntry("Connector", CONNECTOR);
        assertThat(line.keySet()).as("the values in the order of their definitions").containsExactly("_aws",
                "Connector", "Received", "Delivered", "Rejected", "DeadLettered", "Retried", "DestinationRequests",
                "DestinationConfigurationErrors", "IgnoredUserAttributes", "IdentityKeysUnavailable",
                "RecordsRetriedInCall", "PageUrlsIgnored", "DerivedAttributesTruncated", "DerivedAttributesOmitted",
                "BotsFlagged", "DestinationLatency");
        assertThat(line.get("_aws")).isEqualTo(Map.of(
                "Timestamp", NOW.toEpochMilli(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", "MyConnector",
                        "Dimensions", List.of(List.of("Connector")),
                        "Metrics", List.of(
                                Map.of("Name", "Received", "Unit", "Count"),
                                Map.of("Name", "Delivered", "Unit", "Count"),
                                Map.of("Name", "Rejected", "Unit", "Count"),
                                Map.of("Name", "DeadLettered", "Unit", "Count"),
                                Map.of("Name", "Retried", "Unit", "Count"),
                                Map.of("Name", "DestinationRequests", "Unit", "Count"),
                                Map.of("Name", "DestinationConfigurationErrors", "Unit", "Count"),
                                Map.of("Name", "IgnoredUserAttributes", "Unit", "Count"),
                                Map.of("Name", "IdentityKeysUnavailable", "Unit", "Count"),
                                Map.of("Name", "RecordsRetriedInCall", "Unit", "Count"),
                                Map.of("Name", "PageUrlsIgnored", "Unit", "Count"),
                                Map.of("Name", "DerivedAttributesTruncated", "Unit", "Count"),
                                Map.of("Name", "DerivedAttributesOmitted", "Unit", "Count"),
                                Map.of("Name", "BotsFlagged", "Unit", "Count"),
                                Map.of("Name", "DestinationLatency", "Unit", "Milliseconds"))))));
    }

    @Test
    void writesRefusalsWithTheirReasonDimensionOneDocumentPerReasonAndOutcome() {
        InvocationMetrics metrics = new InvocationMetrics();
        metrics.rejected("origin-not-allowed");
        metrics.rejected("origin-not-allowed");
        metrics.rejected("missing-event-type");
        metrics.deadLettered("destination-rejected");
        metrics.deadLettered("limit-exceeded");
        metrics.deadLettered("limit-exceeded");

        List<Map<String, Object>> lines = write(metrics);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).doesNotContainKey("DestinationLatency");
        assertThat(lines.subList(1, 5)).containsExactlyInAnyOrder(
                reasonLine("Rejected", "missing-event-type", 1),
                reasonLine("Rejected", "origin-not-allowed", 2),
                reasonLine("DeadLettered", "destination-rejected", 1),
                reasonLine("DeadLettered", "limit-exceeded", 2));
    }

    private static Map<String, Object> reasonLine(String metric, String reason, int count) {
        return Map.of(
                "_aws", Map.of("Timestamp", NOW.toEpochMilli(), "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", "MyConnector",
                        "Dimensions", List.of(List.of("Connector", "reason")),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", "Count"))))),
                "Connector", CONNECTOR,
                "reason", reason,
                metric, count);
    }

    @Test
    void continuesLatencyValuesBeyondEmfsHundredValueLimitOnFurtherLines() {
        InvocationMetrics metrics = new InvocationMetrics();
        for (int i = 0; i < 250; i++) {
            metrics.requestCompleted(1, Duration.ofMillis(i), "accepted");
        }

        List<Map<String, Object>> lines = write(metrics);

        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(line -> ((List<?>) line.get("DestinationLatency")).size()).containsExactly(100, 100, 50);
        assertThat(lines.get(0)).containsEntry("DestinationRequests", 250);
        assertThat(lines.get(2)).containsOnlyKeys("_aws", "Connector", "DestinationLatency");
        assertThat(lines).allSatisfy(line -> assertThat(line).containsEntry("Connector", CONNECTOR));
        assertThat(lines).extracting(line -> dimensionSets(line)).containsOnly(List.of(List.of("Connector")));
    }

    @SuppressWarnings("unchecked")
    private static Object dimensionSets(Map<String, Object> line) {
        Map<String, Object> aws = (Map<String, Object>) line.get("_aws");
        return ((Map<String, Object>) ((List<Object>) aws.get("CloudWatchMetrics")).get(0)).get("Dimensions");
    }

    @Test
    void refusesABlankNamespace() {
        assertThatThrownBy(() -> new EmfMetricsWriter(" ", CONNECTOR, new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
    }

    @Test
    void refusesABlankConnectorName() {
        assertThatThrownBy(() -> new EmfMetricsWriter("MyConnector", " ", new StringBuilder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connector name");
    }
}
