package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.pinpointgtm.internal.ConnectorMetrics;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.observability.CountMetric;
import io.github.pinpointgtm.runtime.observability.EmfMetricsWriter;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

/**
 * The connector's {@code metric*} methods name exactly what the processor writes: its own {@link EmfMetricsWriter}
 * runs here, and every metric must find its namespace, name and dimensions (names and values) in the EMF lines.
 */
class MetricsTest {

    private static final String NAMESPACE = "Shop/Pixel";
    private static final List<String> POLICY_REASONS = Arrays.stream(RejectionReason.values())
            .filter(reason -> reason != RejectionReason.DESTINATION_REJECTED
                    && reason != RejectionReason.RETRIES_EXHAUSTED)
            .map(RejectionReason::code).toList();

    private static PinpointGtmConnector connector;
    private static List<Map<String, Object>> emfLines;

    @BeforeAll
    static void writeEveryMetricOfTheProcessor() {
        connector = TestStacks.synth(minimalProps().metricsNamespace(NAMESPACE).build()).connector();
        InvocationMetrics metrics = new InvocationMetrics();
        for (CountMetric count : CountMetric.values()) {
            metrics.add(count, 1);
        }
        metrics.requestCompleted(1, java.time.Duration.ofMillis(12), "accepted");
        POLICY_REASONS.forEach(metrics::rejected);
        metrics.deadLettered(RejectionReason.DESTINATION_REJECTED.code());
        StringBuilder out = new StringBuilder();
        new EmfMetricsWriter(NAMESPACE, Names.uniqueId(connector), out).write(metrics.snapshot(), Instant.now());
        emfLines = out.toString().lines().map(Json::parseObject).toList();
    }

    /** Asserts that one EMF line defines the metric under the metric's namespace, dimension names and values. */
    @SuppressWarnings("unchecked")
    private static void assertWrittenByTheProcessor(Metric metric) {
        Set<String> dimensionNames = metric.getDimensions().keySet();
        List<Map<String, Object>> matching = emfLines.stream().filter(line -> {
            Map<String, Object> directive = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) line
                    .get("_aws")).get("CloudWatchMetrics")).get(0);
            List<List<String>> dimensionSets = (List<List<String>>) directive.get("Dimensions");
            boolean defined = ((List<Map<String, Object>>) directive.get("Metrics")).stream()
                    .anyMatch(definition -> definition.get("Name").equals(metric.getMetricName()));
            return defined && directive.get("Namespace").equals(metric.getNamespace())
                    && dimensionSets.size() == 1 && new HashSet<>(dimensionSets.get(0)).equals(dimensionNames)
                    && dimensionNames.stream()
                            .allMatch(name -> metric.getDimensions().get(name).equals(line.get(name)));
        }).toList();
        assertThat(matching).as("EMF lines writing %s with %s", metric.getMetricName(), metric.getDimensions())
                .hasSize(1);
    }

    @Test
    void everyMetricMethodNamesWhatTheProcessorWrites() {
        assertWrittenByTheProcessor(connector.metricDelivered());
        assertWrittenByTheProcessor(connector.metricDeadLettered());
        assertWrittenByTheProcessor(connector.metricRejected());
        assertWrittenByTheProcessor(connector.metricRetried());
        assertWrittenByTheProcessor(connector.metricRetriedInCall());
        assertWrittenByTheProcessor(connector.metricDestinationLatency());
        assertWrittenByTheProcessor(connector.metricDestinationConfigurationErrors());
        for (String reason : POLICY_REASONS) {
            assertWrittenByTheProcessor(connector.metricRejected(reason));
        }
    }

    @Test
    void theConstructKnowsEveryReasonThePolicyRefusesFor() {
        assertThat(ConnectorMetrics.REJECTION_REASONS).containsExactlyInAnyOrderElementsOf(POLICY_REASONS);
    }

    @Test
    void anUnknownReasonIsRefusedNamingTheConnectorAndTheParameter() {
        String path = connector.getNode().getPath();
        assertThatThrownBy(() -> connector.metricRejected("destination-rejected"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(path + ": reason must be one of")
                .hasMessageContainingAll("origin-not-allowed", "'destination-rejected'");
        assertThatThrownBy(() -> connector.metricRejected(null))
                .hasMessageStartingWith(path + ": reason must be one of");
    }

    @Test
    void countsAreSumsAndLatencyAnAverageOverFiveMinutesByDefault() {
        for (Metric count : List.of(connector.metricDelivered(), connector.metricDeadLettered(),
                connector.metricRetried(), connector.metricRetriedInCall(), connector.metricRejected("origin-missing"),
                connector.metricDestinationConfigurationErrors())) {
            assertThat(count.getStatistic()).isEqualTo("Sum");
            assertThat(count.getPeriod().toSeconds().intValue()).isEqualTo(300);
        }
        assertThat(connector.metricDestinationLatency().getStatistic()).isEqualTo("Average");
        assertThat(connector.metricDestinationLatency().getMetricName()).isEqualTo("DestinationLatency");
    }

    @Test
    void optionsChangeTheStatisticAndPeriodButNotWhatIsMeasured() {
        Metric p99 = connector.metricDestinationLatency(MetricOptions.builder()
                .statistic("p99").period(Duration.minutes(1)).build());
        assertThat(p99.getStatistic()).isEqualTo("p99");
        assertThat(p99.getPeriod().toSeconds().intValue()).isEqualTo(60);
        assertWrittenByTheProcessor(p99);
    }

    @Test
    void anAlarmOnAMetricMethodWatchesThisConnectorsReason() {
        Stack stack = TestStacks.newStack();
        PinpointGtmConnector shop = new PinpointGtmConnector(stack, "Shop", minimalProps().build());
        shop.metricRejected("origin-not-allowed").createAlarm(stack, "ForeignOrigins",
                CreateAlarmOptions.builder().threshold(10).evaluationPeriods(1).build());

        Template.fromStack(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "PinpointGtmConnector",
                "MetricName", "Rejected",
                "Statistic", "Sum",
                "Period", 300,
                "Dimensions", List.of(Map.of("Name", "Connector", "Value", Names.uniqueId(shop)),
                        Map.of("Name", "reason", "Value", "origin-not-allowed")))));
    }

    @Test
    void twoConnectorsOfOneStackHaveTheirOwnDimension() {
        Stack stack = TestStacks.newStack();
        PinpointGtmConnector shop = new PinpointGtmConnector(stack, "Shop", minimalProps().build());
        PinpointGtmConnector blog = new PinpointGtmConnector(stack, "Blog", minimalProps().build());

        assertThat(shop.metricDelivered().getDimensions().get("Connector"))
                .isNotEqualTo(blog.metricDelivered().getDimensions().get("Connector"));
    }
}
