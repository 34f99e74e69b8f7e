package io.github.pinpointgtm.testkit;

import java.util.Objects;
import java.util.UUID;

/**
 * The two queues the processor sets messages aside in, as the construct creates them: the rejected queue (hits the
 * policy refuses) and the dead-letter queue (valid events that could not be delivered).
 *
 * @param rejectedQueueUrl   {@code REJECTED_QUEUE_URL}
 * @param deadLetterQueueUrl {@code DEAD_LETTER_QUEUE_URL}
 */
public record SideQueues(String rejectedQueueUrl, String deadLetterQueueUrl) {

    public SideQueues {
        Objects.requireNonNull(rejectedQueueUrl, "rejectedQueueUrl");
        Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    }

    /** @return two fresh, uniquely named queues in {@code sqs} */
    public static SideQueues create(ElasticMqHarness sqs) {
        String suffix = UUID.randomUUID().toString();
        return new SideQueues(sqs.createQueue("rejected-" + suffix), sqs.createQueue("dlq-" + suffix));
    }

    /** @return URLs of queues nobody created (for configuration tests; SQS would refuse to send to them) */
    public static SideQueues unreachable() {
        return new SideQueues("https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
    }

    /** @return these queues with another dead-letter queue */
    public SideQueues withDeadLetterQueue(String url) {
        return new SideQueues(rejectedQueueUrl, url);
    }

    /** @return these queues with another rejected queue */
    public SideQueues withRejectedQueue(String url) {
        return new SideQueues(url, deadLetterQueueUrl);
    }
}
