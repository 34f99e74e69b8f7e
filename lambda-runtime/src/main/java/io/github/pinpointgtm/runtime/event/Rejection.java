package io.github.pinpointgtm.runtime.event;

import java.util.Objects;

/**
 * A message that must not or cannot be delivered, and why. It goes at once, never retried, to the rejected queue when
 * the policy refused it, or to the dead-letter queue when the destination refused a valid event.
 *
 * @param reason the category (the queued message's {@code reason} attribute)
 * @param detail a human-readable explanation naming the offending parameter (the queued message's {@code detail}
 *               attribute); it must not contain full personal data such as endpoint ids
 */
public record Rejection(RejectionReason reason, String detail) {
    /**
     * Creates a rejection; a null {@code detail} is stored as empty.
     *
     * @param reason the category (the queued message's {@code reason} attribute)
     * @param detail a human-readable explanation naming the offending parameter (the queued message's {@code detail}
     *               attribute); it must not contain full personal data such as endpoint ids
     * @throws NullPointerException when {@code reason} is null
     */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
