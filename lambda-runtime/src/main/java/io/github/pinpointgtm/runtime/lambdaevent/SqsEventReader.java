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
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonStreamContext;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Reads the SQS event document Lambda passes to a function into an {@link SQSEvent}, with the SDK's streaming JSON
 * parser (no data binding, no reflection, no Joda-Time). Every field Lambda sends for an SQS record is read:
 * {@code messageId}, {@code receiptHandle}, {@code body}, {@code attributes}, {@code messageAttributes} (with
 * {@code stringValue}, {@code binaryValue}, {@code stringListValues}, {@code binaryListValues} and {@code dataType};
 * binary values Base64-decoded), {@code md5OfBody}, {@code md5OfMessageAttributes}, {@code eventSource},
 * {@code eventSourceARN} and {@code awsRegion}. Fields it does not know are skipped; a JSON {@code null} leaves a
 * field null. Errors name the field by its path in the document (such as
 * {@code Records[2].messageAttributes.a.dataType}), taken from the parser's own context when the error is raised.
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
            try {
                return readEvent(parser);
            } catch (JsonProcessingException e) {
                // A read limit's error (StreamConstraintsException) carries no location: the parser's is used then.
                JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new MalformedSqsEventException("the SQS event is not valid JSON: " + e.getOriginalMessage()
                        + " at " + location.offsetDescription(), e);
            }
        }
    }

    private static SQSEvent readEvent(JsonParser parser) throws IOException {
        expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
        List<SQSMessage> records = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("Records".equals(field)) {
                expect(parser, value, JsonToken.START_ARRAY);
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
    }

    private static List<SQSMessage> readRecords(JsonParser parser) throws IOException {
        List<SQSMessage> records = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            expect(parser, token, JsonToken.START_OBJECT);
            records.add(readRecord(parser));
        }
        return records;
    }

    private static SQSMessage readRecord(JsonParser parser) throws IOException {
        SQSMessage message = new SQSMessage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "messageId" -> message.setMessageId(string(parser, value));
                case "receiptHandle" -> message.setReceiptHandle(string(parser, value));
                case "body" -> message.setBody(string(parser, value));
                case "md5OfBody" -> message.setMd5OfBody(string(parser, value));
                case "md5OfMessageAttributes" -> message.setMd5OfMessageAttributes(string(parser, value));
                case "eventSource" -> message.setEventSource(string(parser, value));
                case "eventSourceARN" -> message.setEventSourceArn(string(parser, value));
                case "awsRegion" -> message.setAwsRegion(string(parser, value));
                case "attributes" -> message.setAttributes(map(parser, value, SqsEventReader::string));
                case "messageAttributes" -> message.setMessageAttributes(
                        map(parser, value, SqsEventReader::messageAttribute));
                default -> parser.skipChildren();
            }
        }
        if (message.getMessageId() == null) {
            // The record's END_OBJECT is read: the context is the Records array, at this record's index.
            throw new MalformedSqsEventException(path(parser.getParsingContext()) + " has no messageId");
        }
        return message;
    }

    /** Reads one JSON value, given its first token, into what the event holds for it. */
    @FunctionalInterface
    private interface ValueReader<T> {
        T read(JsonParser parser, JsonToken value) throws IOException;
    }

    /** @return the object's members read by {@code values}, or null for a JSON {@code null} */
    private static <T> Map<String, T> map(JsonParser parser, JsonToken value, ValueReader<T> values)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_OBJECT);
        Map<String, T> members = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            members.put(name, values.read(parser, parser.nextToken()));
        }
        return members;
    }

    private static MessageAttribute messageAttribute(JsonParser parser, JsonToken start) throws IOException {
        expect(parser, start, JsonToken.START_OBJECT);
        MessageAttribute attribute = new MessageAttribute();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "stringValue" -> attribute.setStringValue(string(parser, value));
                case "binaryValue" -> attribute.setBinaryValue(binary(parser, value));
                case "dataType" -> attribute.setDataType(string(parser, value));
                case "stringListValues" -> attribute.setStringListValues(list(parser, value, SqsEventReader::string));
                case "binaryListValues" -> attribute.setBinaryListValues(list(parser, value, SqsEventReader::binary));
                default -> parser.skipChildren();
            }
        }
        return attribute;
    }

    /** @return the array's elements read by {@code elements}, or null for a JSON {@code null} */
    private static <T> List<T> list(JsonParser parser, JsonToken value, ValueReader<T> elements) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        List<T> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            values.add(elements.read(parser, token));
        }
        return values;
    }

    private static ByteBuffer binary(JsonParser parser, JsonToken value) throws IOException {
        String base64 = string(parser, value);
        if (base64 == null) {
            return null;
        }
        try {
            return ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new MalformedSqsEventException(pathOfValue(parser) + " is not Base64: " + e.getMessage(), e);
        }
    }

    private static String string(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new MalformedSqsEventException(pathOfValue(parser) + " must be " + describe(expected) + ", found "
                    + (actual == null ? "the end of the document" : describe(actual)) + " at "
                    + parser.currentLocation().offsetDescription());
        }
    }

    /**
     * @return the path of the value the parser is at, such as {@code Records[0].messageAttributes.a.stringValue};
     *         {@code the event} for the document itself
     */
    private static String pathOfValue(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        if (parser.currentToken() != null && parser.currentToken().isStructStart()) {
            // At an object's or array's start the parser is already inside it; the value belongs to the enclosing one.
            context = context.getParent();
        }
        String path = path(context);
        return path.isEmpty() ? "the event" : path;
    }

    /** @return the path of the context's current value, empty at the document's root */
    private static String path(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = path(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        return parent.isEmpty() ? context.getCurrentName() : parent + "." + context.getCurrentName();
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
