package io.github.pinpointgtm.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.deadletter.DeadLetter;
import io.github.pinpointgtm.runtime.deadletter.DeadLetterPublisher;
import io.github.pinpointgtm.runtime.deadletter.HandOff;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.identity.SigningKeysStaleException;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.identity.SigningKeysUnavailableException;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.CountMetric;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.retry.Retries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Processes one SQS batch: reads every message, delivers the accepted events, hands the hits the policy refuses to
 * the rejected queue and the valid events that could not be delivered to the dead-letter queue, and accounts for
 * every message exactly once: delivered, rejected or dead-lettered (with its reason), or retried.
 *
 * <p>Which queue is decided by where the refusal comes from, not by its reason code: the reader's (policy) refusals
 * go to the rejected queue, the destination's refusals of an event that passed the policy to the dead-letter queue.
 * A {@code limit-exceeded} can therefore be in either: the policy's own limits, or a destination's record size.
 *
 * <p>Order: read all; deliver the accepted events (bounded by the budget's delivery deadline); then hand every
 * refusal to its queue. Whatever fails along the way, including an unexpected exception for one message or for a
 * whole step, or a queue that does not take a message, turns into a retry of the messages concerned, never into a
 * lost message or a failed batch.
 *
 * <p>Early deletes: the messages of each destination request the destination accepted are deleted from the source
 * queue as soon as its answer is read (see {@link EarlyDeletes}), so a crash later in the invocation makes SQS deliver
 * only the others again. Those messages are delivered, so the partial batch response never names them. The processor
 * waits for those deletes last, after the hand-offs and postponements and never past the finish deadline; on a crash
 * (an {@link Error}) it waits for them, within that deadline, before the crash goes on. A request the destination
 * reports accepted only after the messages were classified changes no message and deletes nothing (it is logged).
 *
 * <p>Retries: a message to retry on its queue's last allowed receive goes to the dead-letter queue instead, with
 * reason {@code retries-exhausted} and its last failure as detail; every other message to retry has its next receive
 * postponed by the backoff (see {@link Retries}). A postponement that fails leaves the message to retry all the same.
 */
final class BatchProcessor {

    private final Function<String, HitOutcome> reader;
    private final EventDestination destination;
    private final DeadLetterPublisher rejectedQueue;
    private final DeadLetterPublisher deadLetterQueue;
    private final Retries retries;
    private final EarlyDeletes earlyDeletes;
    private final StructuredLog log;

    /**
     * @param reader          turns an SQS body into an event or a rejection ({@code HitReader::read})
     * @param destination     where accepted events go
     * @param rejectedQueue   where hits the policy refuses go
     * @param deadLetterQueue where valid events the destination refuses go
     * @param retries         the last allowed receive and the backoff of messages to retry
     * @param earlyDeletes    deletes each accepted destination request's messages from the source queue at once
     * @param log             the structured log (one line per message not delivered)
     */
    BatchProcessor(Function<String, HitOutcome> reader, EventDestination destination,
                   DeadLetterPublisher rejectedQueue, DeadLetterPublisher deadLetterQueue, Retries retries,
                   EarlyDeletes earlyDeletes, StructuredLog log) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.rejectedQueue = Objects.requireNonNull(rejectedQueue, "rejectedQueue");
        this.deadLetterQueue = Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.earlyDeletes = Objects.requireNonNull(earlyDeletes, "earlyDeletes");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A message on its way to the rejected queue or the dead-letter queue. */
    private record PendingHandOff(int index, DeadLetter letter) {
    }

    BatchResult process(List<SQSMessage> messages, InvocationBudget budget, InvocationMetrics metrics,
                        String awsRequestId) {
        int size = messages.size();
        MessageResult[] results = new MessageResult[size];
        String[] endpointIds = new String[size];
        metrics.add(CountMetric.RECEIVED, size);

        List<Integer> acceptedIndexes = new ArrayList<>();
        List<CustomerEvent> acceptedEvents = new ArrayList<>();
        List<PendingHandOff> refused = new ArrayList<>();
        List<PendingHandOff> undeliverable = new ArrayList<>();
        boolean keysUnavailableLogged = false;
        for (int i = 0; i < size; i++) {
            SQSMessage message = messages.get(i);
            HitOutcome outcome;
            try {
                outcome = reader.apply(Objects.requireNonNull(message.getBody(), "the message has no body"));
            } catch (SigningKeysUnavailableException e) {
                // Not the hit's fault: retried until the keys can be read, never rejected nor delivered unverified.
                if (!keysUnavailableLogged) {
                    log.identityKeysUnavailable(awsRequestId, e.getMessage());
                    keysUnavailableLogged = true;
                }
                metrics.add(CountMetric.IDENTITY_KEYS_UNAVAILABLE, 1);
                results[i] = MessageResult.retry(message.getMessageId(), "identity-keys-unavailable", e.getMessage());
                continue;
            } catch (SigningKeysStaleException e) {
                // A key rotated in since the keys were read may have signed it: judged once the keys can be re-read.
                results[i] = MessageResult.retry(message.getMessageId(), SigningKeysStaleException.RETRY_REASON,
                        e.getMessage());
                continue;
            } catch (RuntimeException e) {
                log.unexpectedError(awsRequestId, "reading message " + message.getMessageId(), e);
                results[i] = MessageResult.retry(message.getMessageId(), "read-failed", e.toString());
                continue;
            }
            if (outcome instanceof HitOutcome.Accepted accepted) {
                acceptedIndexes.add(i);
                acceptedEvents.add(accepted.event());
                endpointIds[i] = accepted.event().endpointId();
                metrics.add(CountMetric.IGNORED_USER_ATTRIBUTES, accepted.ignoredUserAttributes());
                metrics.enrichment(accepted.enrichment());
                if (accepted.enrichment().limited()) {
                    log.derivedAttributesLimited(awsRequestId, message.getMessageId(),
                            accepted.enrichment().truncated(), accepted.enrichment().omitted());
                }
            } else if (outcome instanceof HitOutcome.Rejected rejection) {
                refused.add(new PendingHandOff(i, new DeadLetter(message.getBody(), rejection.rejection())));
            }
        }

        EarlyDeletes.Invocation deletes = earlyDeletes.begin(messages, acceptedIndexes, budget.finishDeadline());
        try {
            deliver(messages, acceptedIndexes, acceptedEvents, budget, metrics, awsRequestId, results, undeliverable,
                    deletes);
            exhaustRetries(messages, results, undeliverable);
            for (PendingHandOff pending : refused) {
                metrics.rejected(pending.letter().rejection().reason().code());
            }
            for (PendingHandOff pending : undeliverable) {
                metrics.deadLettered(pending.letter().rejection().reason().code());
            }
            handOff(rejectedQueue, MessageDisposition.REJECTED, messages, refused, budget, awsRequestId, results);
            handOff(deadLetterQueue, MessageDisposition.DEAD_LETTERED, messages, undeliverable, budget, awsRequestId,
                    results);

            postponeRetries(messages, results, budget, awsRequestId);
        } catch (Error crash) {
            // What was delivered leaves the queue before the invocation fails, so SQS redelivers only the rest.
            deletes.freeze();
            awaitEarlyDeletes(deletes, awsRequestId);
            throw crash;
        }
        // Last: the hand-offs and postponements need the time more, and a delete still running is harmless.
        awaitEarlyDeletes(deletes, awsRequestId);

        for (int i = 0; i < size; i++) {
            MessageResult result = results[i];
            if (result.disposition() != MessageDisposition.DELIVERED) {
                log.messageNotDelivered(awsRequestId, result.messageId(), outcomeName(result.disposition()),
                        result.reason(), result.detail(), endpointIds[i]);
            }
        }
        BatchResult batch = new BatchResult(List.of(results));
        metrics.add(CountMetric.DELIVERED, batch.count(MessageDisposition.DELIVERED));
        metrics.add(CountMetric.REJECTED, batch.count(MessageDisposition.REJECTED));
        metrics.add(CountMetric.DEAD_LETTERED, batch.count(MessageDisposition.DEAD_LETTERED));
        metrics.add(CountMetric.RETRIED, batch.count(MessageDisposition.RETRY));
        return batch;
    }

    private void deliver(List<SQSMessage> messages, List<Integer> indexes, List<CustomerEvent> events,
                         InvocationBudget budget, InvocationMetrics metrics, String awsRequestId,
                         MessageResult[] results, List<PendingHandOff> undeliverable,
                         EarlyDeletes.Invocation deletes) {
        if (events.isEmpty()) {
            return;
        }
        List<DeliveryOutcome> outcomes;
        try {
            outcomes = destination.deliver(events, budget.deliveryDeadline(), observer(metrics, awsRequestId, deletes));
            if (outcomes.size() != events.size()) {
                throw new IllegalStateException("the destination returned " + outcomes.size() + " outcomes for "
                        + events.size() + " events");
            }
        } catch (RuntimeException e) {
            log.unexpectedError(awsRequestId, "delivering " + events.size() + " events", e);
            outcomes = Collections.nCopies(events.size(),
                    new DeliveryOutcome.Retryable("delivery-failed", e.toString()));
        }
        // From here on the messages are classified: a request accepted later cannot make one of them delivered.
        deletes.freeze();
        for (int k = 0; k < outcomes.size(); k++) {
            int index = indexes.get(k);
            String messageId = messages.get(index).getMessageId();
            DeliveryOutcome outcome = outcomes.get(k);
            // A request the destination accepted delivered it, whatever came after (a collection timeout, a bug).
            if (outcome instanceof DeliveryOutcome.Delivered || deletes.wasDelivered(index)) {
                results[index] = MessageResult.delivered(messageId);
            } else if (outcome instanceof DeliveryOutcome.Rejected refusal) {
                undeliverable.add(new PendingHandOff(index,
                        new DeadLetter(messages.get(index).getBody(), refusal.rejection())));
            } else if (outcome instanceof DeliveryOutcome.Retryable retry) {
                results[index] = MessageResult.retry(messageId, retry.reason(), retry.detail());
            } else {
                results[index] = MessageResult.retry(messageId, "unknown-outcome", String.valueOf(outcome));
            }
        }
    }

    /** Waits for the early deletes until the finish deadline; logs those that failed or did not finish. */
    private void awaitEarlyDeletes(EarlyDeletes.Invocation deletes, String awsRequestId) {
        List<String> notDeleted = deletes.awaitDeletes();
        if (!notDeleted.isEmpty()) {
            log.earlyDeleteFailed(awsRequestId, notDeleted.size(), notDeleted.get(0));
        }
    }

    /**
     * Turns the retries of messages on their last allowed receive into dead letters with reason
     * {@code retries-exhausted}. A message without a body stays a retry: SQS's redrive moves it.
     */
    private void exhaustRetries(List<SQSMessage> messages, MessageResult[] results,
                                List<PendingHandOff> undeliverable) {
        for (int i = 0; i < results.length; i++) {
            MessageResult result = results[i];
            SQSMessage message = messages.get(i);
            if (result != null && result.disposition() == MessageDisposition.RETRY && message.getBody() != null
                    && retries.isLastReceive(message)) {
                String detail = "still failing on receive " + Retries.receiveCount(message) + ", the last allowed: "
                        + result.reason() + (result.detail().isEmpty() ? "" : ": " + result.detail());
                undeliverable.add(new PendingHandOff(i, new DeadLetter(message.getBody(),
                        new Rejection(RejectionReason.RETRIES_EXHAUSTED, detail))));
            }
        }
    }

    /** Postpones the next receive of the messages left to retry; one that cannot be postponed is retried anyway. */
    private void postponeRetries(List<SQSMessage> messages, MessageResult[] results, InvocationBudget budget,
                                 String awsRequestId) {
        List<SQSMessage> toPostpone = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            // On the last receive a postponement would only delay SQS's redrive.
            if (results[i].disposition() == MessageDisposition.RETRY && !retries.isLastReceive(messages.get(i))) {
                toPostpone.add(messages.get(i));
            }
        }
        if (toPostpone.isEmpty()) {
            return;
        }
        List<String> failures;
        try {
            failures = retries.postpone(toPostpone, budget.finishDeadline());
        } catch (RuntimeException e) {
            log.unexpectedError(awsRequestId, "postponing " + toPostpone.size() + " messages to retry", e);
            return;
        }
        List<String> failed = failures.stream().filter(f -> !f.isEmpty()).toList();
        if (!failed.isEmpty()) {
            log.backoffNotSet(awsRequestId, failed.size(), failed.get(0));
        }
    }

    /**
     * Counts destination requests and in-call retries, raises misconfiguration both as a metric and as an ERROR log
     * line, and deletes delivered messages at once.
     */
    private DeliveryObserver observer(InvocationMetrics metrics, String awsRequestId,
                                      EarlyDeletes.Invocation deletes) {
        return new DeliveryObserver() {
            @Override
            public void eventsDelivered(List<Integer> positions) {
                if (!deletes.delivered(positions)) {
                    log.lateDeliveryIgnored(awsRequestId, positions.size());
                }
            }

            @Override
            public void retriedInCall(int events) {
                metrics.retriedInCall(events);
            }

            @Override
            public void requestCompleted(int events, Duration latency, String result) {
                metrics.requestCompleted(events, latency, result);
            }

            @Override
            public void configurationError(int statusCode, String message) {
                metrics.configurationError(statusCode, message);
                log.destinationMisconfigured(awsRequestId, statusCode, message);
            }
        };
    }

    /** Hands the letters to one queue; a letter the queue does not take is retried, never dropped. */
    private void handOff(DeadLetterPublisher queue, MessageDisposition disposition, List<SQSMessage> messages,
                         List<PendingHandOff> pending, InvocationBudget budget, String awsRequestId,
                         MessageResult[] results) {
        if (pending.isEmpty()) {
            return;
        }
        String queueName = disposition == MessageDisposition.REJECTED ? "rejected queue" : "dead-letter queue";
        List<DeadLetter> letters = pending.stream().map(PendingHandOff::letter).toList();
        List<HandOff> handOffs;
        try {
            handOffs = queue.publish(letters, budget.finishDeadline());
        } catch (RuntimeException e) {
            log.unexpectedError(awsRequestId, "handing " + letters.size() + " messages to the " + queueName, e);
            handOffs = letters.stream().map(letter -> new HandOff(false, e.toString())).toList();
        }
        for (int k = 0; k < pending.size(); k++) {
            int index = pending.get(k).index();
            Rejection rejection = pending.get(k).letter().rejection();
            String messageId = messages.get(index).getMessageId();
            HandOff handOff = handOffs.get(k);
            results[index] = handOff.accepted()
                    ? new MessageResult(messageId, disposition, rejection.reason().code(), rejection.detail())
                    : MessageResult.retry(messageId, handOffFailure(disposition), "refused as "
                            + rejection.reason().code() + " but the " + queueName + " did not take it: "
                            + handOff.failure());
        }
    }

    /** @return the retry reason of a message its queue did not take */
    private static String handOffFailure(MessageDisposition disposition) {
        return disposition == MessageDisposition.REJECTED ? "rejected-queue-failed" : "dead-letter-failed";
    }

    private static String outcomeName(MessageDisposition disposition) {
        return switch (disposition) {
            case DELIVERED -> "delivered";
            case REJECTED -> "rejected";
            case DEAD_LETTERED -> "dead-lettered";
            case RETRY -> "retry";
        };
    }
}
