package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Where each message of one handled batch ended: in {@code batchItemFailures} (retried), in the rejected queue (with
 * its {@code reason}), in the dead-letter queue (with its {@code reason}), or nowhere, which means delivered. Asserts
 * that every message ended in exactly one place: none is in two places, none is reported or queued twice, and nothing
 * is reported or queued that is not a message of the batch.
 *
 * @param retried      ids of the messages in {@code batchItemFailures}
 * @param rejected     message id to the {@code reason} attribute of its copy in the rejected queue
 * @param deadLettered message id to the {@code reason} attribute of its dead letter
 * @param delivered    ids of the remaining messages
 */
public record BatchAccounting(Set<String> retried, Map<String, String> rejected, Map<String, String> deadLettered,
                              Set<String> delivered) {

    /**
     * Drains the rejected queue and the dead-letter queue and sorts the batch's messages.
     *
     * @param messages the batch as handled, with unique message ids (queued copies are matched to messages by their
     *                 unchanged bodies, so the bodies of the messages that can be set aside must be unique)
     * @param queues   the processor's rejected queue and dead-letter queue
     */
    public static BatchAccounting of(List<SQSMessage> messages, SQSBatchResponse response, ElasticMqHarness sqs,
                                     SideQueues queues) {
        List<String> messageIds = messages.stream().map(SQSMessage::getMessageId).toList();
        assertThat(messageIds).as("the batch's message ids").doesNotHaveDuplicates();

        List<String> ids = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
        assertThat(messageIds).as("batchItemFailures name messages of the batch").containsAll(ids);
        Set<String> retried = new HashSet<>(ids);

        Map<String, String> idByBody = new HashMap<>();
        messages.forEach(m -> idByBody.putIfAbsent(m.getBody(), m.getMessageId()));
        Map<String, String> rejected = reasons(sqs.drain(queues.rejectedQueueUrl()), idByBody, "rejected");
        Map<String, String> deadLettered = reasons(sqs.drain(queues.deadLetterQueueUrl()), idByBody, "dead-lettered");
        assertThat(Collections.disjoint(retried, rejected.keySet())).as("retried and rejected: %s, %s", retried,
                rejected).isTrue();
        assertThat(Collections.disjoint(retried, deadLettered.keySet())).as("retried and dead-lettered: %s, %s",
                retried, deadLettered).isTrue();
        assertThat(Collections.disjoint(rejected.keySet(), deadLettered.keySet()))
                .as("rejected and dead-lettered: %s, %s", rejected, deadLettered).isTrue();

        Set<String> delivered = new HashSet<>(messageIds);
        delivered.removeAll(retried);
        delivered.removeAll(rejected.keySet());
        delivered.removeAll(deadLettered.keySet());
        assertThat(retried.size() + rejected.size() + deadLettered.size() + delivered.size())
                .as("every message in exactly one place").isEqualTo(messages.size());
        return new BatchAccounting(retried, rejected, deadLettered, delivered);
    }

    /** @return message id to the {@code reason} attribute of each queued copy; each message at most once */
    private static Map<String, String> reasons(List<Message> queued, Map<String, String> idByBody, String outcome) {
        Map<String, String> reasons = new HashMap<>();
        for (Message letter : queued) {
            String id = idByBody.get(letter.body());
            assertThat(id).as("a %s message's body is an original body", outcome).isNotNull();
            assertThat(letter.messageAttributes().get("reason")).as("reason of %s", id).isNotNull();
            assertThat(letter.messageAttributes().get("detail")).as("detail of %s", id).isNotNull();
            assertThat(reasons.put(id, letter.messageAttributes().get("reason").stringValue()))
                    .as("%s once: %s", outcome, id).isNull();
        }
        return reasons;
    }
}
