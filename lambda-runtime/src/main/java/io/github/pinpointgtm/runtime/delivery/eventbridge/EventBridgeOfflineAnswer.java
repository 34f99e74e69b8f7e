package io.github.pinpointgtm.runtime.delivery.eventbridge;

import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import io.github.pinpointgtm.runtime.delivery.batch.RecordsInRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

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
        int entries = RecordsInRequest.count(JSON, putEventsRequest, "PutEventsRequest", "Entries");
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString();
    }
}
