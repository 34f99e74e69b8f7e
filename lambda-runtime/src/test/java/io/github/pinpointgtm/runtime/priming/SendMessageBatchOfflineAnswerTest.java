package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SendMessageBatchOfflineAnswerTest {

    private static SqsClient offlineSqs(OfflineHttpClient http) {
        return new ClientSettings(Region.EU_WEST_1, http,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .configure(SqsClient.builder());
    }

    private static SendMessageBatchRequestEntry entry(String id, String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).messageAttributes(values).build();
    }

    @Test
    void theSdksChecksumValidationAcceptsEveryEntryAnsweredOffline() {
        // The SQS client compares the answer's MD5 digests of body and attributes with its own and fails otherwise.
        List<SendMessageBatchRequestEntry> entries = List.of(
                entry("m0", "{\"v\":1}", Map.of("reason", "origin-not-allowed", "detail", "from https://evil.example")),
                entry("m1", "caf\u00e9 \uD83D\uDE00 \u2028", Map.of("reason", "destination-rejected",
                        "detail", "\u00fcber \"quoted\" \\ tab\t")),
                entry("m2", "no attributes", Map.of()));
        OfflineHttpClient http = new OfflineHttpClient(new SendMessageBatchOfflineAnswer());

        try (SqsClient sqs = offlineSqs(http)) {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b
                    .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/rejected").entries(entries));

            assertThat(response.successful()).extracting(e -> e.id()).containsExactly("m0", "m1", "m2");
            assertThat(response.failed()).isEmpty();
        }
        assertThat(http.requests()).singleElement().satisfies(request ->
                assertThat(request.firstMatchingHeader("X-Amz-Target")).contains(SendMessageBatchOfflineAnswer.TARGET));
    }

    @Test
    void theAttributesDigestIsSqsOwn() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", "limit-exceeded");
        attributes.put("detail", "a&b=c\"d'e\\f%20+$#\n\u00fcber \u2026");
        attributes.put("a-first", "\u00e9\uD83D\uDE00");
        Map<String, String[]> typed = new LinkedHashMap<>();
        attributes.forEach((name, value) -> typed.put(name, new String[] {"String", value}));

        try (ElasticMqHarness sqs = ElasticMqHarness.start()) {
            String queue = sqs.createQueue("digest");
            String sqsDigest = sqs.client().sendMessageBatch(b -> b.queueUrl(queue)
                    .entries(entry("m0", "body", attributes))).successful().get(0).md5OfMessageAttributes();

            assertThat(SendMessageBatchOfflineAnswer.attributesMd5Hex(typed)).isEqualTo(sqsDigest);
        }
    }

    @Test
    void anyOtherOperationIsAClientError() {
        try (SqsClient sqs = offlineSqs(new OfflineHttpClient(new SendMessageBatchOfflineAnswer()))) {
            assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("rejected")))
                    .isInstanceOf(SqsException.class)
                    .hasMessageContaining("only AmazonSQS.SendMessageBatch");
        }
    }
}
