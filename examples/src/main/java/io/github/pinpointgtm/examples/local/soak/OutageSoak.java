package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.examples.local.LocalPipeline;
import io.github.pinpointgtm.examples.local.TimeScale;
import io.github.pinpointgtm.examples.local.TimeScaledSqsRelay;
import io.github.pinpointgtm.runtime.retry.BackoffSchedule;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.RecordStreamStandIn;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault soak with a destination outage, in compressed time: the destination's stand-in fails everything for a
 * simulated period far longer than the queue's visibility timeout times its receives ever allowed before the
 * processor backed off on the message (185 s times 5 receives, about 15 minutes), then recovers. The processor is the
 * shipped one with its real backoff; the queue's {@code maxReceiveCount} is the synthesized one (derived from the
 * default {@code outageTolerance}); a {@link TimeScaledSqsRelay} divides the visibility timeouts the processor sets by
 * the {@link TimeScale}, and the outage's length on the wall clock is divided by the same factor. Invocations still
 * crash (the 3rd and every 10th), so duplicates per crash can be compared.
 *
 * <p>Expected: nothing lost, no valid hit dead-lettered, every queued hit delivered (or refused by the policy) once the
 * destination is back.
 */
public final class OutageSoak {

    /** The outage the documented run simulates: 20 hours of the default 24-hour {@code outageTolerance}. */
    public static final Duration DOCUMENTED_OUTAGE = Duration.ofHours(20);
    /** The documented run's compression: one wall-clock second stands for a minute. */
    public static final TimeScale DOCUMENTED_SCALE = new TimeScale(60);
    /** The soak's queue visibility timeout and function timeout, the fault soak's: they bound real-time work. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(8);
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(6);
    /** Wall-clock time for the backlog after the longest postponement has ended (invocations run in real time). */
    static final Duration DRAIN_MARGIN = Duration.ofMinutes(2);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(2);

    /** What fails during the outage. */
    public enum Outage {
        /** Pinpoint answers every {@code PutEvents} request 503. */
        SERVER_ERRORS(ExampleDestination.PINPOINT),
        /** Kinesis Data Streams refuses every record with {@code ProvisionedThroughputExceededException}. */
        THROTTLED_RECORDS(ExampleDestination.KINESIS);

        private final ExampleDestination destination;

        Outage(ExampleDestination destination) {
            this.destination = destination;
        }

        public ExampleDestination destination() {
            return destination;
        }
    }

    /**
     * One run.
     *
     * @param outage          what fails
     * @param hits            hits to send at the outage's start (every 50th hostile or invalid)
     * @param simulatedOutage the outage's length in simulated time
     * @param timeScale       simulated seconds per wall-clock second
     * @param seed            the seed of the relay's rounding
     */
    public record Settings(Outage outage, int hits, Duration simulatedOutage, TimeScale timeScale, long seed) {
        public Settings {
            Objects.requireNonNull(outage, "outage");
            Objects.requireNonNull(simulatedOutage, "simulatedOutage");
            Objects.requireNonNull(timeScale, "timeScale");
            if (hits < 1) {
                throw new IllegalArgumentException("hits must be positive, was " + hits);
            }
        }
    }

    /**
     * The figures of one run.
     *
     * @param settings            the run's settings
     * @param figures             hits, delivered, rejected, dead-lettered, lost, duplicates, crashes
     * @param failedDuringOutage  requests (server errors) or records (throttles) the stand-in failed
     * @param maxReceiveCount     the synthesized redrive policy's receives
     * @param highestReceiveCount the highest receive count a message reached
     * @param postponements       the visibility timeouts the processor set
     * @param simulatedBackoff    their sum in simulated time
     * @param simulatedDrain      from the destination's recovery to the last delivery, in simulated time
     * @param simulatedElapsed    from the outage's start to the end of the run, in simulated time
     */
    public record Result(Settings settings, FaultSoak.Result figures, long failedDuringOutage, int maxReceiveCount,
                         int highestReceiveCount, long postponements, Duration simulatedBackoff,
                         Duration simulatedDrain, Duration simulatedElapsed) {

        /** @return extra recordings per crashed invocation */
        public double duplicatesPerCrash() {
            return figures.crashedInvocations() == 0 ? 0 : (double) figures.duplicates() / figures.crashedInvocations();
        }

        /** @return nothing lost or misplaced, nothing dead-lettered, every queued hit delivered or refused by policy */
        public boolean survived() {
            return figures.lost() == 0 && figures.misplaced() == 0 && figures.deadLetteredTotal() == 0
                    && figures.redriven() == 0 && figures.delivered() + figures.rejectedTotal() == figures.queued();
        }

        @Override
        public String toString() {
            return settings.outage() + " for " + settings.simulatedOutage().toMinutes() + " simulated minutes at "
                    + settings.timeScale().factor() + "x: " + figures + ", failed during the outage "
                    + failedDuringOutage + ", highest receive count " + highestReceiveCount + " of "
                    + maxReceiveCount + ", postponements " + postponements + " (" + simulatedBackoff.toMinutes()
                    + " simulated minutes), duplicates per crash " + String.format("%.1f", duplicatesPerCrash())
                    + ", last delivery " + simulatedDrain.toMinutes() + " simulated minutes after the recovery"
                    + ", simulated elapsed " + simulatedElapsed.toMinutes() + " min";
        }
    }

