package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQS event documents as Lambda's event source mapping sends them, written with the tests' own JSON library. */
public final class SqsEventDocuments {

    private SqsEventDocuments() {
    }

    /**
     * @return the document of these messages: id and body theirs, and their receipt handle, attributes and
     *         {@code eventSourceARN} when set (as {@code SourceQueue} receives them); every other record field, and
     *         those when not set, as Lambda fills them for a first receive from a queue {@code hits}
     */
    public static byte[] of(List<SQSMessage> messages) {
        return Json.write(Map.of("Records", messages.stream().map(SqsEventDocuments::record).toList()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> record(SQSMessage message) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", message.getMessageId());
        record.put("receiptHandle", message.getReceiptHandle() != null
                ? message.getReceiptHandle() : "receipt-" + message.getMessageId());
        record.put("body", message.getBody());
        record.put("attributes", message.getAttributes() != null ? message.getAttributes()
                : Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1764201600123",
                        "SenderId", "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp", "1764201600124"));
        record.put("messageAttributes", Map.of());
        record.put("md5OfMessageAttributes", null);
        record.put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", message.getEventSourceArn() != null
                ? message.getEventSourceArn() : "arn:aws:sqs:us-east-1:123456789012:hits");
        record.put("awsRegion", "us-east-1");
        return record;
    }
}
