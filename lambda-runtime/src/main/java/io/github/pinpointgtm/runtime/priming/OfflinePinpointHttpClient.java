package io.github.pinpointgtm.runtime.priming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An HTTP client that never touches the network: it answers every PutEvents request in memory with a 202 that
 * accepts each event it carries. Priming sends requests through the real SDK pipeline (marshalling, signing,
 * response parsing) into it, so no AWS call is made before a SnapStart checkpoint.
 */
final class OfflinePinpointHttpClient implements SdkHttpClient {

    private static final JsonFactory JSON = new JsonFactory();

    private final List<SdkHttpRequest> requests = new ArrayList<>();

    /** @return the requests answered so far (headers and URI as the SDK built and signed them) */
    synchronized List<SdkHttpRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                synchronized (OfflinePinpointHttpClient.this) {
                    requests.add(request.httpRequest());
                }
                byte[] body;
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                } else {
                    body = new byte[0];
                }
                byte[] answer = acceptEverything(body).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpFullResponse.builder()
                                .statusCode(202)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is computed synchronously.
            }
        };
    }

    /** @return an {@code EventsResponse} accepting every event of the {@code EventsRequest} JSON body */
    static String acceptEverything(byte[] eventsRequest) {
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

    @Override
    public String clientName() {
        return "OfflinePriming";
    }

    @Override
    public void close() {
        // No resources.
    }
}
