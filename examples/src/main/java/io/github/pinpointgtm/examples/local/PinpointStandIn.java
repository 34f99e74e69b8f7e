package io.github.pinpointgtm.examples.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Amazon Pinpoint's {@code PutEvents} ({@code POST /v1/apps/{appId}/events}) that records every
 * accepted event and hands it to a listener (the local pipeline prints it). A {@link Faults} policy makes it answer
 * 429 or 5xx, answer slowly, or refuse single events with per-event 400s, as the real service can.
 */
public final class PinpointStandIn implements AutoCloseable {

    private static final Pattern EVENTS_PATH = Pattern.compile("^/v1/apps/([^/]+)/events$");
    private static final JsonFactory JSON = new JsonFactory();

    static {
        // Answers are written in two parts (headers, body); without TCP_NODELAY each waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One event as the stand-in received it. */
    public record RecordedEvent(String endpointId, String eventId, String eventType, String timestamp,
                                Map<String, String> attributes, Map<String, Double> metrics) {
    }

    /** What the stand-in does with one request; called concurrently. */
    public interface Faults {
        Faults NONE = new Faults() {
        };

        /** @return the HTTP status to fail the whole request with (429, 500, 503...), or 0 to answer normally */
        default int failRequest() {
            return 0;
        }

        /** @return how long to wait before answering */
        default Duration delay() {
            return Duration.ZERO;
        }

        /** @return a per-event 400 message to refuse this event with, or null to accept it */
        default String refuse(RecordedEvent event) {
            return null;
        }
    }

    private final String applicationId;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Consumer<RecordedEvent> listener;
    private volatile Faults faults = Faults.NONE;
    private final ConcurrentLinkedQueue<RecordedEvent> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RecordedEvent> refused = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> answersByStatus = new ConcurrentHashMap<>();

    private PinpointStandIn(String applicationId, Consumer<RecordedEvent> listener) throws IOException {
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pinpoint-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param applicationId the only Pinpoint application it knows (others get 404)
     * @param listener      called with every accepted event
     */
    public static PinpointStandIn start(String applicationId, Consumer<RecordedEvent> listener) {
        try {
            return new PinpointStandIn(applicationId, listener);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Pinpoint stand-in", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void faults(Faults policy) {
        this.faults = Objects.requireNonNull(policy, "policy");
    }

    /** @return every event answered with 202, in arrival order (a redelivered event may appear twice) */
    public List<RecordedEvent> acceptedEvents() {
        return List.copyOf(accepted);
    }

    /** @return every event answered with a per-event 400 */
    public List<RecordedEvent> refusedEvents() {
        return List.copyOf(refused);
    }

    /** @return how many answers had each HTTP status */
    public Map<Integer, Integer> answersByStatus() {
        Map<Integer, Integer> copy = new LinkedHashMap<>();
        answersByStatus.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher path = EVENTS_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 404, "NotFoundException", "Resource not found");
                return;
            }
            if (!applicationId.equals(path.group(1))) {
                error(exchange, 404, "NotFoundException", "Application not found");
                return;
            }
            Map<String, List<RecordedEvent>> eventsByEndpoint;
            try {
                eventsByEndpoint = readEventsRequest(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException | ClassCastException e) {
                error(exchange, 400, "BadRequestException", e.getMessage());
                return;
            }
            Faults policy = faults;
            Duration delay = policy.delay();
            if (!delay.isZero()) {
                sleep(delay);
            }
            int failure = policy.failRequest();
            if (failure == 429) {
                error(exchange, 429, "TooManyRequestsException", "injected throttling");
            } else if (failure != 0) {
                error(exchange, failure, "InternalServerErrorException", "injected fault");
            } else {
                respond(exchange, eventsByEndpoint, policy);
            }
        }
    }

    private void respond(HttpExchange exchange, Map<String, List<RecordedEvent>> eventsByEndpoint, Faults policy)
            throws IOException {
        StringWriter json = new StringWriter();
        List<RecordedEvent> newlyAccepted = new ArrayList<>();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeObjectFieldStart("Results");
            for (Map.Entry<String, List<RecordedEvent>> endpoint : eventsByEndpoint.entrySet()) {
                out.writeObjectFieldStart(endpoint.getKey());
                out.writeObjectFieldStart("EndpointItemResponse");
                out.writeNumberField("StatusCode", 202);
                out.writeStringField("Message", "Accepted");
                out.writeEndObject();
                out.writeObjectFieldStart("EventsItemResponse");
                for (RecordedEvent event : endpoint.getValue()) {
                    String refusal = policy.refuse(event);
                    out.writeObjectFieldStart(event.eventId());
                    out.writeNumberField("StatusCode", refusal == null ? 202 : 400);
                    out.writeStringField("Message", refusal == null ? "Accepted" : refusal);
                    out.writeEndObject();
                    if (refusal == null) {
                        newlyAccepted.add(event);
                    } else {
                        refused.add(event);
                    }
                }
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        accepted.addAll(newlyAccepted);
        send(exchange, 202, json.toString(), null);
        newlyAccepted.forEach(listener);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<RecordedEvent>> readEventsRequest(String body) {
        Map<String, Object> batches = (Map<String, Object>) JsonTree.parseObject(body).get("BatchItem");
        if (batches == null || batches.isEmpty()) {
            throw new IllegalArgumentException("BatchItem must be a non-empty object");
        }
        Map<String, List<RecordedEvent>> eventsByEndpoint = new LinkedHashMap<>();
        for (Map.Entry<String, Object> batch : batches.entrySet()) {
            Map<String, Object> events = (Map<String, Object>) ((Map<String, Object>) batch.getValue()).get("Events");
            if (events == null || events.isEmpty()) {
                throw new IllegalArgumentException("Events of " + batch.getKey() + " is empty");
            }
            List<RecordedEvent> recorded = new ArrayList<>();
            events.forEach((eventId, value) -> {
                Map<String, Object> event = (Map<String, Object>) value;
                Map<String, String> attributes = new LinkedHashMap<>();
                ((Map<String, Object>) event.getOrDefault("Attributes", Map.of()))
                        .forEach((name, text) -> attributes.put(name, (String) text));
                Map<String, Double> metrics = new LinkedHashMap<>();
                ((Map<String, Object>) event.getOrDefault("Metrics", Map.of()))
                        .forEach((name, number) -> metrics.put(name, ((Number) number).doubleValue()));
                String eventType = (String) event.get("EventType");
                String timestamp = (String) event.get("Timestamp");
                if (eventType == null || timestamp == null) {
                    throw new IllegalArgumentException("EventType and Timestamp are required (event " + eventId + ")");
                }
                recorded.add(new RecordedEvent(batch.getKey(), eventId, eventType, timestamp, Map.copyOf(attributes),
                        Map.copyOf(metrics)));
            });
            eventsByEndpoint.put(batch.getKey(), recorded);
        }
        return eventsByEndpoint;
    }

    private void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("Message", message);
            out.writeStringField("RequestID", UUID.randomUUID().toString());
            out.writeEndObject();
        }
        send(exchange, status, json.toString(), errorType);
    }

    private void send(HttpExchange exchange, int status, String json, String errorType) throws IOException {
        answersByStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // The client gave up (a slow answer past its timeout): the events count as accepted, like a real
            // service that recorded them before the connection dropped (the redelivery is a duplicate).
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
