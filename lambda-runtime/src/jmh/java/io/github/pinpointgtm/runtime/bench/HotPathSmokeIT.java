package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** CI smoke of the JMH benchmarks: every benchmark runs (briefly, in this JVM) and produces a positive score. */
class HotPathSmokeIT {

    @Test
    void everyHotPathBenchmarkRunsAndScores() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(HotPathBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .build()).run();

        Set<String> benchmarks = results.stream()
                .map(r -> r.getParams().getBenchmark().substring(HotPathBenchmark.class.getName().length() + 1)
                        + (r.getParams().getParam("type") == null ? "" : "/" + r.getParams().getParam("type")))
                .collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>(Set.of("parse", "read"));
        for (String type : HotPathCpuTime.DESTINATIONS) {
            expected.addAll(Set.of("batchOf100/" + type, "sdkCallOf100/" + type, "answerOf100/" + type));
        }
        assertThat(benchmarks).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void cpuTimeMeterMeasuresEveryStage() {
        java.util.List<HotPathCpuTime.Figure> figures = HotPathCpuTime.measure(java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(150), java.util.List.of());

        assertThat(figures).hasSize(1 + 3 * HotPathCpuTime.DESTINATIONS.size()).allSatisfy(f -> {
            assertThat(f.events()).isPositive();
            assertThat(f.cpuSeconds()).isPositive();
            assertThat(f.eventsPerCpuSecond()).isPositive();
        });
        assertThat(figures.get(0).stage()).isEqualTo("read");
        assertThat(figures.subList(1, figures.size()))
                .allSatisfy(f -> assertThat(f.events() % HotPathBenchmark.BATCH_SIZE).isZero());
    }

    @Test
    void cpuTimeMeterRunsOnlyTheSelectedStages() {
        java.util.List<HotPathCpuTime.Figure> figures = HotPathCpuTime.measure(java.time.Duration.ofMillis(50),
                java.time.Duration.ofMillis(50), java.util.List.of("kinesis/sdkCall", "read"));

        assertThat(figures).extracting(HotPathCpuTime.Figure::stage).containsExactly("read", "kinesis/sdkCallOf100");
    }

    @Test
    void inputsAreDistinctEventsAcceptedByTheProcessor() {
        for (String type : HotPathCpuTime.DESTINATIONS) {
            HotPathBenchmark.Destination destination = new HotPathBenchmark.Destination();
            destination.type = type;
            destination.setUp(); // throws if an input is rejected or the offline path does not deliver every event
            try {
                assertThat(destination.deliverBatch()).hasSize(HotPathBenchmark.BATCH_SIZE)
                        .allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Delivered.class));
            } finally {
                destination.tearDown();
            }
        }
        assertThat(BenchInputs.messageBodies(500)).doesNotHaveDuplicates();
    }
}
