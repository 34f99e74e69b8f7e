package io.github.pinpointgtm.runtime.event;

import java.util.Objects;

/**
 * A message that must not be delivered, and why. It goes to the dead-letter queue at once, never retried.
 *
 * @param reason the category (the DLQ {@code reason} attribute)
 * @param detail a human-readable explanation naming the offending parameter (the DLQ {@code detail}
 *               attribute); it must not contain full personal data such as endpoint ids
 */
public record Rejection(RejectionReason reason, String detail) {
    /**
     * Creates a rejection; a null {@code detail} is stored as empty.
     *
     * @param reason the category (the DLQ {@code reason} attribute)
     * @param detail a human-readable explanation naming the offending parameter (the DLQ {@code detail}
     *               attribute); it must not contain full personal data such as endpoint ids
     * @throws NullPointerException when {@code reason} is null
     */
    public Rejection {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
