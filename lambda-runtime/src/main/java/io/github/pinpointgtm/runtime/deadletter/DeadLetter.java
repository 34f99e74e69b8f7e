package io.github.pinpointgtm.runtime.deadletter;

import io.github.pinpointgtm.runtime.event.Rejection;
import java.util.Objects;

/**
 * A message that is not delivered, to hand to a queue of its own (the rejected queue or the dead-letter queue).
 *
 * @param body      the original SQS message body, sent untouched
 * @param rejection why it is not delivered (the {@code reason} and {@code detail} message attributes)
 */
public record DeadLetter(String body, Rejection rejection) {
    /**
     * Creates a letter.
     *
     * @param body      the original SQS message body, sent untouched
     * @param rejection why it is not delivered (the {@code reason} and {@code detail} message attributes)
     * @throws NullPointerException when {@code body} or {@code rejection} is null
     */
    public DeadLetter {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(rejection, "rejection");
    }
}
