package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.MessageAttribute;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Reads the SQS event document Lambda passes to a function into an {@link SQSEvent}, with the SDK's streaming JSON
 * parser (no data binding, no reflection, no Joda-Time). Every field Lambda sends for an SQS record is read:
 * {@code messageId}, {@code receiptHandle}, {@code body}, {@code attributes}, {@code messageAttributes} (with
 * {@code stringValue}, {@code binaryValue}, {@code stringListValues}, {@code binaryListValues} and {@code dataType};
 * binary values Base64-decoded), {@code md5OfBody}, {@code md5OfMessageAttributes}, {@code eventSource},
 * {@code eventSourceARN} and {@code awsRegion}. Fields it does not know are skipped; a JSON {@code null} leaves a
 * field null.
 */
public final class SqsEventReader {

    // Jackson's default read limits (strings up to 20,000,000 chars, nesting 1,000) are above anything Lambda's
    // 6 MB invocation payload can hold, so no SQS message is refused for its size.
    private static final JsonFactory JSON = new JsonFactory();

    private SqsEventReader() {
    }

    /**
     * @param document the event document, UTF-8 (not closed)
     * @return the event, its records in the document's order
     * @throws MalformedSqsEventException naming the field when the document is not JSON, not an object, has no
     *                                    {@code Records} array, a record without a string {@code messageId}, a value
     *                                    of the wrong type or invalid Base64
     * @throws IOException                when the stream cannot be read
     */
    public static SQSEvent read(InputStream document) throws IOException {
        try (JsonParser parser = JSON.createParser(document)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the event");
            List<SQSMessage> records = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("Records".equals(field)) {
                    expect(parser, value, JsonToken.START_ARRAY, "Records");
                    records = readRecords(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (records == null) {
                throw new MalformedSqsEventException("the SQS event has no Records array");
            }
            if (parser.nextToken() != null) {
                throw new MalformedSqsEventException("the SQS event has content after its closing brace, at "
                        + parser.currentLocation().offsetDescription());
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(records);
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedSqsEventException("the SQS event is not valid JSON: " + e.getOriginalMessage()
                    + " at " + e.getLocation().offsetDescription(), e);
        }
    }

    private static List<SQSMessage> readRecords(JsonParser parser) throws IOException {
        List<SQSMessage> records = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String path = "Records[" + records.size() + "]";
            expect(parser, token, JsonToken.START_OBJECT, path);
            records.add(readRecord(parser, path));
        }
        return records;
    }

    private static SQSMessage readRecord(JsonParser parser, String path) throws IOException {
        SQSMessage message = new SQSMessage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            String fieldPath = path + "." + field;
            switch (field) {
                case "messageId" -> message.setMessageId(string(parser, value, fieldPath));
                case "receiptHandle" -> message.setReceiptHandle(string(parser, value, fieldPath));
                case "body" -> message.setBody(string(parser, value, fieldPath));
                case "md5OfBody" -> message.setMd5OfBody(string(parser, value, fieldPath));
                case "md5OfMessageAttributes" -> message.setMd5OfMessageAttributes(string(parser, value, fieldPath));
                case "eventSource" -> message.setEventSource(string(parser, value, fieldPath));
                case "eventSourceARN" -> message.setEventSourceArn(string(parser, value, fieldPath));
                case "awsRegion" -> message.setAwsRegion(string(parser, value, fieldPath));
                case "attributes" -> message.setAttributes(attributes(parser, value, fieldPath));
                case "messageAttributes" -> message.setMessageAttributes(messageAttributes(parser, value, fieldPath));
                default -> parser.skipChildren();
            }
        }
        if (message.getMessageId() == null) {
            throw new MalformedSqsEventException(path + " has no messageId");
        }
        return message;
    }

    private static Map<String, String> attributes(JsonParser parser, JsonToken value, String path) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_OBJECT, path);
        Map<String, String> attributes = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            attributes.put(name, string(parser, parser.nextToken(), path + "." + name));
        }
        return attributes;
    }

    private static Map<String, MessageAttribute> messageAttributes(JsonParser parser, JsonToken value, String path)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_OBJECT, path);
        Map<String, MessageAttribute> attributes = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String attributePath = path + "." + name;
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, attributePath);
            attributes.put(name, messageAttribute(parser, attributePath));
        }
        return attributes;
    }

    private static MessageAttribute messageAttribute(JsonParser parser, String path) throws IOException {
        MessageAttribute attribute = new MessageAttribute();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            String fieldPath = path + "." + field;
            switch (field) {
                case "stringValue" -> attribute.setStringValue(string(parser, value, fieldPath));
                case "binaryValue" -> attribute.setBinaryValue(binary(parser, value, fieldPath));
                case "dataType" -> attribute.setDataType(string(parser, value, fieldPath));
                case "stringListValues" -> attribute.setStringListValues(list(parser, value, fieldPath, false));
                case "binaryListValues" -> attribute.setBinaryListValues(list(parser, value, fieldPath, true));
                default -> parser.skipChildren();
            }
        }
        return attribute;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(JsonParser parser, JsonToken value, String path, boolean binary)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_ARRAY, path);
        List<Object> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String elementPath = path + "[" + values.size() + "]";
            values.add(binary ? binary(parser, token, elementPath) : string(parser, token, elementPath));
        }
        return (List<T>) values;
    }

    private static ByteBuffer binary(JsonParser parser, JsonToken value, String path) throws IOException {
        String base64 = string(parser, value, path);
        if (base64 == null) {
            return null;
        }
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new MalformedSqsEventException(path + " is not Base64: " + e.getMessage(), e);
        }
    }

    private static String string(JsonParser parser, JsonToken value, String path) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.VALUE_STRING, path);
        return parser.getText();
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String path) {
        if (actual != expected) {
            throw new MalformedSqsEventException(path + " must be " + describe(expected) + ", found "
                    + (actual == null ? "the end of the document" : describe(actual)) + " at "
                    + parser.currentLocation().offsetDescription());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }
}
