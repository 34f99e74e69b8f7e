package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.local.LocalPipeline;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.Seeds;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A bounded run of hits through the local pipeline (destination Pinpoint) while the Pinpoint stand-in throttles, fails, answers slowly and
 * refuses single events, and some invocations crash mid-batch. Afterwards every queued hit must be in exactly one of
 * three places: delivered, in the rejected queue (refused by the policy) or in the dead-letter queue (refused by the
 * destination, or redriven by SQS); duplicates (a hit recorded twice after a crash or a lost answer) are counted.
 */
public final class FaultSoak {

    /** Fault rates of the stand-in, per request (events: per event). */
    static final double THROTTLE = 0.15;
    static final double SERVER_ERROR = 0.10;
    static final double SLOW = 0.05;
    static final Duration SLOW_ANSWER = Duration.ofMillis(1_500);
    static final double REFUSED_EVENT = 0.01;
    /** Every n-th invocation crashes (and the 3rd, so even a short run has one). */
    static final int CRASH_EVERY = 10;
    /** The system property that sets the seed of the injected faults, e.g. {@code -Dsoak.seed=42}. */
    public static final String SEED_PROPERTY = "soak.seed";

    /**
     * The figures of one run.
     *
     * @param sent            hits sent to the gateway
     * @param queued          hits the gateway queued (answered 200/202)
     * @param refusedByGateway hits the gateway refused (414 for a URL over 10,240 characters), never queued
     * @param delivered       queued hits recorded by the destination (counted once)
     * @param rejected        queued hits in the rejected queue (refused by the policy), by reason
     * @param deadLettered    queued hits in the dead-letter queue with a reason (refused by the destination), by reason
     * @param redriven        queued hits SQS's redrive moved to the dead-letter queue (no reason)
     * @param misplaced       queued hits in both the rejected queue and the dead-letter queue with a reason, or
     *                        delivered and also set aside with a reason
     * @param lost            queued hits found nowhere
     * @param duplicates      extra recordings of hits recorded more than once
     * @param crashedInvocations invocations abandoned mid-batch
     * @param answersByStatus the stand-in's answers by HTTP status
     * @param elapsed         the run's duration
     */
    public record Result(int sent, int queued, int refusedByGateway, int delivered, Map<String, Integer> rejected,
                         Map<String, Integer> deadLettered, int redriven, int misplaced, int lost, int duplicates,
                         int crashedInvocations, Map<Integer, Integer> answersByStatus, Duration elapsed) {

        public int rejectedTotal() {
            return rejected.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int deadLetteredTotal() {
            return deadLettered.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "sent " + sent + ", queued " + queued + ", refused by the gateway (414) " + refusedByGateway
                    + ", delivered " + delivered + ", rejected " + rejectedTotal() + " " + rejected
                    + ", dead-lettered with a reason " + deadLetteredTotal() + " " + deadLettered
                    + ", redriven by SQS " + redriven + ", misplaced " + misplaced + ", lost " + lost
                    + ", duplicates " + duplicates
                    + ", crashed invocations " + crashedInvocations + ", stand-in answers " + answersByStatus
                    + ", elapsed " + elapsed.toSeconds() + " s";
        }
    }

    private FaultSoak() {
    }

    /**
     * Runs with the seed {@value #SEED_PROPERTY} sets, else a new random one.
     *
     * @param hits    how many hits to send (every 50th is hostile or invalid)
     * @param timeout how long to wait for the queue to drain after sending
     */
    public static Result run(int hits, Duration timeout) throws Exception {
        return run(hits, timeout, seed());
    }

    /**
     * @param hits    how many hits to send (every 50th is hostile or invalid)
     * @param timeout how long to wait for the queue to drain after sending
     * @param seed    the seed of the injected faults: each request's fault follows from it and the request's number,
     *                each event's refusal from it and the hit
     */
    public static Result run(int hits, Duration timeout, long seed) throws Exception {
        System.out.println("Fault soak seed: " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed + ")");
        long started = System.nanoTime();
        LocalPipeline.Options options = LocalPipeline.Options.defaults(0)
                .withTimeouts(Duration.ofSeconds(8), Duration.ofSeconds(6))
                .withPollerConcurrency(3)
                .withCrashes(number -> number == 3 || number % CRASH_EVERY == 0);
        LocalPipeline pipeline = LocalPipeline.start(options);
        try {
            pipeline.standIn(PinpointStandIn.class).faults(new RandomFaults(seed));
            int refused = SoakHits.send(pipeline, hits);
            Set<String> queued = new HashSet<>(pipeline.queuedRequestIds());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !SoakTally.settled(pipeline, queued)) {
                Thread.sleep(500);
            }
            return SoakTally.result(pipeline, hits, queued, refused,
                    pipeline.standIn(PinpointStandIn.class).answersByStatus(),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            close(pipeline);
        }
    }

    /** The figures are taken before closing: a slow shutdown of the embedded SQS server does not void them. */
    static void close(LocalPipeline pipeline) {
        try {
            pipeline.close();
        } catch (Exception e) { // ElasticMQ's stop throws Scala's TimeoutException, a checked one, undeclared
            System.err.println("fault soak: closing the local pipeline failed after the figures were taken: " + e);
        }
    }

    /** @return the seed {@value #SEED_PROPERTY} sets, else a new random one */
    static long seed() {
        return Seeds.fromSystemProperty(SEED_PROPERTY);
    }

    /**
     * The stand-in's faults, drawn per request from the seed and the request's number (a slow answer and a failure
     * independently, the delay first); refusals follow from the seed and the hit (stable on retries).
     */
    static final class RandomFaults implements PinpointStandIn.FaultInjector {
        /**
         * Spreads numbers over the seed space. Not SplittableRandom's own increment: with it, consecutive requests would
         * share draws.
         */
        private static final long SPREAD = 0xBF58476D1CE4E5B9L;
        /** Keeps the refusals' draws apart from the requests'. */
        private static final long REFUSALS = 0x94D049BB133111EBL;

        private final long seed;

        RandomFaults(long seed) {
            this.seed = seed;
        }

        @Override
        public PinpointStandIn.RequestFault onRequest(int requestNumber, List<PinpointStandIn.RecordedEvent> events) {
            SplittableRandom random = new SplittableRandom(seed + requestNumber * SPREAD);
            Duration delay = random.nextDouble() < SLOW ? SLOW_ANSWER : Duration.ZERO;
            double value = random.nextDouble();
            if (value < THROTTLE) {
                return new PinpointStandIn.RequestFault(429, "TooManyRequestsException", delay);
            }
            if (value < THROTTLE + SERVER_ERROR) {
                return new PinpointStandIn.RequestFault(value < THROTTLE + SERVER_ERROR / 2 ? 500 : 503,
                        "InternalServerErrorException", delay);
            }
            return PinpointStandIn.RequestFault.slow(delay);
        }

        @Override
        public String rejectEvent(PinpointStandIn.RecordedEvent event) {
            // The hit's number, not the event id: the gateway's request ids are random UUIDs.
            String hit = event.attributes().getOrDefault("hit", event.endpointId());
            SplittableRandom random = new SplittableRandom((seed ^ REFUSALS) + hit.hashCode() * SPREAD);
            return random.nextDouble() < REFUSED_EVENT ? "injected per-event refusal" : null;
        }
    }
}
