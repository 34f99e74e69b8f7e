package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke of the cold-start harness: one fresh JVM per variant runs the shaded deployment jar (unprimed and
 * primed) and the seed-style baseline end to end; the harness itself fails a run unless all 100 events reach the
 * Pinpoint stand-in with no batch item failures. This is also the proof that the deployment jar's shade filters
 * keep everything the processor needs.
 */
class ColdStartSmokeIT {

    private static ColdStartBenchmark benchmark;

    @BeforeAll
    static void start(@TempDir Path work) {
        String jar = System.getProperty("deployment.jar");
        assertThat(jar).as("system property deployment.jar (set by the benchmarks profile)").isNotBlank();
        benchmark = new ColdStartBenchmark(Path.of(jar), work, Duration.ZERO);
    }

    @AfterAll
    static void stop() {
        if (benchmark != null) {
            benchmark.close();
        }
    }

    @Test
    void eachVariantDeliversItsFirstBatchFromAFreshJvm() {
        List<ColdStartBenchmark.Run> runs = benchmark.coldStarts(1);

        assertThat(runs).extracting(ColdStartBenchmark.Run::variant)
                .containsExactly(ColdStartBenchmark.Variant.values());
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.eventsDelivered()).isEqualTo(ColdStartBenchmark.FIRST_BATCH);
            assertThat(run.initMillis()).isPositive();
            assertThat(run.firstInvocationMillis()).isPositive();
            assertThat(run.peakRssKb()).isPositive();
            // The handler, the SDK and the JDK's own: thousands of classes, most of them the deployment's
            assertThat(run.classLoads().deployment()).isGreaterThan(500);
            assertThat(run.classLoads().total()).isGreaterThan(run.classLoads().deployment());
        });
        assertThat(runs).filteredOn(run -> !run.variant().seed)
                .extracting(ColdStartBenchmark.Run::putEventsCalls).containsOnly(1);
        assertThat(runs).filteredOn(run -> run.variant() == ColdStartBenchmark.Variant.CONNECTOR_PRIMED)
                .allSatisfy(run -> assertThat(run.primingMillis()).isPositive());
        assertThat(runs).filteredOn(run -> run.variant().seed)
                .extracting(ColdStartBenchmark.Run::putEventsCalls).containsOnly(ColdStartBenchmark.FIRST_BATCH);

        String table = ColdStartBenchmark.table(ColdStartBenchmark.summarize(runs), List.of(),
                benchmark.deploymentJarBytes());
        assertThat(table).contains("seed-style baseline", "HTTPS to Pinpoint", "Deployment jar:");
    }

    @Test
    void theConnectorNeedsAtMostTenPutEventsCallsPerThousandEvents() {
        List<ColdStartBenchmark.Batching> batching = benchmark.batching();

        ColdStartBenchmark.Batching connector = batching.get(0);
        assertThat(connector.variant()).isEqualTo(ColdStartBenchmark.Variant.CONNECTOR);
        assertThat(connector.invocations()).isEqualTo(10);
        assertThat(connector.putEventsCalls()).isLessThanOrEqualTo(10);
        assertThat(batching.get(1).putEventsCalls()).isEqualTo(ColdStartBenchmark.BATCHING_EVENTS);
    }
}
