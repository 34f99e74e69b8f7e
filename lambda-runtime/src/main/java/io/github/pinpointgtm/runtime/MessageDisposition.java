package io.github.pinpointgtm.runtime;

/** Where one SQS message ended: exactly one of these for every message of a batch. */
enum MessageDisposition {
    /** The destination accepted the event; SQS deletes the message. */
    DELIVERED,
    /** The policy refused the hit and the rejected queue took it, with its reason; SQS deletes the original. */
    REJECTED,
    /** A valid event was not delivered and the dead-letter queue took it, with its reason; SQS deletes the original. */
    DEAD_LETTERED,
    /** Reported in {@code batchItemFailures}: SQS delivers it again (and redrives it after maxReceiveCount). */
    RETRY
}
