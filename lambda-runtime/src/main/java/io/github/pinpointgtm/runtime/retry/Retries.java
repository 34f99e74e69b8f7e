package io.github.pinpointgtm.runtime.retry;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What happens to a message the processor could not finish: on its queue's last allowed receive
 * ({@code MAX_RECEIVE_COUNT}) it is dead-lettered by the processor with a reason; before that its next receive is
 * postponed by the backoff.
 *
 * <p>SQS moves a message to the dead-letter queue itself when a receive would exceed the redrive policy's
 * {@code maxReceiveCount}. The processor's last chance is therefore the receive whose {@code ApproximateReceiveCount}
 * equals it; SQS's redrive remains only for messages whose invocation crashed or whose hand-off failed then.
 */
public final class Retries {

    /** The SQS record attribute that counts the message's receives, this one included. */
    public static final String RECEIVE_COUNT_ATTRIBUTE = "ApproximateReceiveCount";

    private final VisibilityBackoff backoff;
    private final OptionalInt maxReceiveCount;

    /**
     * @param backoff         postpones the messages to retry
     * @param maxReceiveCount the queue's redrive {@code maxReceiveCount}; empty when unknown (the processor then never
     *                        dead-letters a message for its retries)
     */
    public Retries(VisibilityBackoff backoff, OptionalInt maxReceiveCount) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxReceiveCount = Objects.requireNonNull(maxReceiveCount, "maxReceiveCount");
    }

    /**
     * @param message an SQS record
     * @return its {@value #RECEIVE_COUNT_ATTRIBUTE}; 1 when the record does not carry a valid one
     */
    public static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String value = attributes == null ? null : attributes.get(RECEIVE_COUNT_ATTRIBUTE);
        if (value == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * @param message an SQS record
     * @return whether this is its last receive before SQS's redrive: a retry now would never be processed again
     */
    public boolean isLastReceive(SQSMessage message) {
        return maxReceiveCount.isPresent() && receiveCount(message) >= maxReceiveCount.getAsInt();
    }

    /**
     * Postpones the next receive of each message by the backoff for its receive count.
     *
     * @param messages the messages to retry (none on its last receive: see {@link #isLastReceive})
     * @param deadline when to stop calling SQS
     * @return for each message, in order, empty when postponed, else why not
     */
    public List<String> postpone(List<SQSMessage> messages, Deadline deadline) {
        return backoff.postpone(messages.stream()
                .map(m -> new VisibilityBackoff.Postponement(m.getEventSourceArn(), m.getReceiptHandle(),
                        receiveCount(m)))
                .toList(), deadline);
    }
}
