package io.github.pinpointgtm.examples.replay;

import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.deadletter.SendMessageBatchPlan;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * One replay run: receives messages from the source queue, sends those the filter selects to the target queue with
 * their body unchanged and no message attributes (exactly what API Gateway wrote, so the processor maps a replayed
 * hit to the same event id), and deletes each from the source only after its send succeeded.
 *
 * <p>Every other received message (not selected, send failed, or every message in a dry run) stays hidden while the
 * run lasts, so no receive returns it twice and the run ends, and is made visible again at the end. Should the run be
 * killed, they reappear by themselves after {@link #HOLD_SECONDS}.
 */
final class QueueReplay {

    /** How long received messages stay hidden from other receivers while the run lasts (SQS allows up to 12 h). */
    static final int HOLD_SECONDS = 900;
    /** Long polling asks every SQS server, so an empty answer means the queue has no visible message left. */
    static final int WAIT_SECONDS = 1;
    /** SQS's entries per batch call. */
    private static final int MAX_ENTRIES_PER_CALL = SendMessageBatchPlan.MAX_ENTRIES_PER_CALL;

    private final SqsClient sqs;
    private final ReplayOptions options;
    private final PrintStream out;
    private final ReplaySummary summary;
    /** Message id to its latest receipt handle: what to make visible again at the end. */
    private final Map<String, String> held = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();

    QueueReplay(SqsClient sqs, ReplayOptions options, PrintStream out) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.summary = new ReplaySummary(options.dryRun());
    }

    /** Runs until the source has no visible message left or the limit is reached. */
    ReplaySummary run() {
        int remaining = options.limit();
        try {
            while (remaining > 0) {
                List<Message> fresh = receive(Math.min(MAX_ENTRIES_PER_CALL, remaining));
                if (fresh.isEmpty()) {
                    break;
                }
                List<Message> selected = new ArrayList<>();
                for (Message message : fresh) {
                    if (options.filter().matches(reason(message))) {
                        selected.add(message);
                    } else {
                        summary.recordSkipped(reason(message));
                        held.put(message.messageId(), message.receiptHandle());
                    }
                }
                remaining -= selected.size();
                if (options.dryRun()) {
                    list(selected);
                } else {
                    move(selected);
                }
            }
        } catch (SdkException e) {
            summary.stoppedBy(describe(e));
        } finally {
            release();
        }
        return summary;
    }

    /**
     * @return the received messages not seen before in this run (empty when the queue has no visible message left;
     *         a message seen again has outlived {@link #HOLD_SECONDS}, and the run ends rather than go round again)
     */
    private List<Message> receive(int maxMessages) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(options.sourceQueueUrl())
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(WAIT_SECONDS)
                .visibilityTimeout(HOLD_SECONDS)
                .messageAttributeNames("All")).messages();
        List<Message> fresh = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (seen.add(message.messageId())) {
                fresh.add(message);
            } else {
                held.replace(message.messageId(), message.receiptHandle());
            }
        }
        return fresh;
    }

    private void list(List<Message> selected) {
        for (Message message : selected) {
            out.println("would move " + message.messageId() + "  reason=" + printable(reason(message))
                    + "  detail=" + printable(attribute(message, DeadLetterPublisher.DETAIL_ATTRIBUTE)));
            summary.recordMoved(reason(message));
            held.put(message.messageId(), message.receiptHandle());
        }
    }

    private void move(List<Message> selected) {
        for (List<Message> call : calls(selected)) {
            List<Message> sent = send(call);
            if (!sent.isEmpty()) {
                delete(sent);
            }
        }
    }

    /** @return the messages the target queue took; the others are counted as failed and stay in the source */
    private List<Message> send(List<Message> call) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(call.size());
        for (int i = 0; i < call.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(entryId(i)).messageBody(call.get(i).body()).build());
        }
        Map<String, String> failures = new LinkedHashMap<>();
        List<Message> sent = new ArrayList<>(call.size());
        try {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(options.targetQueueUrl())
                    .entries(entries));
            response.successful().forEach(ok -> sent.add(call.get(indexOf(ok.id()))));
            for (BatchResultErrorEntry error : response.failed()) {
                failures.put(error.id(), error.code() + ": " + error.message());
            }
            for (int i = 0; i < call.size(); i++) {
                if (!sent.contains(call.get(i))) {
                    failures.putIfAbsent(entryId(i), "SQS did not report this entry");
                }
            }
        } catch (SdkException e) {
            for (int i = 0; i < call.size(); i++) {
                failures.put(entryId(i), describe(e));
            }
        }
        failures.forEach((id, why) -> {
            Message message = call.get(indexOf(id));
            out.println("failed " + message.messageId() + "  reason=" + printable(reason(message)) + ": " + why);
            summary.recordFailed(reason(message));
            held.put(message.messageId(), message.receiptHandle());
        });
        return sent;
    }

    private void delete(List<Message> sent) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(entryId(i))
                    .receiptHandle(sent.get(i).receiptHandle()).build());
        }
        Set<String> notDeleted = new HashSet<>();
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(options.sourceQueueUrl())
                    .entries(entries));
            response.failed().forEach(error -> notDeleted.add(error.id()));
        } catch (SdkException e) {
            for (int i = 0; i < sent.size(); i++) {
                notDeleted.add(entryId(i));
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            Message message = sent.get(i);
            summary.recordMoved(reason(message));
            if (notDeleted.contains(entryId(i))) {
                out.println("sent but not deleted " + message.messageId() + ": a later run replays it again");
                summary.recordNotDeleted();
            }
        }
    }

    /** Makes every held message visible again at once; one that fails reappears after {@link #HOLD_SECONDS}. */
    private void release() {
        List<Map.Entry<String, String>> all = new ArrayList<>(held.entrySet());
        int notReleased = 0;
        for (int start = 0; start < all.size(); start += MAX_ENTRIES_PER_CALL) {
            List<Map.Entry<String, String>> chunk = all.subList(start, Math.min(all.size(),
                    start + MAX_ENTRIES_PER_CALL));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(entryId(i))
                        .receiptHandle(chunk.get(i).getValue()).visibilityTimeout(0).build());
            }
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b
                        .queueUrl(options.sourceQueueUrl()).entries(entries));
                notReleased += response.failed().size();
            } catch (SdkException e) {
                notReleased += chunk.size();
            }
        }
        if (notReleased > 0) {
            out.println(notReleased + " message(s) left in the source could not be made visible again: they reappear"
                    + " by themselves within " + HOLD_SECONDS + " seconds");
        }
        held.clear();
    }

    /** Groups messages into {@code SendMessageBatch} calls within SQS's limits, by their body's size. */
    static List<List<Message>> calls(List<Message> messages) {
        List<List<Message>> calls = new ArrayList<>();
        for (List<Integer> call : SendMessageBatchPlan.plan(messages.size(),
                i -> messages.get(i).body().getBytes(StandardCharsets.UTF_8).length)) {
            calls.add(call.stream().map(messages::get).toList());
        }
        return calls;
    }

    private static String reason(Message message) {
        return attribute(message, DeadLetterPublisher.REASON_ATTRIBUTE);
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /** Keeps one message on one line (details may hold anything a hit sent). */
    private static String printable(String value) {
        if (value == null) {
            return ReplaySummary.NO_REASON;
        }
        StringBuilder line = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> line.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return line.toString();
    }

    private static String describe(SdkException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String entryId(int index) {
        return "m" + index;
    }

    private static int indexOf(String entryId) {
        return Integer.parseInt(entryId.substring(1));
    }
}
