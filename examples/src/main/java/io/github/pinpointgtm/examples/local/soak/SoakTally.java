package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.local.LocalPipeline;
import io.github.pinpointgtm.examples.local.RecordedEvent;
import io.github.pinpointgtm.examples.local.SideQueueLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Finds every queued hit of a soak: delivered, rejected, dead-lettered or lost, and counts duplicates. */
final class SoakTally {

    private SoakTally() {
    }

    /** @return whether every queued hit is delivered or in a side queue */
    static boolean settled(LocalPipeline pipeline, Set<String> queued) {
        Set<String> seen = new HashSet<>();
        pipeline.recordedEvents().forEach(event -> seen.add(event.eventId()));
        pipeline.rejectedHits().forEach(letter -> seen.add(letter.requestId()));
        pipeline.deadLetters().forEach(letter -> seen.add(letter.requestId()));
        return seen.containsAll(queued);
    }

    /**
     * @param sent            hits sent
     * @param queued          the request ids the gateway queued
     * @param refused         hits the gateway refused (414)
     * @param answersByStatus the destination stand-in's answers by HTTP status
     * @param elapsed         the run's wall-clock duration
     */
    static FaultSoak.Result result(LocalPipeline pipeline, int sent, Set<String> queued, int refused,
            Map<Integer, Integer> answersByStatus, Duration elapsed) {
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
        return new FaultSoak.Result(sent, queued.size(), refused, delivered, rejected, deadLettered, redriven,
                misplaced.size(), lost, duplicates, pipeline.poller().crashedInvocations(), answersByStatus, elapsed);
    }
}
