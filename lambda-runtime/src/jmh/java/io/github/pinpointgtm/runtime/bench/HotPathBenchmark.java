package io.github.pinpointgtm.runtime.bench;

import io.github.pinpointgtm.runtime.config.DestinationType;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The processor's hot path on one thread, every score in events per second:
 * <ul>
 *   <li>{@code parse}: {@link EnvelopeParser#parse} of one SQS body;</li>
 *   <li>{@code read}: parse, policy and mapping ({@link io.github.pinpointgtm.runtime.mapping.HitReader#read}) of
 *       one body;</li>
 *   <li>{@code batchOf100}, per destination: a batch of 100 bodies read and delivered by the destination the
 *       processor builds (planning, the request built, marshalled and signed by the real SDK client, answered in
 *       memory by the destination's own offline answer, the per-event results read back);</li>
 *   <li>{@code sdkCallOf100}, per destination: the SDK's part alone, the same destination's requests for 100 events
 *       built ahead and handed to the client (marshalling, signing, the in-memory answer, response parsing);</li>
 *   <li>{@code answerOf100}, per destination: the in-memory answer alone to those requests, the benchmark's stand-in
 *       for the HTTP exchange (production pays a real exchange instead).</li>
 * </ul>
 * The per-destination scores are per event ({@code @OperationsPerInvocation(100)}); Pinpoint takes the 100 events in
 * one {@code PutEvents} call, Kinesis and Firehose in one {@code PutRecords} / {@code PutRecordBatch} call,
 * EventBridge in ten {@code PutEvents} calls (10 entries each). Inputs: {@link BenchInputs}, the golden envelopes the
 * processor accepts, each with its own endpoint.
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
    static final int MESSAGES = 1_000;

    private Bodies bodies;
    private BenchDestination pinpoint;

    /** The benchmark's SQS bodies, handed out in a cycle. */
    static final class Bodies {
        private final List<String> all = BenchInputs.messageBodies(MESSAGES);
        private int next;

        String next() {
            String body = all.get(next);
            next = next + 1 == all.size() ? 0 : next + 1;
            return body;
        }

        List<String> batch(int index) {
            return all.subList(index * BATCH_SIZE, (index + 1) * BATCH_SIZE);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        bodies = new Bodies();
        pinpoint = BenchDestination.of(DestinationType.PINPOINT);
        pinpoint.read(bodies.all); // throws if an input is rejected
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pinpoint.close();
    }

    @Benchmark
    public Envelope parse() throws MalformedEnvelopeException {
        return EnvelopeParser.parse(bodies.next());
    }

    @Benchmark
    public HitOutcome read() {
        return pinpoint.read(bodies.next());
    }

    /** One destination's delivery and its parts; see the class's description. */
    @State(Scope.Thread)
    public static class Destination {

        @Param({"pinpoint", "kinesis", "firehose", "eventbridge"})
        public String type;

        private BenchDestination destination;
        private Bodies bodies;
        private Runnable[] sdkCalls;
        private Runnable[] answers;
        private int nextPrebuilt;

        @Setup(Level.Trial)
        public void setUp() {
            destination = BenchDestination.of(DestinationType.fromValue(type));
            bodies = new Bodies();
            int batches = MESSAGES / BATCH_SIZE;
            sdkCalls = new Runnable[batches];
            answers = new Runnable[batches];
            for (int i = 0; i < batches; i++) {
                List<CustomerEvent> events = destination.read(bodies.batch(i));
                List<DeliveryOutcome> outcomes = destination.deliver(events);
                if (!outcomes.stream().allMatch(o -> o instanceof DeliveryOutcome.Delivered)) {
                    throw new IllegalStateException(type + ": the offline path did not deliver every event: " + outcomes);
                }
                sdkCalls[i] = destination.sdkCallAlone(events);
                answers[i] = destination.answerAlone(events);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            destination.close();
        }

        /** Reads the next 100 bodies and delivers their events. */
        List<DeliveryOutcome> deliverBatch() {
            List<CustomerEvent> events = new ArrayList<>(BATCH_SIZE);
            for (int i = 0; i < BATCH_SIZE; i++) {
                events.add(((HitOutcome.Accepted) destination.read(bodies.next())).event());
            }
            return destination.deliver(events);
        }

        /** Sends the next prebuilt requests of 100 events through the SDK client. */
        void sdkCall() {
            sdkCalls[nextPrebuilt()].run();
        }

        /** Answers the next captured requests of 100 events in memory. */
        void answer() {
            answers[nextPrebuilt()].run();
        }

        private int nextPrebuilt() {
            int index = nextPrebuilt;
            nextPrebuilt = index + 1 == sdkCalls.length ? 0 : index + 1;
            return index;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public List<DeliveryOutcome> batchOf100(Destination destination) {
        return destination.deliverBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void sdkCallOf100(Destination destination) {
        destination.sdkCall();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void answerOf100(Destination destination) {
        destination.answer();
    }
}
