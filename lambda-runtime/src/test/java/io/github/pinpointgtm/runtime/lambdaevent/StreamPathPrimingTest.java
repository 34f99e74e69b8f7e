package io.github.pinpointgtm.runtime.lambdaevent;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamPathPrimingTest {

    @Test
    void primingReadsTheSampleEventAndWritesAResponse() {
        assertThat(new StreamPathPriming().prime())
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"priming-message\"}]}");
    }

    @Test
    void theSampleEventHasEveryFieldLambdaSends() throws IOException {
        SQSMessage message = SqsEventReader.read(new ByteArrayInputStream(
                StreamPathPriming.SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8))).getRecords().get(0);

        assertThat(message.getReceiptHandle()).isNotNull();
        assertThat(message.getBody()).isEqualTo("{\"v\":1,\"query\":[[\"page\",\"/café 😀\"]]}");
        assertThat(message.getAttributes()).containsKeys("ApproximateReceiveCount", "SentTimestamp");
        assertThat(message.getMessageAttributes().get("s").getStringValue()).isEqualTo("v");
        assertThat(message.getMessageAttributes().get("b").getBinaryValue().remaining()).isEqualTo(2);
        assertThat(message.getMd5OfBody()).isNotNull();
        assertThat(message.getEventSource()).isEqualTo("aws:sqs");
        assertThat(message.getEventSourceArn()).startsWith("arn:aws:sqs:");
        assertThat(message.getAwsRegion()).isEqualTo("us-east-1");
    }
}
