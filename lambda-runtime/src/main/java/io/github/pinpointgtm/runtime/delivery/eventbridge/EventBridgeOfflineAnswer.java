package io.github.pinpointgtm.runtime.delivery.eventbridge;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.SdkHttpRequest;

/** EventBridge's {@code PutEvents} answered in memory: HTTP 200 with an event id for every entry of the request. */
public final class EventBridgeOfflineAnswer implements OfflineAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    /** Creates the answer. */
    public EventBridgeOfflineAnswer() {
        // Stateless.
    }

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        return new Response(200, "application/x-amz-json-1.1",
                acceptEverything(body).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param putEventsRequest a {@code PutEvents} request body
     * @return a {@code PutEvents} response with {@code FailedEntryCount} 0 and one {@code EventId} per entry
     */
    public static String acceptEverything(byte[] putEventsRequest) {
        int entries = 0;
        try (JsonParser parser = JSON.createParser(putEventsRequest)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a PutEvents request is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if (member.equals("Entries") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        parser.skipChildren();
                        entries++;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            StringWriter json = new StringWriter();
            try (JsonGenerator out = JSON.createGenerator(json)) {
                out.writeStartObject();
                out.writeNumberField("FailedEntryCount", 0);
                out.writeArrayFieldStart("Entries");
                for (int i = 0; i < entries; i++) {
                    out.writeStartObject();
                    out.writeStringField("EventId", "offline-" + i);
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            return json.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
