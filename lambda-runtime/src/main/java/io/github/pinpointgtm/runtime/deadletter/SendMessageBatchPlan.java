package io.github.pinpointgtm.runtime.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/** Groups messages, in order, into SQS {@code SendMessageBatch} calls within SQS's per-call limits. */
public final class SendMessageBatchPlan {

    /** SQS's entries per {@code SendMessageBatch}. */
    public static final int MAX_ENTRIES_PER_CALL = 10;
    /**
     * SQS's total payload per {@code SendMessageBatch} was 256 KiB (raised to 1 MiB in 2025); the older limit is used
     * so the calls work with queues configured either way. A larger single message is sent alone.
     */
    public static final long MAX_BYTES_PER_CALL = 256 * 1024;

    private SendMessageBatchPlan() {
    }

    /**
     * @param count        how many messages
     * @param payloadBytes the bytes SQS counts for the message at an index (body and message attributes)
     * @return the messages' indexes grouped into calls of at most {@value #MAX_ENTRIES_PER_CALL} entries and
     *         {@value #MAX_BYTES_PER_CALL} bytes (a larger message alone), in order
     */
    public static List<List<Integer>> plan(int count, IntToLongFunction payloadBytes) {
        List<List<Integer>> calls = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long currentBytes = 0;
        for (int i = 0; i < count; i++) {
            long bytes = payloadBytes.applyAsLong(i);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES_PER_CALL || currentBytes + bytes > MAX_BYTES_PER_CALL)) {
                calls.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(i);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }
}
