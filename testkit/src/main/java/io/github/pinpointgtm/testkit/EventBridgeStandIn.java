package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * A stand-in for Amazon EventBridge's {@code PutEvents} (AWS JSON 1.1) on a random loopback port, for the real SDK
 * client to talk to.
 *
 * <p>It checks what the real service would: {@code POST /} with {@code X-Amz-Target: AWSEvents.PutEvents} and
 * {@code Content-Type: application/x-amz-json-1.1}, a SigV4 {@code Authorization} header for the {@code events}
 * service, a body {@code {"Entries": [...]}} of 1 to 10 entries, and the entries' total size below 256 KB counted the
 * way EventBridge counts it (14 bytes for {@code Time}, the UTF-8 bytes of {@code Source}, {@code DetailType},
 * {@code Detail} and each {@code Resources} entry). A whole request that breaks those rules is answered 400
 * {@code ValidationException} and listed in {@link #protocolViolations()}. Each entry needs {@code Source},
 * {@code DetailType} and a {@code Detail} that is a JSON object, and must name this stand-in's bus (by name or ARN);
 * an entry that does not is refused with a per-entry {@code InvalidArgument} or {@code MalformedDetail} and also
 * listed as a violation.
 *
 * <p>A {@link FaultInjector} makes it answer whole requests with an error or slowly, or fail single entries with a
 * per-entry {@code ErrorCode} (the HTTP answer stays 200 with {@code FailedEntryCount}).
 */
public final class EventBridgeStandIn extends AwsApiStandIn<EventBridgeStandIn.RecordedEntry> {

    /** Below this total, in bytes as EventBridge counts them, a request's entries are accepted. */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    public static final int MAX_ENTRIES = 10;
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final Pattern SIGV4 = sigV4("events");
    private static final Set<String> ENTRY_MEMBERS = Set.of(
            "Time", "Source", "Resources", "DetailType", "Detail", "EventBusName", "TraceHeader");

    /** One entry as the stand-in received it; {@code time} is null when the entry had none. */
    public record RecordedEntry(String eventBusName, String source, String detailType, String detail, Instant time,
                                List<String> resources) {
    }

    /** A per-entry failure: the entry's {@code ErrorCode} and {@code ErrorMessage}. */
    public record EntryError(String code, String message) {
    }

    /** Decides the faults; called concurrently from the server's threads. */
    public interface FaultInjector {
        FaultInjector NONE = new FaultInjector() {
        };

        /**
         * @param requestNumber 1-based count of requests so far
         * @param entries       the request's entries (already checked against EventBridge's rules)
         */
        default RequestFault onRequest(int requestNumber, List<RecordedEntry> entries) {
            return RequestFault.NONE;
        }

        /** @return the error to fail this entry with, or null to accept it */
        default EntryError failEntry(RecordedEntry entry) {
            return null;
        }
    }

    private final String busName;
    private final String busArn;
    private volatile FaultInjector faults = FaultInjector.NONE;
    private final ConcurrentLinkedQueue<RecordedEntry> failed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> entryCounts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> requestSizes = new ConcurrentLinkedQueue<>();

    private EventBridgeStandIn(String busArn) {
        super("eventbridge");
        this.busArn = Objects.requireNonNull(busArn, "busArn");
        this.busName = busArn.substring(busArn.indexOf(":event-bus/") + ":event-bus/".length());
    }

    /** @param busArn the one event bus this stand-in has, e.g. {@code arn:aws:events:eu-west-1:123456789012:event-bus/gtm} */
    public static EventBridgeStandIn start(String busArn) {
        return new EventBridgeStandIn(busArn);
    }

    public void faults(FaultInjector injector) {
        this.faults = Objects.requireNonNull(injector, "injector");
    }

    /** @return every entry answered with an event id, in arrival order (a retried event may appear twice) */
    public List<RecordedEntry> acceptedEntries() {
        return accepted();
    }

    /** @return every entry answered with a per-entry error code */
    public List<RecordedEntry> failedEntries() {
        return List.copyOf(failed);
    }

    /** @return the number of entries of every well-formed request, in arrival order */
    public List<Integer> entriesPerRequest() {
        return List.copyOf(entryCounts);
    }

    /** @return the total size of every well-formed request's entries as EventBridge counts it, in arrival order */
    public List<Long> requestSizes() {
        return List.copyOf(requestSizes);
    }

    /** @return the size of one entry as EventBridge counts it */
    public static long entrySize(RecordedEntry entry) {
        long size = entry.time() == null ? 0 : 14;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    @Override
    protected void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException {
        if (!json11Frame(exchange, "AWSEvents.PutEvents", SIGV4, "message")) {
            return;
        }
        List<RecordedEntry> entries;
        try {
            entries = readRequest(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            violation(e.getMessage());
            error(exchange, 400, "ValidationException", e.getMessage());
            return;
        }
        long size = entries.stream().mapToLong(EventBridgeStandIn::entrySize).sum();
        if (size >= MAX_REQUEST_BYTES) {
            violation("entries of " + size + " bytes in one request");
            error(exchange, 400, "ValidationException", "Total size of the entries in the request is over the limit.");
            return;
        }
        entryCounts.add(entries.size());
        requestSizes.add(size);
        RequestFault fault = faults.onRequest(requestNumber, entries);
        sleep(fault.delay());
        if (fault.status() != 0) {
            error(exchange, fault.status(), fault.errorType(), "injected fault");
            return;
        }
        respond(exchange, entries);
    }

    private void respond(HttpExchange exchange, List<RecordedEntry> entries) throws IOException {
        FaultInjector injector = faults;
        List<EntryError> errors = new ArrayList<>();
        for (RecordedEntry entry : entries) {
            EntryError error = ownRule(entry);
            if (error != null) {
                violation("entry refused by EventBridge's rules: " + error);
            } else {
                error = injector.failEntry(entry);
            }
            errors.add(error);
        }
        List<RecordedEntry> newlyAccepted = new ArrayList<>();
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeNumberField("FailedEntryCount", (int) errors.stream().filter(Objects::nonNull).count());
            out.writeArrayFieldStart("Entries");
            for (int i = 0; i < entries.size(); i++) {
                EntryError error = errors.get(i);
                out.writeStartObject();
                if (error == null) {
                    out.writeStringField("EventId", UUID.randomUUID().toString());
                    newlyAccepted.add(entries.get(i));
                } else {
                    out.writeStringField("ErrorCode", error.code());
                    out.writeStringField("ErrorMessage", error.message());
                    failed.add(entries.get(i));
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        accept(newlyAccepted);
        send(exchange, 200, json.toString(), CONTENT_TYPE);
    }

    /** The per-entry checks of the real service. */
    private EntryError ownRule(RecordedEntry entry) {
        if (entry.source() == null || entry.source().isEmpty()) {
            return new EntryError("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (entry.detailType() == null || entry.detailType().isEmpty()) {
            return new EntryError("InvalidArgument",
                    "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (entry.detail() == null || entry.detail().isEmpty()) {
            return new EntryError("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        try {
            Json.parseObject(entry.detail());
        } catch (IllegalArgumentException e) {
            return new EntryError("MalformedDetail", "Detail is malformed.");
        }
        String bus = entry.eventBusName() == null ? "default" : entry.eventBusName();
        if (!bus.equals(busName) && !bus.equals(busArn)) {
            return new EntryError("InvalidArgument", "Event bus " + bus + " does not exist.");
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<RecordedEntry> readRequest(String body) {
        Map<String, Object> root = Json.parseObject(body);
        if (!Set.of("Entries").containsAll(root.keySet())) {
            throw new IllegalArgumentException("PutEvents request has unknown members: " + root.keySet());
        }
        if (!(root.get("Entries") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("1 validation error detected: Value at 'entries' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_ENTRIES);
        }
        List<RecordedEntry> entries = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("an entry is not a JSON object");
            }
            Map<String, Object> entry = (Map<String, Object>) map;
            if (!ENTRY_MEMBERS.containsAll(entry.keySet())) {
                throw new IllegalArgumentException("entry has unknown members: " + entry.keySet());
            }
            Instant time = null;
            if (entry.containsKey("Time")) {
                if (!(entry.get("Time") instanceof Number seconds)) {
                    throw new IllegalArgumentException("Time is not a number of epoch seconds: " + entry.get("Time"));
                }
                time = Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000));
            }
            List<String> resources = new ArrayList<>();
            if (entry.get("Resources") instanceof List<?> given) {
                given.forEach(resource -> resources.add(String.valueOf(resource)));
            }
            entries.add(new RecordedEntry(string(entry, "EventBusName"), string(entry, "Source"),
                    string(entry, "DetailType"), string(entry, "Detail"), time, List.copyOf(resources)));
        }
        return entries;
    }

    private static String string(Map<String, Object> entry, String member) {
        Object value = entry.get(member);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(member + " is not a string");
        }
        return (String) value;
    }

    private static long utf8(String value) {
        return value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length;
    }

    private void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        error(exchange, status, errorType, "message", message, CONTENT_TYPE);
    }
}
