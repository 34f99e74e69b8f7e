package io.github.pinpointgtm.runtime.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Where each message of one handled batch ended: in {@code batchItemFailures} (retried), in the dead-letter queue
 * (with its {@code reason}), or nowhere, which means delivered. Asserts that no message is in two places and none is
 * reported twice.
 *
 * @param retried      ids of the messages in {@code batchItemFailures}
 * @param deadLettered message id to the {@code reason} attribute of its dead letter
 * @param delivered    ids of the remaining messages
 */
public record BatchAccounting(Set<String> retried, Map<String, String> deadLettered, Set<String> delivered) {

    /**
     * Drains the dead-letter queue and sorts the batch's messages.
     *
     * @param messages the batch as handled (dead letters are matched to messages by their unchanged bodies, so the
     *                 bodies of the messages that can be dead-lettered must be unique)
     */
    public static BatchAccounting of(List<SQSMessage> messages, SQSBatchResponse response, ElasticMqHarness sqs,
                                     String deadLetterQueueUrl) {
        List<String> ids = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        Set<String> retried = new HashSet<>(ids);

        Map<String, String> idByBody = new HashMap<>();
        messages.forEach(m -> idByBody.putIfAbsent(m.getBody(), m.getMessageId()));
        Map<String, String> reasons = new HashMap<>();
        for (Message letter : sqs.drain(deadLetterQueueUrl)) {
            String id = idByBody.get(letter.body());
            assertThat(id).as("a dead letter's body is an original body").isNotNull();
            assertThat(reasons.put(id, letter.messageAttributes().get("reason").stringValue()))
                    .as("dead-lettered once: %s", id).isNull();
        }
        assertThat(retried).as("retried and dead-lettered").doesNotContainAnyElementsOf(reasons.keySet());

        Set<String> delivered = new HashSet<>();
        messages.forEach(m -> delivered.add(m.getMessageId()));
        delivered.removeAll(retried);
        delivered.removeAll(reasons.keySet());
        return new BatchAccounting(retried, reasons, delivered);
    }
}
