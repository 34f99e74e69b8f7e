package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.local.SideQueueLog;
import io.github.pinpointgtm.examples.local.LocalPipeline;
import io.github.pinpointgtm.examples.local.RecordedEvent;
import io.github.pinpointgtm.runtime.testsupport.PinpointStandIn;
import io.github.pinpointgtm.runtime.testsupport.Seeds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
            String origin = "http://127.0.0.1:" + pipeline.baseUrl().getPort();
            ExecutorService httpThreads = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(httpThreads).build();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < hits; i++) {
                int hit = i;
                sending.add(senders.submit(() -> {
                    int status = send(http, pipeline.eventsUrl(), origin, hit);
                    if (status == 414) {
                        refused.incrementAndGet();
                    } else if (status != 200 && status != 202) {
                        throw new IllegalStateException("hit " + hit + " answered " + status);
                    }
                    return null;
                }));
            }
            for (Future<?> future : sending) {
                future.get();
            }
            senders.shutdown();
            httpThreads.shutdown();
            Set<String> queued = new HashSet<>(pipeline.queuedRequestIds());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !settled(pipeline, queued)) {
                Thread.sleep(500);
            }
            return result(pipeline, hits, queued, refused.get(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            close(pipeline);
        }
    }

    /** The figures are taken before closing: a slow shutdown of the embedded SQS server does not void them. */
    private static void close(LocalPipeline pipeline) {
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

    private static boolean settled(LocalPipeline pipeline, Set<String> queued) {
        Set<String> seen = new HashSet<>();
        pipeline.recordedEvents().forEach(event -> seen.add(event.eventId()));
        pipeline.rejectedHits().forEach(letter -> seen.add(letter.requestId()));
        pipeline.deadLetters().forEach(letter -> seen.add(letter.requestId()));
        return seen.containsAll(queued);
    }

    private static Result result(LocalPipeline pipeline, int sent, Set<String> queued, int refused,
            Duration elapsed) {
        Map<String, Integer> recordings = new HashMap<>();
        for (RecordedEvent event : pipeline.recordedEvents()) {
            recordings.merge(event.eventId(), 1, Integer::sum);
        }
        // Each hit is counted in one place: delivered, else rejected, else dead-lettered. A crashed invocation's hit
        // may be set aside twice, or redriven by SQS after it was handled: never counted twice.
        Set<String> misplaced = new HashSet<>();
        Map<String, Integer> rejected = new TreeMap<>();
        Set<String> inRejected = new HashSet<>();
        for (SideQueueLog.Letter letter : pipeline.rejectedHits()) {
            String id = letter.requestId();
            if (id == null || !queued.contains(id)) {
                continue;
            }
            if (recordings.containsKey(id)) {
                misplaced.add(id);
            } else if (inRejected.add(id)) {
                rejected.merge(letter.reason(), 1, Integer::sum);
            }
        }
        Map<String, Integer> deadLettered = new TreeMap<>();
        Set<String> inDeadLetters = new HashSet<>();
        int redriven = 0;
        for (SideQueueLog.Letter letter : pipeline.deadLetters()) {
            String id = letter.requestId();
            if (id == null || !queued.contains(id)) {
                continue;
            }
            if (letter.reason() != null && (recordings.containsKey(id) || inRejected.contains(id))) {
                misplaced.add(id);
            }
            if (recordings.containsKey(id) || inRejected.contains(id) || !inDeadLetters.add(id)) {
                continue;
            }
            if (letter.reason() == null) {
                redriven++;
            } else {
                deadLettered.merge(letter.reason(), 1, Integer::sum);
            }
        }
        int delivered = 0;
        int duplicates = 0;
        for (String id : queued) {
            Integer count = recordings.get(id);
            if (count != null) {
                delivered++;
                duplicates += count - 1;
            }
        }
        int lost = 0;
        for (String id : queued) {
            if (!recordings.containsKey(id) && !inRejected.contains(id) && !inDeadLetters.contains(id)) {
                lost++;
            }
        }
        return new Result(sent, queued.size(), refused, delivered, rejected, deadLettered, redriven, misplaced.size(),
                lost, duplicates,
                pipeline.poller().crashedInvocations(), pipeline.standIn(PinpointStandIn.class).answersByStatus(),
                elapsed);
    }

    /** Every 50th hit is hostile or invalid; of the rest, one in ten is a beacon, the others pixels. */
    private static int send(HttpClient http, URI events, String origin, int hit) throws IOException,
            InterruptedException {
        String endpoint = "soak-" + (hit % 997);
        HttpRequest.Builder request;
        if (hit % 50 == 49) {
            List<String> hostile = HostileQueries.all(endpoint);
            int pick = (hit / 50) % (hostile.size() + 2);
            String query = pick < hostile.size() ? hostile.get(pick)
                    : pick == hostile.size() ? "endpoint_id=" + endpoint // invalid: no event type
                    : "event=purchase&endpoint_id=" + endpoint + "&evat_pad=" + "x".repeat(10_300); // over 10 KB
            request = HttpRequest.newBuilder(URI.create(events + "?" + query)).GET();
        } else if (hit % 10 == 0) {
            request = HttpRequest.newBuilder(events).header("Content-Type", "text/plain;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"beacon\",\"endpoint_id\":\"" + endpoint
                            + "\",\"evat_hit\":\"" + hit + "\"}"));
        } else {
            request = HttpRequest.newBuilder(URI.create(events + "?event=page_view&endpoint_id=" + endpoint
                    + "&evat_hit=" + hit + "&evmt_value=" + (hit % 100) + "&gtmcb=" + hit)).GET();
        }
        // A browser's User-Agent: Java's own (Java-http-client) is an HTTP library's, refused as a bot's.
        request.header("Origin", origin).header("User-Agent", "Mozilla/5.0 (fault soak)")
                .timeout(Duration.ofSeconds(30));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
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
