package io.github.pinpointgtm.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue in ElasticMQ standing in for the connector's main queue, read the way Lambda's event source mapping reads it:
 * each received message becomes a Lambda record with its receipt handle, its {@code ApproximateReceiveCount} and the
 * queue's ARN. Its visibility timeout is 0, so a message is visible again at once unless the processor postpones it.
 *
 * @param sqs the ElasticMQ server
 * @param url the queue's URL
 * @param arn the queue's ARN (the records' {@code eventSourceARN})
 */
public record SourceQueue(ElasticMqHarness sqs, String url, String arn) {

    /** @return a fresh, uniquely named queue whose messages are visible again at once after a receive */
    public static SourceQueue create(ElasticMqHarness sqs) {
        String url = sqs.client().createQueue(b -> b.queueName("main-" + UUID.randomUUID())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"))).queueUrl();
        String arn = sqs.client().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new SourceQueue(sqs, url, arn);
    }

    public void send(String body) {
        sqs.client().sendMessage(b -> b.queueUrl(url).messageBody(body));
    }

    /** @return the messages visible now (up to 10), as Lambda records; empty when none is visible */
    public List<SQSEvent.SQSMessage> receive() {
        List<Message> messages = sqs.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        return messages.stream().map(this::record).toList();
    }

    /** @return the queue's count of messages received and not yet visible again */
    public int invisibleMessages() {
        GetQueueAttributesResponse response = sqs.client().getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        return Integer.parseInt(response.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(arn);
        return record;
    }
}
