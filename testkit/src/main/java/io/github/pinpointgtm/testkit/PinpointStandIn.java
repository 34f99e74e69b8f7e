package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * ({@link #onAccepted}) sees every accepted event as it is accepted. The HTTP side is {@link AwsApiStandIn}'s.
 */
public final class PinpointStandIn extends AwsApiStandIn<PinpointStandIn.RecordedEvent> {

    private static final Pattern EVENTS_PATH = Pattern.compile("^/v1/apps/([^/]+)/events$");
    private static final Pattern SIGV4 = sigV4("mobiletargeting");
    private static final int MAX_EVENTS = 100;
    private static final int MAX_BODY_BYTES = 4_000_000;

    /** @return Pinpoint's throttling answer to a whole request */
    public static RequestFault throttle() {
        return RequestFault.status(429, "TooManyRequestsException");
    }

    /** @return Pinpoint's internal failure answer to a whole request */
    public static RequestFault serverError() {
        return RequestFault.status(500, "InternalServerErrorException");
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

        /**
         * Asked for each event {@link #rejectEvent} accepts.
         *
         * @return a per-event failure that may pass (429, 500) to answer for this event, or null to accept it
         */
        default EventFault failEvent(RecordedEvent event) {
            return null;
        }
    }

    /**
     * A per-event status other than 202 or 400, inside a 202 answer.
     *
     * @param statusCode the event's {@code StatusCode}, e.g. 429
     * @param message    its {@code Message}
     */
    public record EventFault(int statusCode, String message) {
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
    private volatile FaultInjector faults = FaultInjector.NONE;
    private final ConcurrentLinkedQueue<RecordedEvent> refused = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> bodySizes = new ConcurrentLinkedQueue<>();

    private PinpointStandIn(String applicationId) {
        super("pinpoint");
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    }

    public static PinpointStandIn start(String applicationId) {
        return new PinpointStandIn(applicationId);
    }

    public void faults(FaultInjector injector) {
        this.faults = Objects.requireNonNull(injector, "injector");
    }

    /** @return every event answered with 202, in arrival order (a retried event may appear twice) */
    public List<RecordedEvent> acceptedEvents() {
        return accepted();
    }

    /** @return every event answered with a per-event 400 */
    public List<RecordedEvent> refusedEvents() {
        return List.copyOf(refused);
    }

    /** @return the size in bytes of every request body received, in arrival order */
    public List<Integer> requestBodySizes() {
        return List.copyOf(bodySizes);
    }

    @Override
    protected void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException {
        bodySizes.add(body.length);
        Matcher path = EVENTS_PATH.matcher(exchange.getRequestURI().getPath());
        if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
            violation("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            error(exchange, 404, "NotFoundException", "Resource not found");
            return;
        }
        if (!signedFor(exchange, SIGV4)) {
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
        sleep(fault.delay());
        if (fault.status() != 0) {
            error(exchange, fault.status(), fault.errorType(), "injected fault");
            return;
        }
        respond(exchange, eventsByEndpoint);
    }

    private void respond(HttpExchange exchange, Map<String, List<RecordedEvent>> eventsByEndpoint) throws IOException {
        FaultInjector injector = faults;
        List<RecordedEvent> newlyAccepted = new ArrayList<>();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ObjectNode results = answer.putObject("Results");
        eventsByEndpoint.forEach((endpointId, events) -> {
            ObjectNode endpoint = results.putObject(endpointId);
            endpoint.putObject("EndpointItemResponse").put("StatusCode", 202).put("Message", "Accepted");
            ObjectNode eventResults = endpoint.putObject("EventsItemResponse");
            for (RecordedEvent event : events) {
                String refusal = injector.rejectEvent(event);
                EventFault failure = refusal == null ? injector.failEvent(event) : null;
                ObjectNode eventResult = eventResults.putObject(event.eventId());
                if (refusal != null) {
                    eventResult.put("StatusCode", 400).put("Message", refusal);
                    refused.add(event);
                } else if (failure != null) {
                    eventResult.put("StatusCode", failure.statusCode()).put("Message", failure.message());
                } else {
                    eventResult.put("StatusCode", 202).put("Message", "Accepted");
                    newlyAccepted.add(event);
                }
            }
        });
        accept(newlyAccepted);
        send(exchange, 202, Json.write(answer), "application/json");
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<RecordedEvent>> readEventsRequest(String body) {
        Map<String, Object> root = Json.parseObject(body);
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

    private void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        ObjectNode answer = JsonNodeFactory.instance.objectNode()
                .put("Message", message)
                .put("RequestID", UUID.randomUUID().toString());
        send(exchange, status, Json.write(answer).getBytes(StandardCharsets.UTF_8), "application/json", errorType);
    }
}
