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
import io.github.pinpointgtm.runtime.identity.SigningKeysUnavailableException;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.observability.InvocationMetrics;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Processes one SQS batch: reads every message, delivers the accepted events, dead-letters the rejected ones, and
 * accounts for every message exactly once: delivered, dead-lettered (with its reason), or retried.
 *
 * <p>Order: read all; deliver the accepted events (bounded by the budget's delivery deadline); then hand every
 * rejection (the reader's and the destination's) to the dead-letter queue in one go. Whatever fails along the way,
 * including an unexpected exception for one message or for a whole step, turns into a retry of the messages
 * concerned, never into a lost message or a failed batch.
 */
final class BatchProcessor {

    private final Function<String, HitOutcome> reader;
    private final EventDestination destination;
    private final DeadLetterPublisher deadLetters;
    private final StructuredLog log;

    /**
     * @param reader      turns an SQS body into an event or a rejection ({@code HitReader::read})
     * @param destination where accepted events go
     * @param deadLetters where rejected messages go
     * @param log         the structured log (one line per message not delivered)
     */
    BatchProcessor(Function<String, HitOutcome> reader, EventDestination destination, DeadLetterPublisher deadLetters,
                   StructuredLog log) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A message on its way to the dead-letter queue. */
    private record PendingDeadLetter(int index, DeadLetter letter, String endpointId) {
    }

    BatchResult process(List<SQSMessage> messages, InvocationBudget budget, InvocationMetrics metrics,
                        String awsRequestId) {
        int size = messages.size();
        MessageResult[] results = new MessageResult[size];
        String[] endpointIds = new String[size];
        metrics.received(size);

        List<Integer> acceptedIndexes = new ArrayList<>();
        List<CustomerEvent> acceptedEvents = new ArrayList<>();
        List<PendingDeadLetter> rejected = new ArrayList<>();
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
                metrics.identityKeysUnavailable();
                results[i] = MessageResult.retry(message.getMessageId(), "identity-keys-unavailable", e.getMessage());
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
                metrics.ignoredUserAttributes(accepted.ignoredUserAttributes());
            } else if (outcome instanceof HitOutcome.Rejected rejection) {
                rejected.add(new PendingDeadLetter(i, new DeadLetter(message.getBody(), rejection.rejection()), null));
            }
        }

        deliver(messages, acceptedIndexes, acceptedEvents, budget, metrics, awsRequestId, results, rejected);
        deadLetter(messages, rejected, budget, metrics, awsRequestId, results);

        for (int i = 0; i < size; i++) {
            MessageResult result = results[i];
            if (result.disposition() != MessageDisposition.DELIVERED) {
                log.messageNotDelivered(awsRequestId, result.messageId(),
                        result.disposition() == MessageDisposition.DEAD_LETTERED ? "dead-lettered" : "retry",
                        result.reason(), result.detail(), endpointIds[i]);
            }
        }
        BatchResult batch = new BatchResult(List.of(results));
        metrics.delivered(batch.count(MessageDisposition.DELIVERED));
        metrics.deadLettered(batch.count(MessageDisposition.DEAD_LETTERED));
        metrics.retried(batch.count(MessageDisposition.RETRY));
        return batch;
    }

    private void deliver(List<SQSMessage> messages, List<Integer> indexes, List<CustomerEvent> events,
                         InvocationBudget budget, InvocationMetrics metrics, String awsRequestId,
                         MessageResult[] results, List<PendingDeadLetter> rejected) {
        if (events.isEmpty()) {
            return;
        }
        List<DeliveryOutcome> outcomes;
        try {
            outcomes = destination.deliver(events, budget.deliveryDeadline(), observer(metrics, awsRequestId));
            if (outcomes.size() != events.size()) {
                throw new IllegalStateException("the destination returned " + outcomes.size() + " outcomes for "
                        + events.size() + " events");
            }
        } catch (RuntimeException e) {
            log.unexpectedError(awsRequestId, "delivering " + events.size() + " events", e);
            for (int index : indexes) {
                results[index] = MessageResult.retry(messages.get(index).getMessageId(), "delivery-failed", e.toString());
            }
            return;
        }
        for (int k = 0; k < outcomes.size(); k++) {
            int index = indexes.get(k);
            String messageId = messages.get(index).getMessageId();
            DeliveryOutcome outcome = outcomes.get(k);
            if (outcome instanceof DeliveryOutcome.Delivered) {
                results[index] = MessageResult.delivered(messageId);
            } else if (outcome instanceof DeliveryOutcome.Rejected refusal) {
                rejected.add(new PendingDeadLetter(index,
                        new DeadLetter(messages.get(index).getBody(), refusal.rejection()), events.get(k).endpointId()));
            } else if (outcome instanceof DeliveryOutcome.Retryable retry) {
                results[index] = MessageResult.retry(messageId, retry.reason(), retry.detail());
            } else {
                results[index] = MessageResult.retry(messageId, "unknown-outcome", String.valueOf(outcome));
            }
        }
    }

    /** Counts destination requests and raises misconfiguration both as a metric and as an ERROR log line. */
    private DeliveryObserver observer(InvocationMetrics metrics, String awsRequestId) {
        return new DeliveryObserver() {
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

    private void deadLetter(List<SQSMessage> messages, List<PendingDeadLetter> rejected, InvocationBudget budget,
                            InvocationMetrics metrics, String awsRequestId, MessageResult[] results) {
        if (rejected.isEmpty()) {
            return;
        }
        List<DeadLetter> letters = rejected.stream().map(PendingDeadLetter::letter).toList();
        List<HandOff> handOffs;
        try {
            handOffs = deadLetters.publish(letters, budget.finishDeadline());
        } catch (RuntimeException e) {
            log.unexpectedError(awsRequestId, "dead-lettering " + letters.size() + " messages", e);
            handOffs = letters.stream().map(letter -> new HandOff(false, e.toString())).toList();
        }
        for (int k = 0; k < rejected.size(); k++) {
            PendingDeadLetter pending = rejected.get(k);
            Rejection rejection = pending.letter().rejection();
            String messageId = messages.get(pending.index()).getMessageId();
            metrics.rejected(rejection.reason().code());
            HandOff handOff = handOffs.get(k);
            results[pending.index()] = handOff.accepted()
                    ? MessageResult.deadLettered(messageId, rejection.reason().code(), rejection.detail())
                    : MessageResult.retry(messageId, "dead-letter-failed",
                            "rejected as " + rejection.reason().code() + " but the dead-letter queue did not take it: "
                                    + handOff.failure());
        }
    }
}
