package io.github.pinpointgtm.runtime.delivery.pinpoint;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Pinpoint's {@code PutEvents} answered in memory: a 202 that accepts every event of the request. */
public final class PinpointOfflineAnswer implements OfflineAnswer {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        return new Response(202, "application/json", acceptEverything(body).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param eventsRequest a {@code PutEvents} request's {@code EventsRequest} JSON body
     * @return an {@code EventsResponse} accepting every event of the request
     */
    public static String acceptEverything(byte[] eventsRequest) {
        Map<String, List<String>> eventIdsByEndpoint = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(eventsRequest)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                parser.nextToken();
                if (!member.equals("BatchItem")) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    List<String> eventIds = eventIdsByEndpoint.computeIfAbsent(parser.currentName(), id -> new ArrayList<>());
                    expect(parser.nextToken(), JsonToken.START_OBJECT);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String batchMember = parser.currentName();
                        parser.nextToken();
                        if (batchMember.equals("Events")) {
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                eventIds.add(parser.currentName());
                                parser.nextToken();
                                parser.skipChildren();
                            }
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            return eventsResponse(eventIdsByEndpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String eventsResponse(Map<String, List<String>> eventIdsByEndpoint) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeObjectFieldStart("Results");
            for (Map.Entry<String, List<String>> endpoint : eventIdsByEndpoint.entrySet()) {
                out.writeObjectFieldStart(endpoint.getKey());
                out.writeObjectFieldStart("EndpointItemResponse");
                out.writeNumberField("StatusCode", 202);
                out.writeStringField("Message", "Accepted");
                out.writeEndObject();
                out.writeObjectFieldStart("EventsItemResponse");
                for (String eventId : endpoint.getValue()) {
                    out.writeObjectFieldStart(eventId);
                    out.writeNumberField("StatusCode", 202);
                    out.writeStringField("Message", "Accepted");
                    out.writeEndObject();
                }
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        return json.toString();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " in the EventsRequest, found " + actual);
        }
    }

}
