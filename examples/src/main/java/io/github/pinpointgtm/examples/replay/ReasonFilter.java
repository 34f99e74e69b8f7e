package io.github.pinpointgtm.examples.replay;

import java.util.Objects;
import java.util.Set;

/**
 * Which messages to replay, by their {@code reason} message attribute.
 *
 * @param reasons       the reason codes to replay
 * @param withoutReason whether to replay messages without a {@code reason} attribute too (SQS's redrive moved them
 *                      to the dead-letter queue: a crash or failed hand-off on their last allowed receive)
 * @param allReasons    whether to replay every message, whatever its reason
 */
record ReasonFilter(Set<String> reasons, boolean withoutReason, boolean allReasons) {

    ReasonFilter {
        reasons = Set.copyOf(Objects.requireNonNull(reasons, "reasons"));
    }

    /**
     * @param reason the message's {@code reason} attribute, or null when it has none
     * @return whether the message is to be replayed
     */
    boolean matches(String reason) {
        if (allReasons) {
            return true;
        }
        return reason == null ? withoutReason : reasons.contains(reason);
    }
}
