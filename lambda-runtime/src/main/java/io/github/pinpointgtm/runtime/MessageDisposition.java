package io.github.pinpointgtm.runtime;

/** Where one SQS message ended: exactly one of these for every message of a batch. */
enum MessageDisposition {
    /** The destination accepted the event; SQS deletes the message. */
    DELIVERED,
    /** The dead-letter queue took the message, with its reason; SQS deletes the original. */
    DEAD_LETTERED,
    /** Reported in {@code batchItemFailures}: SQS delivers it again (and redrives it after maxReceiveCount). */
    RETRY
}