    private OutageSoak() {
    }

    /** Sends the hits as the outage starts, waits for its end and the backlog to drain, and counts. */
    public static Result run(Settings settings) throws Exception {
        Objects.requireNonNull(settings, "settings");
        TimeScale scale = settings.timeScale();
        System.out.println("Outage soak: " + settings);
        long started = System.nanoTime();
        AtomicLong lastDelivery = new AtomicLong(started);
        LocalPipeline pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withDestination(settings.outage().destination())
                .withTimeouts(VISIBILITY_TIMEOUT, FUNCTION_TIMEOUT)
                .withPollerConcurrency(3)
                .withCrashes(number -> number == 3 || number % FaultSoak.CRASH_EVERY == 0)
                .withEventListener(event -> lastDelivery.accumulateAndGet(System.nanoTime(), Math::max)),
                scale, settings.seed());
        try {
            Set<String> warmUp = warmUp(pipeline);
            long outageStarts = System.nanoTime();
            long outageEnds = outageStarts + scale.toWallClock(settings.simulatedOutage()).toNanos();
            AtomicLong failed = new AtomicLong();
            AwsApiStandIn<?> standIn = failUntil(pipeline, settings.outage(), outageEnds, failed);
            int refused = SoakHits.send(pipeline, settings.hits());
            Set<String> queued = new HashSet<>(pipeline.queuedRequestIds());
            queued.removeAll(warmUp);
            long deadline = outageEnds + scale.toWallClock(BackoffSchedule.CAP).toNanos() + DRAIN_MARGIN.toNanos();
            while (System.nanoTime() < outageEnds
                    || System.nanoTime() < deadline && !SoakTally.settled(pipeline, queued)) {
                Thread.sleep(500);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            FaultSoak.Result figures = SoakTally.result(pipeline, settings.hits(), queued, refused,
                    standIn.answersByStatus(), elapsed);
            TimeScaledSqsRelay relay = pipeline.sqsRelay();
            return new Result(settings, figures, failed.get(), pipeline.synthesized().maxReceiveCount(),
                    pipeline.poller().highestReceiveCount(), relay == null ? 0 : relay.compressedTimeouts(),
                    Duration.ofSeconds(relay == null ? 0 : relay.simulatedSeconds()),
                    scale.toSimulated(Duration.ofNanos(Math.max(0, lastDelivery.get() - outageEnds))),
                    scale.toSimulated(Duration.ofNanos(System.nanoTime() - outageStarts)));
        } finally {
            FaultSoak.close(pipeline);
        }
    }

    /**
     * Sends one hit and waits for its delivery, so the processor's first invocation (class loading, clients) is over
     * before the outage starts: at a high time scale its real-time seconds would be hours of the outage.
     *
     * @return the request ids of the warm-up, left out of the figures
     */
    private static Set<String> warmUp(LocalPipeline pipeline) throws Exception {
        SoakHits.send(pipeline, 1);
        long deadline = System.nanoTime() + WARM_UP_TIMEOUT.toNanos();
        while (pipeline.recordedEvents().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up hit was not delivered within " + WARM_UP_TIMEOUT);
            }
            Thread.sleep(100);
        }
        return new HashSet<>(pipeline.queuedRequestIds());
    }

    /** Makes the pipeline's stand-in fail everything until {@code outageEnds} (a {@link System#nanoTime()}). */
    private static AwsApiStandIn<?> failUntil(LocalPipeline pipeline, Outage outage, long outageEnds,
                                              AtomicLong failed) {
        return switch (outage) {
            case SERVER_ERRORS -> {
                PinpointStandIn pinpoint = pipeline.standIn(PinpointStandIn.class);
                pinpoint.faults(new PinpointStandIn.FaultInjector() {
                    @Override
                    public RequestFault onRequest(int requestNumber, List<PinpointStandIn.RecordedEvent> events) {
                        if (System.nanoTime() - outageEnds >= 0) {
                            return RequestFault.NONE;
                        }
                        failed.incrementAndGet();
                        return RequestFault.status(503, "InternalServerErrorException");
                    }
                });
                yield pinpoint;
            }
            case THROTTLED_RECORDS -> {
                KinesisStandIn kinesis = pipeline.standIn(KinesisStandIn.class);
                kinesis.faults(new RecordStreamStandIn.FaultInjector() {
                    @Override
                    public RecordStreamStandIn.RecordFault onRecord(RecordStreamStandIn.ReceivedRecord record) {
                        if (System.nanoTime() - outageEnds >= 0) {
                            return null;
                        }
                        failed.incrementAndGet();
                        return new RecordStreamStandIn.RecordFault("ProvisionedThroughputExceededException",
                                "Rate exceeded for shard " + KinesisStandIn.shardOf(record.partitionKey()));
                    }
                });
                yield kinesis;
            }
        };
    }
}
