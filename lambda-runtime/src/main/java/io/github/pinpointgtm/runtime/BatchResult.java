package io.github.pinpointgtm.runtime;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The fate of every message of one batch, in the batch's order. */
record BatchResult(List<MessageResult> messages) {

    BatchResult {
        messages = List.copyOf(messages);
    }

    int count(MessageDisposition disposition) {
        return (int) messages.stream().filter(m -> m.disposition() == disposition).count();
    }

    /**
     * @return the partial batch response: every {@link MessageDisposition#RETRY} message, once
     * @throws IllegalStateException when a message to retry has no id: it cannot be reported, and leaving it out
     *                               would delete it, so the whole batch must fail (SQS then retries all of it)
     */
    SQSBatchResponse toResponse() {
        Set<String> retryIds = new LinkedHashSet<>();
        for (MessageResult message : messages) {
            if (message.disposition() == MessageDisposition.RETRY) {
                if (message.messageId() == null || message.messageId().isBlank()) {
                    throw new IllegalStateException("a message without a message id could not be processed; "
                            + "failing the whole batch so SQS retries it");
                }
                retryIds.add(message.messageId());
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(retryIds.size());
        for (String id : retryIds) {
            failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
