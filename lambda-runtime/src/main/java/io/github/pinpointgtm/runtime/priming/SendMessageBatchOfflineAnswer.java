package io.github.pinpointgtm.runtime.priming;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * SQS's {@code SendMessageBatch} (AWS JSON protocol) answered in memory, as SQS answers when it stores every entry:
 * each entry succeeds with a message id and the MD5 digests of its body and string attributes, which the SDK's SQS
 * client checks on every response. Any other operation is answered with a client error.
 */
public final class SendMessageBatchOfflineAnswer implements OfflineAnswer {

    /** The {@code X-Amz-Target} of the one operation answered. */
    static final String TARGET = "AmazonSQS.SendMessageBatch";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final JsonFactory JSON = new JsonFactory();
    /** SQS's message attribute digest marks a string value with this byte. */
    private static final byte STRING_TRANSPORT_TYPE = 1;

    /** Creates the answer. */
    public SendMessageBatchOfflineAnswer() {
        // Stateless.
    }

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        if (!target.equals(TARGET)) {
            return new Response(400, CONTENT_TYPE, ("{\"__type\":\"com.amazonaws.sqs#UnsupportedOperation\","
                    + "\"message\":\"offline: only " + TARGET + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return new Response(200, CONTENT_TYPE, storeEverything(body).getBytes(StandardCharsets.UTF_8));
    }

    /** One entry of the request: its id, body and string attributes. */
    private record Entry(String id, String body, Map<String, String[]> attributes) {
    }

    private static String storeEverything(byte[] sendMessageBatchRequest) {
        try (JsonParser parser = JSON.createParser(sendMessageBatchRequest)) {
            List<Entry> entries = readEntries(parser);
            StringWriter json = new StringWriter();
            try (JsonGenerator out = JSON.createGenerator(json)) {
                out.writeStartObject();
                out.writeArrayFieldStart("Successful");
                for (int i = 0; i < entries.size(); i++) {
                    Entry entry = entries.get(i);
                    out.writeStartObject();
                    out.writeStringField("Id", entry.id());
                    out.writeStringField("MessageId", "offline-" + i);
                    out.writeStringField("MD5OfMessageBody", md5Hex(entry.body().getBytes(StandardCharsets.UTF_8)));
                    if (!entry.attributes().isEmpty()) {
                        out.writeStringField("MD5OfMessageAttributes", attributesMd5Hex(entry.attributes()));
                    }
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeArrayFieldStart("Failed");
                out.writeEndArray();
                out.writeEndObject();
            }
            return json.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> readEntries(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("a SendMessageBatch request is a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            if (member.equals("Entries") && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    entries.add(readEntry(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
        return entries;
    }

    private static Entry readEntry(JsonParser parser) throws IOException {
        String id = "";
        String body = "";
        Map<String, String[]> attributes = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (member) {
                case "Id" -> id = parser.getText();
                case "MessageBody" -> body = parser.getText();
                case "MessageAttributes" -> {
                    while (value == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        attributes.put(name, readStringAttribute(parser));
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new Entry(id, body, attributes);
    }

    /** @return {@code {dataType, stringValue}} of one attribute */
    private static String[] readStringAttribute(JsonParser parser) throws IOException {
        String dataType = "";
        String stringValue = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            parser.nextToken();
            switch (member) {
                case "DataType" -> dataType = parser.getText();
                case "StringValue" -> stringValue = parser.getText();
                default -> parser.skipChildren();
            }
        }
        return new String[] {dataType, stringValue};
    }

    /**
     * SQS's digest of message attributes: for each attribute in name order, the name, the data type, the transport
     * type byte and the value, each string preceded by its UTF-8 length as a 4-byte big-endian integer.
     */
    static String attributesMd5Hex(Map<String, String[]> attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TreeMap<>(attributes).forEach((name, typeAndValue) -> {
            lengthPrefixed(bytes, name);
            lengthPrefixed(bytes, typeAndValue[0]);
            bytes.write(STRING_TRANSPORT_TYPE);
            lengthPrefixed(bytes, typeAndValue[1]);
        });
        return md5Hex(bytes.toByteArray());
    }

    private static void lengthPrefixed(ByteArrayOutputStream bytes, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        bytes.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
        bytes.writeBytes(utf8);
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }
}
