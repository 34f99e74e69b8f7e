package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
                .map(r -> r.getParams().getBenchmark().substring(HotPathBenchmark.class.getName().length() + 1))
                .collect(Collectors.toSet());
        assertThat(benchmarks).containsExactlyInAnyOrder("parse", "read", "batchOf100");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void cpuTimeMeterMeasuresBothStages() {
        HotPathCpuTime.Figure[] figures = HotPathCpuTime.measure(java.time.Duration.ofMillis(200),
                java.time.Duration.ofMillis(300));

        assertThat(figures).hasSize(2).allSatisfy(f -> {
            assertThat(f.events()).isPositive();
            assertThat(f.cpuSeconds()).isPositive();
            assertThat(f.eventsPerCpuSecond()).isPositive();
        });
        assertThat(figures[1].events() % HotPathBenchmark.BATCH_SIZE).isZero();
    }

    @Test
    void inputsAreDistinctEventsAcceptedByTheProcessor() {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.setUp(); // throws if an input is rejected or the offline PutEvents path does not deliver all
        try {
            assertThat(benchmark.deliverBatch()).hasSize(HotPathBenchmark.BATCH_SIZE);
        } finally {
            benchmark.tearDown();
        }
        assertThat(BenchInputs.messageBodies(500)).doesNotHaveDuplicates();
    }
}
