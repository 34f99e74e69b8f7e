package io.github.pinpointgtm.runtime.bench;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointDestination;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.priming.OfflinePinpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * The processor's hot path on one thread, every score in events per second:
 * <ul>
 *   <li>{@code parse}: {@link EnvelopeParser#parse} of one SQS body;</li>
 *   <li>{@code read}: parse, policy and mapping ({@link HitReader#read(String)}) of one body;</li>
 *   <li>{@code batchOf100}: a batch of 100 bodies read, planned into PutEvents requests, built, marshalled and
 *       signed by the real SDK client, answered in memory ({@code PinpointOfflineAnswer}) and the per-event
 *       results read back; the score is per event ({@code @OperationsPerInvocation(100)}).</li>
 * </ul>
 * Inputs: {@link BenchInputs}, the golden envelopes the processor accepts, each with its own endpoint.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
@State(Scope.Thread)
public class HotPathBenchmark {

    static final int BATCH_SIZE = 100;

    private List<String> bodies;
    private HitReader reader;
    private PinpointClient offlinePinpoint;
    private PinpointDestination destination;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        bodies = BenchInputs.messageBodies(1_000);
        reader = new HitReader(ProcessorConfig.fromEnvironment(BenchInputs.processorEnvironment("https://sqs.invalid/rejected",
                "https://sqs.invalid/dlq")));
        for (String body : bodies) {
            if (!(reader.read(body) instanceof HitOutcome.Accepted)) {
                throw new IllegalStateException("a benchmark input is not accepted: " + reader.read(body));
            }
        }
        offlinePinpoint = PinpointClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(OfflinePinpoint.httpClient())
                .build();
        // One sender: the benchmark measures one core; the work still hops to the sender thread as in production.
        destination = new PinpointDestination(offlinePinpoint, BenchInputs.APPLICATION_ID, 1);
        List<DeliveryOutcome> outcomes = deliverBatch();
        if (!outcomes.stream().allMatch(o -> o instanceof DeliveryOutcome.Delivered)) {
            throw new IllegalStateException("the offline PutEvents path did not deliver every event: " + outcomes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        destination.close();
        offlinePinpoint.close();
    }

    private String nextBody() {
        String body = bodies.get(next);
        next = next + 1 == bodies.size() ? 0 : next + 1;
        return body;
    }

    @Benchmark
    public Envelope parse() throws MalformedEnvelopeException {
        return EnvelopeParser.parse(nextBody());
    }

    @Benchmark
    public HitOutcome read() {
        return reader.read(nextBody());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public List<DeliveryOutcome> batchOf100() {
        return deliverBatch();
    }

    List<DeliveryOutcome> deliverBatch() {
        List<CustomerEvent> events = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < BATCH_SIZE; i++) {
            events.add(((HitOutcome.Accepted) reader.read(nextBody())).event());
        }
        return destination.deliver(events, Deadline.after(Duration.ofSeconds(30)), new InvocationMetrics());
    }
}
