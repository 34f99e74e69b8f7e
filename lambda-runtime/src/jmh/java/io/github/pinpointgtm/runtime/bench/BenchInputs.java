package io.github.pinpointgtm.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pinpointgtm.testkit.GoldenEnvelopes;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.runtime.config.DestinationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' inputs, derived from the golden envelopes (the exact bodies the API Gateway template writes):
 * every case the processor accepts under the default configuration, cycled, each copy with its own request id and,
 * where the endpoint id comes from the query string, its own endpoint id (one visitor per hit: little grouping
 * advantage; authenticated cases keep their identity's endpoint), so every message is a distinct valid event.
 */
public final class BenchInputs {

    /** The Pinpoint application id of every benchmark. */
    public static final String APPLICATION_ID = "0123456789abcdef0123456789abcdef";
    /** The origin the golden envelopes' default configuration allows. */
    public static final String ALLOWED_ORIGIN = "https://www.example.com";

    /** The region of {@link #processorEnvironment}. */
    public static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchInputs() {
    }

    /** @return the processor environment of the golden envelopes' default case, aimed at the given queues */
    public static Map<String, String> processorEnvironment(String rejectedQueueUrl, String deadLetterQueueUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DESTINATION_TYPE", "pinpoint");
        env.put("PINPOINT_APPLICATION_ID", APPLICATION_ID);
        env.put("REJECTED_QUEUE_URL", rejectedQueueUrl);
        env.put("DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
        env.put("ALLOWED_ORIGINS", ALLOWED_ORIGIN);
        env.put("AWS_REGION", REGION);
        return env;
    }

    /**
     * @param type the destination
     * @return the processor environment of the golden envelopes' default case writing to that destination, with one
     *         delivery call at a time (the benchmarks measure one core)
     */
    public static Map<String, String> processorEnvironment(DestinationType type) {
        Map<String, String> env = processorEnvironment("https://sqs.invalid/rejected", "https://sqs.invalid/dlq");
        env.put("DESTINATION_TYPE", type.value());
        env.put("DELIVERY_CONCURRENCY", "1");
        switch (type) {
            case PINPOINT -> { } // the application id is already set
            case KINESIS -> env.put("KINESIS_STREAM_NAME", "bench-stream");
            case FIREHOSE -> env.put("FIREHOSE_DELIVERY_STREAM_NAME", "bench-firehose");
            case EVENTBRIDGE -> env.put("EVENTBRIDGE_EVENT_BUS", "bench-bus");
            default -> throw new IllegalArgumentException("the benchmarks have no batch of " + type.value());
        }
        return env;
    }

    /**
     * @param count how many messages
     * @return {@code count} SQS message bodies, each a distinct event accepted by the default configuration
     */
    public static List<String> messageBodies(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, was " + count);
        }
        List<ObjectNode> templates = acceptedGoldenEnvelopes();
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode envelope = templates.get(i % templates.size()).deepCopy();
            envelope.put("requestId", String.format("bench-%08d", i));
            for (JsonNode pair : envelope.withArray("query")) {
                if (pair.get(0).asText().equals("endpoint_id")) {
                    ((ArrayNode) pair).set(1, JSON.getNodeFactory().textNode(String.format("bench-endpoint-%08d", i)));
                }
            }
            bodies.add(envelope.toString());
        }
        return bodies;
    }

    /**
     * The golden cases accepted with the default configuration, in file-name order, that the original processor (the
     * cold-start baseline) can read too, so both sides of a ratio handle the same events: a JSON or empty body and an
     * endpoint id (no form body, no consent-denied anonymous count: features it predates).
     */
    static List<ObjectNode> acceptedGoldenEnvelopes() {
        List<ObjectNode> accepted = new ArrayList<>();
        for (GoldenEnvelopes.GoldenCase goldenCase : GoldenEnvelopes.all()) {
            JsonNode golden = Json.tree(goldenCase.json());
            boolean defaultConfig = !golden.has("config") || golden.get("config").isEmpty();
            if (defaultConfig && golden.path("expected").path("outcome").asText().equals("accepted")
                    && withinTheOriginalContract(golden.get("envelope"))) {
                accepted.add((ObjectNode) golden.get("envelope"));
            }
        }
        if (accepted.size() < 5) {
            throw new IllegalStateException("expected at least 5 accepted golden envelopes, found " + accepted.size());
        }
        return accepted;
    }

    private static boolean withinTheOriginalContract(JsonNode envelope) {
        boolean formBody = envelope.path("contentType").asText().contains("x-www-form-urlencoded");
        boolean endpointId = envelope.path("body").asText().contains("endpoint_id");
        for (JsonNode pair : envelope.path("query")) {
            endpointId |= pair.get(0).asText().equals("endpoint_id");
        }
        return !formBody && endpointId;
    }
}
