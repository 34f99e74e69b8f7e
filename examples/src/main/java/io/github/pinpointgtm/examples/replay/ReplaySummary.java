package io.github.pinpointgtm.examples.replay;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one replay run did, per reason: messages moved (or, in a dry run, that would move), skipped (their reason was
 * not selected), failed (the send failed: they stay in the source queue); and the messages sent but not deleted from
 * the source (they will be replayed again by a later run: a duplicate with the same event id, never a loss).
 */
final class ReplaySummary {

    /** How a message without a {@code reason} attribute is listed. */
    static final String NO_REASON = "(none)";

    private static final int MOVED = 0;
    private static final int SKIPPED = 1;
    private static final int FAILED = 2;

    private final boolean dryRun;
    private final Map<String, int[]> counts = new TreeMap<>();
    private int notDeleted;
    private String error;

    ReplaySummary(boolean dryRun) {
        this.dryRun = dryRun;
    }

    void recordMoved(String reason) {
        count(reason, MOVED);
    }

    void recordSkipped(String reason) {
        count(reason, SKIPPED);
    }

    void recordFailed(String reason) {
        count(reason, FAILED);
    }

    void recordNotDeleted() {
        notDeleted++;
    }

    /** Records why the run stopped early (an SQS call that failed as a whole). */
    void stoppedBy(String error) {
        this.error = error;
    }

    int moved() {
        return total(MOVED);
    }

    int skipped() {
        return total(SKIPPED);
    }

    int failed() {
        return total(FAILED);
    }

    /** @return whether everything selected was replayed (or, in a dry run, listed) and nothing stopped the run */
    boolean succeeded() {
        return failed() == 0 && notDeleted == 0 && error == null;
    }

    void print(PrintStream out) {
        String movedHeading = dryRun ? "would move" : "moved";
        String format = "%-32s %10s %8s %7s%n";
        out.printf(format, "reason", movedHeading, "skipped", "failed");
        counts.forEach((reason, row) -> out.printf(format, reason, row[MOVED], row[SKIPPED], row[FAILED]));
        out.printf(format, "total", moved(), skipped(), failed());
        if (notDeleted > 0) {
            out.println(notDeleted + " message(s) were sent to the target but could not be deleted from the source:"
                    + " a later run replays them again (a duplicate with the same event id)");
        }
        if (error != null) {
            out.println("Stopped early: " + error);
        }
        if (dryRun) {
            out.println("Dry run: nothing was moved.");
        }
    }

    private void count(String reason, int column) {
        counts.computeIfAbsent(key(reason), r -> new int[3])[column]++;
    }

    private int total(int column) {
        return counts.values().stream().mapToInt(row -> row[column]).sum();
    }

    private static String key(String reason) {
        return reason == null ? NO_REASON : reason;
    }
}
