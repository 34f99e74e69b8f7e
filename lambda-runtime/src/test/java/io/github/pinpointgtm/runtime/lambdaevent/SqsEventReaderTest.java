package io.github.pinpointgtm.runtime.lambdaevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import io.github.pinpointgtm.testkit.Texts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

class SqsEventReaderTest {

    private static SQSEvent read(String json) throws IOException {
        return SqsEventReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEveryFieldOfTheDocumentedSampleEvent() throws IOException {
        SQSEvent event;
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/lambda-events/sqs-event-documented.json"))) {
            event = SqsEventReader.read(in);
        }

        assertThat(event.getRecords()).hasSize(2);
        SQSMessage first = event.getRecords().get(0);
        assertThat(first.getMessageId()).isEqualTo("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(first.getReceiptHandle()).isEqualTo("AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...");
        assertThat(first.getBody()).isEqualTo("Test message.");
        assertThat(first.getAttributes()).isEqualTo(Map.of("ApproximateReceiveCount", "1",
                "SentTimestamp", "1545082649183", "SenderId", "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp", "1545082649185"));
        MessageAttribute attribute = first.getMessageAttributes().get("myAttribute");
        assertThat(first.getMessageAttributes()).containsOnlyKeys("myAttribute");
        assertThat(attribute.getStringValue()).isEqualTo("myValue");
        assertThat(attribute.getStringListValues()).isEmpty();
        assertThat(attribute.getBinaryListValues()).isEmpty();
        assertThat(attribute.getBinaryValue()).isNull();
        assertThat(attribute.getDataType()).isEqualTo("String");
        assertThat(first.getMd5OfBody()).isEqualTo("e4e68fb7bd0e697a0ae8f1bb342846b3");
        assertThat(first.getMd5OfMessageAttributes()).isNull();
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-2:123456789012:my-queue");
        assertThat(first.getAwsRegion()).isEqualTo("us-east-2");
        SQSMessage second = event.getRecords().get(1);
        assertThat(second.getMessageId()).isEqualTo("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(second.getReceiptHandle()).isEqualTo("AQEBzWwaftRI0KuVm4tP+/7q1rGgNqicHq...");
        assertThat(second.getAttributes()).containsEntry("SentTimestamp", "1545082650636");
        assertThat(second.getMessageAttributes()).isEmpty();
    }

    @Test
    void keepsTheRecordsInTheDocumentsOrder() throws IOException {
        List<SQSMessage> messages = List.of(TestEnvelopes.message("c", "3"), TestEnvelopes.message("a", "1"),
                TestEnvelopes.message("b", "2"));

        SQSEvent event = SqsEventReader.read(new ByteArrayInputStream(SqsEventDocuments.of(messages)));

        assertThat(event.getRecords()).extracting(SQSMessage::getMessageId).containsExactly("c", "a", "b");
        assertThat(event.getRecords()).extracting(SQSMessage::getBody).containsExactly("3", "1", "2");
        assertThat(event.getRecords()).extracting(SQSMessage::getReceiptHandle)
                .containsExactly("receipt-c", "receipt-a", "receipt-b");
    }

    @Test
    void readsMessageAttributesOfEachDataType() throws IOException {
        SQSEvent event = read("""
                {"Records":[{"messageId":"m","messageAttributes":{
                  "text":{"stringValue":"caf\\u00e9","stringListValues":[],"binaryListValues":[],"dataType":"String"},
                  "count":{"stringValue":"-1.5e3","stringListValues":[],"binaryListValues":[],"dataType":"Number.float"},
                  "blob":{"binaryValue":"AP8Q","stringListValues":[],"binaryListValues":[],"dataType":"Binary"},
                  "strings":{"stringListValues":["a","","\\"q\\""],"binaryListValues":[],"dataType":"String"},
                  "blobs":{"stringListValues":[],"binaryListValues":["AQ==",""],"dataType":"Binary.png"}}}]}""");

        Map<String, MessageAttribute> attributes = event.getRecords().get(0).getMessageAttributes();
        assertThat(attributes).containsOnlyKeys("text", "count", "blob", "strings", "blobs");
        assertThat(attributes.get("text").getStringValue()).isEqualTo("café");
        assertThat(attributes.get("text").getDataType()).isEqualTo("String");
        assertThat(attributes.get("count").getStringValue()).isEqualTo("-1.5e3");
        assertThat(attributes.get("count").getDataType()).isEqualTo("Number.float");
        assertThat(attributes.get("blob").getBinaryValue()).isEqualTo(ByteBuffer.wrap(new byte[] {0, -1, 16}));
        assertThat(attributes.get("blob").getStringValue()).isNull();
        assertThat(attributes.get("blob").getDataType()).isEqualTo("Binary");
        assertThat(attributes.get("strings").getStringListValues()).containsExactly("a", "", "\"q\"");
        assertThat(attributes.get("blobs").getBinaryListValues())
                .containsExactly(ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(new byte[0]));
        assertThat(attributes.get("blobs").getDataType()).isEqualTo("Binary.png");
    }

    @Test
    void skipsFieldsItDoesNotKnowWhateverTheirValue() throws IOException {
        SQSEvent event = read("""
                {"version":2,"Extra":{"Records":"not these"},"Records":[
                  {"future":[{"messageId":"nested"}],"messageId":"m1","body":"b1","n":1.5,"t":true,"z":null,
                   "messageAttributes":{"a":{"dataType":"String","stringValue":"v","newField":{"x":[1,2]}}}},
                  {"messageId":"m2","body":"b2"}],"trailer":[[],{}]}""");

        assertThat(event.getRecords()).extracting(SQSMessage::getMessageId).containsExactly("m1", "m2");
        assertThat(event.getRecords()).extracting(SQSMessage::getBody).containsExactly("b1", "b2");
        assertThat(event.getRecords().get(0).getMessageAttributes().get("a").getStringValue()).isEqualTo("v");
    }

    @Test
    void emptyRecordsAreAnEmptyBatch() throws IOException {
        assertThat(read("{\"Records\":[]}").getRecords()).isEmpty();
    }

    @Test
    void nullValuesLeaveTheirFieldsNull() throws IOException {
        SQSMessage message = read("""
                {"Records":[{"messageId":"m","body":null,"receiptHandle":null,"attributes":null,
                  "messageAttributes":{"a":{"stringValue":null,"binaryValue":null,"stringListValues":null,
                  "binaryListValues":null,"dataType":"String"}}}]}""").getRecords().get(0);

        assertThat(message.getBody()).isNull();
        assertThat(message.getReceiptHandle()).isNull();
        assertThat(message.getAttributes()).isNull();
        MessageAttribute attribute = message.getMessageAttributes().get("a");
        assertThat(attribute.getStringValue()).isNull();
        assertThat(attribute.getBinaryValue()).isNull();
        assertThat(attribute.getStringListValues()).isNull();
        assertThat(attribute.getBinaryListValues()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                      | {\"Records\":[{\"messageId\":\"m\",}]}           | not valid JSON",
        "cut short                     | {\"Records\":[{\"messageId\":\"m\"               | not valid JSON",
        "empty                         | ''                                               | the event must be an object, found the end of the document",
        "an array                      | [{\"Records\":[]}]                               | the event must be an object, found an array",
        "no Records                    | {\"records\":[]}                                 | the SQS event has no Records array",
        "Records an object             | {\"Records\":{}}                                 | Records must be an array, found an object",
        "a record a string             | {\"Records\":[\"m\"]}                            | Records[0] must be an object, found a string",
        "no messageId                  | {\"Records\":[{\"messageId\":\"a\"},{\"body\":\"b\"}]} | Records[1] has no messageId",
        "a number body                 | {\"Records\":[{\"messageId\":\"m\",\"body\":5}]} | Records[0].body must be a string, found a number",
        "attributes an array           | {\"Records\":[{\"messageId\":\"m\",\"attributes\":[]}]} | Records[0].attributes must be an object, found an array",
        "an attribute a number         | {\"Records\":[{\"messageId\":\"m\",\"attributes\":{\"SentTimestamp\":1}}]} | Records[0].attributes.SentTimestamp must be a string, found a number",
        "a message attribute a string  | {\"Records\":[{\"messageId\":\"m\",\"messageAttributes\":{\"a\":\"v\"}}]} | Records[0].messageAttributes.a must be an object, found a string",
        "binary not Base64             | {\"Records\":[{\"messageId\":\"m\",\"messageAttributes\":{\"a\":{\"binaryValue\":\"*\"}}}]} | Records[0].messageAttributes.a.binaryValue is not Base64",
        "a list value a boolean        | {\"Records\":[{\"messageId\":\"m\",\"messageAttributes\":{\"a\":{\"stringListValues\":[\"x\",true]}}}]} | Records[0].messageAttributes.a.stringListValues[1] must be a string, found a boolean",
        "content after the event       | {\"Records\":[]} {}                              | the SQS event has content after its closing brace",
        "a later record's field        | {\"Records\":[{\"messageId\":\"a\"},{\"messageId\":\"b\",\"eventSource\":{}}]} | Records[1].eventSource must be a string, found an object",
        "a messageId an array          | {\"Records\":[{\"messageId\":[\"m\"]}]}         | Records[0].messageId must be a string, found an array",
        "a binary list value not Base64 | {\"Records\":[{\"messageId\":\"m\",\"messageAttributes\":{\"a\":{\"binaryListValues\":[\"AAE=\",\"*\"]}}}]} | Records[0].messageAttributes.a.binaryListValues[1] is not Base64",
    })
    void malformedDocumentsFailNamingWhatIsWrong(String name, String json, String expected) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(MalformedSqsEventException.class)
                .hasMessageContaining(expected);
    }

    static List<String> documentsOverJacksonsReadLimits() {
        return List.of(
                "{\"Records\":[],\"x\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}",
                "{\"Records\":[],\"" + "n".repeat(50_001) + "\":1}",
                "{\"Records\":[],\"x\":" + "1".repeat(1_001) + "}");
    }

    @ParameterizedTest
    @MethodSource("documentsOverJacksonsReadLimits")
    void aDocumentOverAReadLimitFailsAsMalformedWithTheParsersError(String json) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(MalformedSqsEventException.class)
                .hasMessageStartingWith("the SQS event is not valid JSON: ")
                .hasMessageContaining("exceeds the maximum")
                .hasMessageMatching("(?s).* at line: 1, column: \\d+$")
                .cause().isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void theTestDocumentsCarryTheMessagesOwnReceiptHandleAttributesAndQueue() throws IOException {
        SQSMessage received = TestEnvelopes.message("m", "b");
        received.setReceiptHandle("handle-of-the-receive");
        received.setAttributes(Map.of("ApproximateReceiveCount", "7"));
        received.setEventSourceArn("arn:aws:sqs:eu-west-1:000000000000:main");

        SQSMessage read = SqsEventReader.read(new ByteArrayInputStream(SqsEventDocuments.of(List.of(received))))
                .getRecords().get(0);

        assertThat(read.getReceiptHandle()).isEqualTo("handle-of-the-receive");
        assertThat(read.getAttributes()).isEqualTo(Map.of("ApproximateReceiveCount", "7"));
        assertThat(read.getEventSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:main");
    }

    @Test
    void aBodyWrittenIntoAnEventComesBackIdentical() {
        Generator<String> bodies = Generator.oneOf(Texts.wellFormed(0, 3_000), Generator.of(NastyStrings.ALL));
        PropertyCheck.forAll(500, bodies.with(random -> random.nextLong(), BodyAndSeed::new), sample -> {
            String document = "{\"Records\":[{\"messageId\":" + jsonString(sample.body(), new Random(sample.seed()))
                    + ",\"body\":" + jsonString(sample.body(), new Random(sample.seed() + 1)) + "}]}";

            SQSMessage message = read(document).getRecords().get(0);

            assertThat(message.getBody()).isEqualTo(sample.body());
            assertThat(message.getMessageId()).isEqualTo(sample.body());
        });
    }

    @Test
    void aBodyOfSqsLargestMessageSizeIsReadWhole() throws IOException {
        // About 1 MiB of UTF-8, three of every four characters escaped in the document
        String body = "é\"\\\n".repeat(1_048_576 / 5);

        SQSEvent event = SqsEventReader.read(new ByteArrayInputStream(
                SqsEventDocuments.of(List.of(TestEnvelopes.message("big", body), TestEnvelopes.message("next", "x")))));

        assertThat(event.getRecords().get(0).getBody()).isEqualTo(body);
        assertThat(event.getRecords().get(1).getBody()).isEqualTo("x");
    }

    @Test
    void everyNastyStringComesBackIdenticalThroughTheTestsOwnJsonWriter() throws IOException {
        List<SQSMessage> messages = NastyStrings.ALL.stream()
                .map(body -> TestEnvelopes.message("id " + body, body)).toList();

        SQSEvent event = SqsEventReader.read(new ByteArrayInputStream(SqsEventDocuments.of(messages)));

        assertThat(event.getRecords()).extracting(SQSMessage::getBody).containsExactlyElementsOf(NastyStrings.ALL);
        assertThat(event.getRecords()).extracting(SQSMessage::getMessageId)
                .containsExactlyElementsOf(NastyStrings.ALL.stream().map(body -> "id " + body).toList());
    }

    private record BodyAndSeed(String body, long seed) {
    }

    /**
     * A JSON string literal of {@code text}, each UTF-16 unit written in one of the forms JSON allows, drawn at
     * random: raw where it may be, a short escape where there is one, or a {@code \\uXXXX} escape (lower or upper
     * case hex; a surrogate pair then as two escapes).
     */
    private static String jsonString(String text, Random random) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int form = random.nextInt(4);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                // A pair stays together: both raw or both escaped (a lone raw half is not UTF-8).
                char low = text.charAt(++i);
                if (form == 0) {
                    json.append(String.format("\\u%04x\\u%04X", (int) c, (int) low));
                } else {
                    json.append(c).append(low);
                }
                continue;
            }
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '/' -> "\\/";
                default -> null;
            };
            boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
            if (form == 0 || (mustEscape && shortEscape == null)) {
                String hex = String.format("%04x", (int) c);
                json.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
            } else if (shortEscape != null && (mustEscape || form == 1)) {
                json.append(shortEscape);
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
