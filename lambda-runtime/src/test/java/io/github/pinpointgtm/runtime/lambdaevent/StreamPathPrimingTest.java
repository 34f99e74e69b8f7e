package io.github.pinpointgtm.runtime.lambdaevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.priming.SnapStartPriming;
import io.github.pinpointgtm.testkit.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamPathPrimingTest {

    private final StringBuilder output = new StringBuilder();
    private final StructuredLog log = new StructuredLog(output, new PersonalData(false), Clock.systemUTC());

    @Test
    void primingReadsTheSampleEventAndWritesAResponse() {
        assertThat(new StreamPathPriming(SqsEventReader::read, log).prime())
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"priming-message\"}]}");
    }

    @Test
    void primingReadsTheSampleOftenEnoughForTheReadPathToBeCompiled() {
        AtomicInteger reads = new AtomicInteger();

        new StreamPathPriming(document -> {
            reads.incrementAndGet();
            return SqsEventReader.read(document);
        }, log).beforeCheckpoint(null);

        assertThat(reads).hasValue(SnapStartPriming.SAMPLE_READS);
        assertThat(SnapStartPriming.SAMPLE_READS).isGreaterThanOrEqualTo(200);
        assertThat(output).isEmpty();
    }

    @Test
    void aFailingReaderIsLoggedAndDoesNotFailTheCheckpoint() {
        StreamPathPriming priming = new StreamPathPriming(document -> {
            throw new MalformedSqsEventException("the SQS event has no Records array");
        }, log);

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        List<Map<String, Object>> lines = output.toString().lines().map(Json::parseObject).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("level", "ERROR")
                .containsEntry("message", "unexpected error")
                .containsEntry("during", "SnapStart priming of the event document")
                .containsEntry("error", MalformedSqsEventException.class.getName())
                .containsEntry("detail", "the SQS event has no Records array"));
    }

    @Test
    void aReaderFailingToReadIsLoggedToo() {
        StreamPathPriming priming = new StreamPathPriming(document -> {
            throw new IOException("stream closed");
        }, log);

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(output.toString().lines().map(Json::parseObject).toList()).singleElement()
                .satisfies(line -> assertThat((String) line.get("detail")).contains("stream closed"));
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
