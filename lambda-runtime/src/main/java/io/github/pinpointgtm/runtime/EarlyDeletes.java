package io.github.pinpointgtm.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DestinationCalls;
import io.github.pinpointgtm.runtime.source.SourceQueueDeletes;
import io.github.pinpointgtm.runtime.source.SourceQueues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletes the messages of each accepted destination request from the source queue as soon as the destination's answer
 * is read, on threads of its own so delivery goes on meanwhile. A crash later in the invocation (an {@link Error}, a
 * timeout, a killed sandbox) then makes SQS deliver only the messages not delivered yet, instead of the whole batch.
 *
 * <p>A delete that fails changes nothing for its message: it is still delivered, and Lambda deletes it at the end of
 * the invocation, since the partial batch response does not name it.
 */
final class EarlyDeletes {

    /** Calls to SQS at once: a batch of 100 messages needs 10 {@code DeleteMessageBatch} calls. */
    static final int CONCURRENT_CALLS = 2;

    private final SourceQueueDeletes deletes;
    private final ExecutorService callers = DestinationCalls.senders("sqs-early-delete", CONCURRENT_CALLS);

    /** @param deletes deletes messages from their source queue */
    EarlyDeletes(SourceQueueDeletes deletes) {
        this.deletes = Objects.requireNonNull(deletes, "deletes");
    }

    /**
     * @param messages       the invocation's messages
     * @param messageIndexes for each event given to the destination, in order, the index of its message
     * @param deadline       when to stop calling SQS
     * @return the deletes of one invocation's delivery
     */
    Invocation begin(List<SQSMessage> messages, List<Integer> messageIndexes, Deadline deadline) {
        return new Invocation(messages, List.copyOf(messageIndexes), deadline);
    }

    /** The deletes started for some messages. */
    private record Call(int messages, Future<List<String>> result) {
    }

    /** The deletes of one invocation's delivery; {@link #delivered} is called from the destination's threads. */
    final class Invocation {
        private final List<SQSMessage> messages;
        private final List<Integer> messageIndexes;
        private final Deadline deadline;
        private final Set<Integer> deliveredMessages = ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

        private Invocation(List<SQSMessage> messages, List<Integer> messageIndexes, Deadline deadline) {
            this.messages = messages;
            this.messageIndexes = messageIndexes;
            this.deadline = deadline;
        }

        /**
         * Starts deleting the messages of events an accepted request delivered.
         *
         * @param positions the events' positions in the list given to the destination
         */
        void delivered(List<Integer> positions) {
            List<SourceQueues.Receipt> receipts = new ArrayList<>(positions.size());
            for (int position : positions) {
                int index = messageIndexes.get(position);
                SQSMessage message = messages.get(index);
                // A record without a handle or a queue cannot be deleted here; Lambda deletes it at the end.
                if (deliveredMessages.add(index) && message.getReceiptHandle() != null
                        && message.getEventSourceArn() != null) {
                    receipts.add(new SourceQueues.Receipt(message.getEventSourceArn(), message.getReceiptHandle()));
                }
            }
            if (!receipts.isEmpty()) {
                calls.add(new Call(receipts.size(), callers.submit(() -> deletes.delete(receipts, deadline))));
            }
        }

        /**
         * @param messageIndex a message's index in the invocation
         * @return whether an accepted request delivered its event
         */
        boolean wasDelivered(int messageIndex) {
            return deliveredMessages.contains(messageIndex);
        }

        /**
         * Waits for the deletes started so far, until the deadline (a little after it, for calls to notice their own
         * timeout); a delete still running then is left to finish on its own.
         *
         * @return the messages that were not deleted, by failure: empty when all were
         */
        List<String> awaitDeletes() {
            Deadline collectBy = DestinationCalls.collectionDeadline(deadline);
            List<String> failures = new ArrayList<>();
            for (Call call : calls) {
                try {
                    call.result().get(collectBy.remaining().toNanos(), TimeUnit.NANOSECONDS).stream()
                            .filter(failure -> !failure.isEmpty())
                            .forEach(failures::add);
                } catch (TimeoutException e) {
                    failures.addAll(Collections.nCopies(call.messages(), "the DeleteMessageBatch calls did not finish in time"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.addAll(Collections.nCopies(call.messages(), "interrupted while deleting"));
                } catch (ExecutionException e) {
                    failures.addAll(Collections.nCopies(call.messages(), String.valueOf(e.getCause())));
                }
            }
            return failures;
        }
    }
}
