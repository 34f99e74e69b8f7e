package io.github.pinpointgtm.runtime.bench.seed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.EventsRequest;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;
import software.amazon.awssdk.services.pinpoint.model.Session;

/**
 * The benchmarks' baseline: the seed proof of concept's approach written in Java the way a user would without this
 * library. One PutEvents call per message, {@code PinpointClient.create()} (the SDK's default Apache HTTP client,
 * default region and credentials chain), Jackson databind for the JSON, a partial batch response. It reads the same
 * envelopes as the processor (so both do the same work per hit) but applies no origin or size policy.
 *
 * <p>Benchmark code only: never on the processor's classpath.
 */
public final class SeedStyleHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final ObjectMapper mapper = new ObjectMapper();
    private final PinpointClient pinpoint = PinpointClient.create();
    private final String applicationId = System.getenv("PINPOINT_APPLICATION_ID");

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                send(mapper.readTree(message.getBody()));
            } catch (Exception e) {
                System.out.println("failed " + message.getMessageId() + ": " + e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void send(JsonNode envelope) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (JsonNode pair : envelope.get("query")) {
            query.put(decode(pair.get(0).asText()), decode(pair.get(1).asText()));
        }
        if (envelope.hasNonNull("body") && !envelope.get("body").asText().isEmpty()) {
            JsonNode body = mapper.readTree(decode(envelope.get("body").asText()));
            body.fields().forEachRemaining(field -> query.put(field.getKey(), field.getValue().asText()));
        }
        Map<String, String> attributes = new HashMap<>();
        Map<String, Double> metrics = new HashMap<>();
        query.forEach((name, value) -> {
            if (value.isEmpty()) {
                return;
            }
            if (name.startsWith("evat_")) {
                attributes.put(name.substring(5), value);
            } else if (name.startsWith("evmt_")) {
                metrics.put(name.substring(5), Double.valueOf(value));
            }
        });
        String timestamp = Instant.ofEpochMilli(envelope.get("requestTimeEpoch").asLong()).toString();
        Event.Builder pinpointEvent = Event.builder()
                .eventType(query.get("event"))
                .timestamp(timestamp)
                .attributes(attributes)
                .metrics(metrics);
        if (!query.getOrDefault("session_id", "").isEmpty()) {
            pinpointEvent.session(Session.builder().id(query.get("session_id")).startTimestamp(timestamp).build());
        }
        // An authenticated hit's endpoint is the caller's identity, as with the connector.
        String identity = decode(envelope.path("identity").asText(""));
        String endpointId = identity.isEmpty() ? query.get("endpoint_id") : identity;
        pinpoint.putEvents(PutEventsRequest.builder()
                .applicationId(applicationId)
                .eventsRequest(EventsRequest.builder()
                        .batchItem(Map.of(endpointId, EventsBatch.builder()
                                .endpoint(PublicEndpoint.builder().build())
                                .events(Map.of(envelope.get("requestId").asText(), pinpointEvent.build()))
                                .build()))
                        .build())
                .build());
    }

    private static String decode(String formEncoded) {
        return URLDecoder.decode(formEncoded, StandardCharsets.UTF_8);
    }
}
