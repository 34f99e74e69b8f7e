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
 * (with its {@code reason}), or nowhere, which means delivered. Asserts that every message ended in exactly one place:
 * none is in two places, none is reported twice, and nothing is reported that is not a message of the batch.
 *
 * @param retried      ids of the messages in {@code batchItemFailures}
 * @param deadLettered message id to the {@code reason} attribute of its dead letter
 * @param delivered    ids of the remaining messages
 */
public record BatchAccounting(Set<String> retried, Map<String, String> deadLettered, Set<String> delivered) {

    /**
     * Drains the dead-letter queue and sorts the batch's messages.
     *
     * @param messages the batch as handled, with unique message ids (dead letters are matched to messages by their
     *                 unchanged bodies, so the bodies of the messages that can be dead-lettered must be unique)
     */
    public static BatchAccounting of(List<SQSMessage> messages, SQSBatchResponse response, ElasticMqHarness sqs,
                                     String deadLetterQueueUrl) {
        List<String> messageIds = messages.stream().map(SQSMessage::getMessageId).toList();
        assertThat(messageIds).as("the batch's message ids").doesNotHaveDuplicates();

        List<String> ids = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(messageIds).as("batchItemFailures name messages of the batch").containsAll(ids);
        Set<String> retried = new HashSet<>(ids);

        Map<String, String> idByBody = new HashMap<>();
        messages.forEach(m -> idByBody.putIfAbsent(m.getBody(), m.getMessageId()));
        Map<String, String> reasons = new HashMap<>();
        for (Message letter : sqs.drain(deadLetterQueueUrl)) {
            String id = idByBody.get(letter.body());
            assertThat(id).as("a dead letter's body is an original body").isNotNull();
            assertThat(letter.messageAttributes().get("reason")).as("reason of %s", id).isNotNull();
            assertThat(reasons.put(id, letter.messageAttributes().get("reason").stringValue()))
                    .as("dead-lettered once: %s", id).isNull();
        }
        assertThat(retried).as("retried and dead-lettered").noneMatch(reasons::containsKey);

        Set<String> delivered = new HashSet<>(messageIds);
        delivered.removeAll(retried);
        delivered.removeAll(reasons.keySet());
        assertThat(retried.size() + reasons.size() + delivered.size()).as("every message in exactly one place")
                .isEqualTo(messages.size());
        return new BatchAccounting(retried, reasons, delivered);
    }
}
