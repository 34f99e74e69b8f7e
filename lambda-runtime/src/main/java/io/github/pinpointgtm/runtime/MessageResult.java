package io.github.pinpointgtm.runtime;

import java.util.Objects;

/**
 * What happened to one SQS message.
 *
 * @param messageId   the SQS message id
 * @param disposition where it ended
 * @param reason      empty when delivered; else the rejection reason code or retry reason
 * @param detail      a human-readable explanation, empty when delivered
 */
record MessageResult(String messageId, MessageDisposition disposition, String reason, String detail) {

    MessageResult {
        Objects.requireNonNull(disposition, "disposition");
        reason = reason == null ? "" : reason;
        detail = detail == null ? "" : detail;
    }

    static MessageResult delivered(String messageId) {
        return new MessageResult(messageId, MessageDisposition.DELIVERED, "", "");
    }

    static MessageResult rejected(String messageId, String reason, String detail) {
        return new MessageResult(messageId, MessageDisposition.REJECTED, reason, detail);
    }

    static MessageResult deadLettered(String messageId, String reason, String detail) {
        return new MessageResult(messageId, MessageDisposition.DEAD_LETTERED, reason, detail);
    }

    static MessageResult retry(String messageId, String reason, String detail) {
        return new MessageResult(messageId, MessageDisposition.RETRY, reason, detail);
    }
}
