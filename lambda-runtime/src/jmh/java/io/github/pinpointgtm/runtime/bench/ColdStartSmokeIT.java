package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke of the cold-start harness: one fresh JVM per variant runs the shaded deployment jar (unprimed and
 * primed) and the seed-style baseline end to end, over HTTP, HTTPS, HTTPS without an endpoint override and in the
 * Lambda runtime interface client; the harness itself fails a run unless all 100 events reach the Pinpoint stand-in
 * with no batch item failures, and, without an override, unless every connection named AWS's host names. This is
 * also the proof that the deployment jar's shade filters keep everything the processor needs. Nothing here needs
 * the network.
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
            assertThat(run.classLoads().jdk()).isGreaterThan(1000);
            if (run.variant().runtimeClient && run.variant().seed) {
                // The runtime interface client's own classes and its serialisation library's (SQSEvent, Joda-Time)
                assertThat(run.classLoads().runtime()).isGreaterThan(500);
            } else if (run.variant().runtimeClient) {
                // Only the runtime interface client's own: the stream handler reads the event document itself
                assertThat(run.classLoads().runtime()).isBetween(20, 200);
            } else {
                assertThat(run.classLoads().runtime()).as("the harness's child only").isBetween(1, 10);
            }
        });
        assertThat(runs).filteredOn(run -> !run.variant().seed)
                .extracting(ColdStartBenchmark.Run::putEventsCalls).containsOnly(1);
        assertThat(runs).filteredOn(run -> run.variant() == ColdStartBenchmark.Variant.CONNECTOR_PRIMED)
                .allSatisfy(run -> assertThat(run.primingMillis()).isPositive());
        assertThat(runs).filteredOn(run -> run.variant().seed)
                .extracting(ColdStartBenchmark.Run::putEventsCalls).containsOnly(ColdStartBenchmark.FIRST_BATCH);

        String table = ColdStartBenchmark.table(ColdStartBenchmark.summarize(runs), List.of(),
                benchmark.deploymentJarBytes());
        assertThat(table).contains("seed-style baseline", "HTTPS to Pinpoint", "no endpoint override",
                "Lambda runtime interface client", "Deployment jar:");
    }

    @Test
    void theProxyRefusesEveryHostItDoesNotServe() throws IOException {
        ConnectProxy proxy = benchmark.proxy();
        int port = Integer.parseInt(proxy.childOptions().get(1).substring("-Dhttps.proxyPort=".length()));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.getOutputStream().write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = SocketRelay.readHead(client.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 403 ");
        }
        assertThat(proxy.refused()).contains("CONNECT example.com:443 HTTP/1.1");
    }

    @Test
    void classLoadsAreCountedByWhereTheyCameFrom() {
        List<String> log = List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.020s][info][class,load] java.net.Proxy source: jrt:/java.base",
                "[0.030s][info][class,load] java.lang.invoke.LambdaForm$MH/0x01 source: __JVM_LookupDefineClass__",
                "[0.040s][info][class,load] " + ColdStartChild.class.getName() + " source: file:/bench/classes/",
                "[0.050s][info][class,load] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: "
                        + "file:/repo/aws-lambda-java-runtime-interface-client-2.10.1.jar",
                "[0.060s][info][class,load] io.github.pinpointgtm.runtime.SqsStreamHandler source: "
                        + "file:/task/lib/000-processor.jar",
                "[0.070s][info][class,load] io.github.pinpointgtm.runtime.SqsEventHandler source: "
                        + "file:/task/lib/000-processor.jar",
                "[0.080s][info][gc] not a class load");

        ColdStartBenchmark.ClassLoads loads = ColdStartBenchmark.ClassLoads.count(log, List.of("/task/"));

        assertThat(loads.total()).isEqualTo(7);
        assertThat(loads.deployment()).isEqualTo(2);
        assertThat(loads.runtime()).isEqualTo(2);
        assertThat(loads.jdk()).isEqualTo(3);
    }

    @Test
    void aBatchResponseIsReadAsTheRuntimeSerialisesIt() {
        assertThat(RuntimeClientLauncher.batchItemFailures("{\"batchItemFailures\":[]}")).isZero();
        assertThat(RuntimeClientLauncher.batchItemFailures(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"},{\"itemIdentifier\":\"b\"}]}")).isEqualTo(2);
        assertThatThrownBy(() -> RuntimeClientLauncher.batchItemFailures("{\"errorMessage\":\"boom\"}"))
                .hasMessageContaining("not an SQSBatchResponse");
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
