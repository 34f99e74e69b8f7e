package io.github.pinpointgtm.runtime.testsupport;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * A stand-in for Amazon Pinpoint's {@code PutEvents} on a random loopback port, for the real SDK client to talk to.
 *
 * <p>It checks what the real service would: {@code POST /v1/apps/{appId}/events} for its application, a SigV4
 * {@code Authorization} header for the {@code mobiletargeting} service, the {@code EventsRequest} JSON shape (every
 * {@code BatchItem} has an {@code Endpoint} and non-empty {@code Events}; every event has {@code EventType} and an
 * ISO-8601 {@code Timestamp}; string attributes, numeric metrics, a session with {@code Id} and
 * {@code StartTimestamp}), at most 100 events and 4 MB per request. A request that breaks a rule is answered like
 * Pinpoint would (400, 403, 404, 413) and listed in {@link #protocolViolations()}.
 *
 * <p>A {@link FaultInjector} makes it answer 429, 5xx, slowly, or refuse single events with per-event 400s. A listener
 * ({@link #onAccepted}) sees every accepted event as it is accepted.
 */
public final class PinpointStandIn implements AutoCloseable {

    private static final Pattern EVENTS_PATH = Pattern.compile("^/v1/apps/([^/]+)/events$");
    private static final Pattern SIGV4 = Pattern.compile(
            "^AWS4-HMAC-SHA256 Credential=[^/\\s]+/\\d{8}/[a-z0-9-]+/mobiletargeting/aws4_request, "
                    + "SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$");
    private static final int MAX_EVENTS = 100;
    private static final int MAX_BODY_BYTES = 4_000_000;
    private static final JsonFactory JSON = new JsonFactory();

    static {
        // Answers are written in two parts (headers, body); without TCP_NODELAY each waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the stand-in does with one request before reading it. */
    public record RequestFault(int status, String errorType, Duration delay) {
        public static final RequestFault NONE = new RequestFault(0, null, Duration.ZERO);

        public static RequestFault throttle() {
            return new RequestFault(429, "TooManyRequestsException", Duration.ZERO);
        }

        public static RequestFault serverError() {
            return new RequestFault(500, "InternalServerErrorException", Duration.ZERO);
        }

        public static RequestFault status(int status, String errorType) {
            return new RequestFault(status, errorType, Duration.ZERO);
        }

        /** Answers normally (events are recorded) but only after {@code delay}. */
        public static RequestFault slow(Duration delay) {
            return new RequestFault(0, null, delay);
        }
    }

    /** Decides the faults; called concurrently from the server's threads. */
    public interface FaultInjector {
        FaultInjector NONE = new FaultInjector() {
        };

        /**
         * @param requestNumber 1-based count of requests so far
         * @param events        the request's events (already checked against Pinpoint's rules)
         */
        default RequestFault onRequest(int requestNumber, List<RecordedEvent> events) {
            return RequestFault.NONE;
        }

        /** @return a per-event 400 message to refuse this event with, or null to accept it */
        default String rejectEvent(RecordedEvent event) {
            return null;
        }
    }

    /** One event as the stand-in received it. */
    public record RecordedEvent(
            String endpointId,
            String eventId,
            String eventType,
            String timestamp,
            Map<String, String> attributes,
            Map<String, Double> metrics,
            String sessionId,
            String sessionStartTimestamp,
            Map<String, List<String>> userAttributes) {
    }

    private final String applicationId;
    private final HttpServer server;
    private final ExecutorService threads;
    private volatile FaultInjector faults = FaultInjector.NONE;
    private volatile Consumer<? super RecordedEvent> acceptedListener = event -> { };
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<Integer, AtomicInteger> answersByStatus = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<RecordedEvent> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RecordedEvent> refused = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> bodySizes = new ConcurrentLinkedQueue<>();

    private PinpointStandIn(String applicationId) throws IOException {
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
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

    public static PinpointStandIn start(String applicationId) {
        try {
            return new PinpointStandIn(applicationId);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Pinpoint stand-in", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void faults(FaultInjector injector) {
        this.faults = Objects.requireNonNull(injector, "injector");
    }

    /**
     * Calls {@code listener} with every event this stand-in accepts from now on, in the request's order, before the
     * request is answered: when the client's call returns, the listener has seen its accepted events. It is called
     * from the server's threads, concurrently for concurrent requests. A listener that throws does not change the
     * answer; its failure is listed in {@link #protocolViolations()}.
     */
    public void onAccepted(Consumer<? super RecordedEvent> listener) {
        this.acceptedListener = Objects.requireNonNull(listener, "listener");
    }

    /** @return every event answered with 202, in arrival order (a retried event may appear twice) */
    public List<RecordedEvent> acceptedEvents() {
        return List.copyOf(accepted);
    }

    /** @return every event answered with a per-event 400 */
    public List<RecordedEvent> refusedEvents() {
        return List.copyOf(refused);
    }

    /** @return how many HTTP requests arrived (SDK retries included) */
    public int requestCount() {
        return requests.get();
    }

    /** @return the size in bytes of every request body received, in arrival order */
    public List<Integer> requestBodySizes() {
        return List.copyOf(bodySizes);
    }

    /** @return the most requests that were being answered at the same time */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** @return how many answers had each HTTP status */
    public Map<Integer, Integer> answersByStatus() {
        Map<Integer, Integer> copy = new LinkedHashMap<>();
        answersByStatus.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    /** @return requests that broke Pinpoint's protocol (they must never happen with the real client) */
    public List<String> protocolViolations() {
        return List.copyOf(violations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            int requestNumber = requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            bodySizes.add(body.length);
            Matcher path = EVENTS_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                violation("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
                error(exchange, 404, "NotFoundException", "Resource not found");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !SIGV4.matcher(authorization).matches()) {
                violation("missing or malformed SigV4 Authorization header: " + authorization);
                error(exchange, 403, "ForbiddenException", "Missing Authentication Token");
                return;
            }
            if (!applicationId.equals(path.group(1))) {
                violation("unknown application " + path.group(1));
                error(exchange, 404, "NotFoundException", "Application not found");
                return;
            }
            if (body.length > MAX_BODY_BYTES) {
                violation("request of " + body.length + " bytes");
                error(exchange, 413, "PayloadTooLargeException", "Request Entity Too Large");
                return;
            }
            Map<String, List<RecordedEvent>> eventsByEndpoint;
            try {
                eventsByEndpoint = readEventsRequest(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                violation(e.getMessage());
                error(exchange, 400, "BadRequestException", e.getMessage());
                return;
            }
            RequestFault fault = faults.onRequest(requestNumber,
                    eventsByEndpoint.values().stream().flatMap(List::stream).toList());
            if (!fault.delay().isZero()) {
                sleep(fault.delay());
            }
            if (fault.status() != 0) {
                error(exchange, fault.status(), fault.errorType(), "injected fault");
                return;
            }
            respond(exchange, eventsByEndpoint);
        } catch (RuntimeException e) {
            violation("stand-in failure: " + e);
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, Map<String, List<RecordedEvent>> eventsByEndpoint) throws IOException {
        FaultInjector injector = faults;
        List<RecordedEvent> newlyAccepted = new ArrayList<>();
        StringWriter json = new StringWriter();
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
                    String refusal = injector.rejectEvent(event);
                    out.writeObjectFieldStart(event.eventId());
                    out.writeNumberField("StatusCode", refusal == null ? 202 : 400);
                    out.writeStringField("Message", refusal == null ? "Accepted" : refusal);
                    out.writeEndObject();
                    (refusal == null ? newlyAccepted : refused).add(event);
                }
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        accepted.addAll(newlyAccepted);
        Consumer<? super RecordedEvent> listener = acceptedListener;
        for (RecordedEvent event : newlyAccepted) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                violation("accepted-event listener failed: " + e);
            }
        }
        send(exchange, 202, json.toString(), null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<RecordedEvent>> readEventsRequest(String body) {
        Map<String, Object> root = JsonTree.parseObject(body);
        Object batchItem = root.get("BatchItem");
        if (!(batchItem instanceof Map<?, ?> batches) || batches.isEmpty()) {
            throw new IllegalArgumentException("BatchItem must be a non-empty object");
        }
        if (root.size() != 1) {
            throw new IllegalArgumentException("EventsRequest has unknown members: " + root.keySet());
        }
        Map<String, List<RecordedEvent>> eventsByEndpoint = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<?, ?> entry : batches.entrySet()) {
            String endpointId = (String) entry.getKey();
            Map<String, Object> batch = object(entry.getValue(), "BatchItem." + endpointId);
            Map<String, Object> endpoint = object(batch.get("Endpoint"), "Endpoint of " + endpointId);
            Map<String, List<String>> userAttributes = userAttributes(endpoint);
            Map<String, Object> events = object(batch.get("Events"), "Events of " + endpointId);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("Events of " + endpointId + " is empty");
            }
            List<RecordedEvent> recorded = new ArrayList<>();
            for (Map.Entry<String, Object> event : events.entrySet()) {
                recorded.add(readEvent(endpointId, event.getKey(), object(event.getValue(), "event " + event.getKey()),
                        userAttributes));
            }
            total += recorded.size();
            eventsByEndpoint.put(endpointId, recorded);
        }
        if (total > MAX_EVENTS) {
            throw new IllegalArgumentException(total + " events in one request, more than " + MAX_EVENTS);
        }
        return eventsByEndpoint;
    }

    private static RecordedEvent readEvent(String endpointId, String eventId, Map<String, Object> event,
                                           Map<String, List<String>> userAttributes) {
        String eventType = requiredString(event, "EventType", eventId);
        String timestamp = requiredString(event, "Timestamp", eventId);
        isoInstant(timestamp, "Timestamp of " + eventId);
        Map<String, String> attributes = new LinkedHashMap<>();
        object(event.getOrDefault("Attributes", Map.of()), "Attributes of " + eventId).forEach((name, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("attribute " + name + " of " + eventId + " is not a string");
            }
            attributes.put(name, text);
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        object(event.getOrDefault("Metrics", Map.of()), "Metrics of " + eventId).forEach((name, value) -> {
            if (!(value instanceof Number number)) {
                throw new IllegalArgumentException("metric " + name + " of " + eventId + " is not a number");
            }
            metrics.put(name, number.doubleValue());
        });
        String sessionId = null;
        String sessionStart = null;
        if (event.containsKey("Session")) {
            Map<String, Object> session = object(event.get("Session"), "Session of " + eventId);
            sessionId = requiredString(session, "Id", eventId + " session");
            sessionStart = requiredString(session, "StartTimestamp", eventId + " session");
            isoInstant(sessionStart, "Session.StartTimestamp of " + eventId);
        }
        return new RecordedEvent(endpointId, eventId, eventType, timestamp, attributes, metrics, sessionId, sessionStart,
                userAttributes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> userAttributes(Map<String, Object> endpoint) {
        if (!endpoint.containsKey("User")) {
            return Map.of();
        }
        Map<String, Object> user = object(endpoint.get("User"), "Endpoint.User");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        object(user.getOrDefault("UserAttributes", Map.of()), "UserAttributes").forEach((name, values) -> {
            if (!(values instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                throw new IllegalArgumentException("user attribute " + name + " is not a list of strings");
            }
            attributes.put(name, (List<String>) list);
        });
        return attributes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String requiredString(Map<String, Object> object, String name, String owner) {
        if (!(object.get(name) instanceof String text) || text.isEmpty()) {
            throw new IllegalArgumentException(name + " of " + owner + " is required");
        }
        return text;
    }

    private static void isoInstant(String value, String what) {
        try {
            Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " is not an ISO-8601 instant: " + value);
        }
    }

    private void violation(String description) {
        violations.add(description);
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
            // The client gave up (e.g. a slow answer past its timeout); nothing to do.
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
