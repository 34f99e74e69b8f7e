package io.github.pinpointgtm.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * The shared protocol of the stand-ins for the AWS JSON-protocol record APIs (Kinesis {@code PutRecords}, Firehose
 * {@code PutRecordBatch}) on a random loopback port, for the real SDK clients to talk to; the HTTP side is
 * {@link AwsApiStandIn}'s.
 *
 * <p>Every request must be {@code POST /} with the operation's {@code X-Amz-Target}, a SigV4 {@code Authorization}
 * header for the service's signing name, and a body in a wire format the service speaks: JSON
 * ({@code application/x-amz-json-1.1}) or, where allowed, CBOR ({@code application/x-amz-cbor-1.1}, in which blobs are
 * byte strings). Answers, errors included, are written in the request's format. The subclass checks the request's
 * shape and limits ({@link #readRecords}) and writes the per-record answer ({@link #answer}). A request that breaks a
 * rule is refused as the service would and listed in {@link #protocolViolations()}.
 *
 * <p>A {@link FaultInjector} makes it refuse whole requests (throttling, 5xx, any status and error code), answer
 * slowly, or fail single records with an error code. A listener ({@link #onAccepted}) sees every accepted record as it
 * is accepted.
 */
public abstract class RecordStreamStandIn extends AwsApiStandIn<RecordStreamStandIn.ReceivedRecord> {

    /** The JSON wire format's Content-Type. */
    public static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
    /** The CBOR wire format's Content-Type. */
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

    // The SDK's own (shaded) Jackson, which has the CBOR format.
    private static final JsonFactory JSON_FORMAT = new JsonFactory();
    private static final JsonFactory CBOR_FORMAT = new CBORFactory();

    /** The wire format of one request. */
    public enum WireFormat {
        /** {@code application/x-amz-json-1.1}: blobs are base64 strings. */
        JSON,
        /** {@code application/x-amz-cbor-1.1}: blobs are byte strings. */
        CBOR
    }

    /** One record as the stand-in received it. */
    public record ReceivedRecord(String partitionKey, byte[] data) {
        /** @return the data as UTF-8 text */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** A per-record failure. */
    public record RecordFault(String errorCode, String errorMessage) {
    }

    /** Decides the faults; called concurrently from the server's threads. */
    public interface FaultInjector {
        FaultInjector NONE = new FaultInjector() {
        };

        /** @return an injector that answers every request with {@code fault} */
        static FaultInjector everyRequest(RequestFault fault) {
            return new FaultInjector() {
                @Override
                public RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
                    return fault;
                }
            };
        }

        /**
         * @param requestNumber 1-based count of requests so far
         * @param records       the request's records (already checked against the service's rules)
         */
        default RequestFault onRequest(int requestNumber, List<ReceivedRecord> records) {
            return RequestFault.NONE;
        }

        /** @return a failure to answer for this record, or null to accept it */
        default RecordFault onRecord(ReceivedRecord record) {
            return null;
        }
    }

    /** A request the service refuses; thrown by {@link #readRecords}. */
    protected static final class Refusal extends RuntimeException {
        final int status;
        final String errorCode;

        public Refusal(int status, String errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    private final String target;
    private final Pattern sigV4;
    private final Set<WireFormat> formats;
    private volatile FaultInjector faults = FaultInjector.NONE;
    private final ConcurrentLinkedQueue<ReceivedRecord> refused = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> recordsPerRequest = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> dataBytesPerRequest = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> contentTypes = new ConcurrentLinkedQueue<>();

    /**
     * @param target      the operation's {@code X-Amz-Target}, e.g. {@code Kinesis_20131202.PutRecords}
     * @param signingName the service's SigV4 signing name, e.g. {@code kinesis}
     * @param formats     the wire formats the service speaks
     */
    protected RecordStreamStandIn(String target, String signingName, Set<WireFormat> formats) {
        super(signingName);
        this.target = Objects.requireNonNull(target, "target");
        this.sigV4 = sigV4(signingName);
        this.formats = Set.copyOf(formats);
    }

    /**
     * Checks a request's shape and limits and reads its records.
     *
     * @param request the request body as a tree (maps, lists, strings, numbers, booleans; blobs as {@code byte[]}
     *                in CBOR and base64 strings in JSON)
     * @param format  the request's wire format
     * @return its records, in order
     * @throws Refusal                  when the service refuses the request for a reason that is not a protocol error
     *                                  (unknown stream); it is answered with its status and code and listed as a
     *                                  violation
     * @throws IllegalArgumentException when the request breaks the API's rules; answered 400 with
     *                                  {@link #invalidRequestCode()}
     */
    protected abstract List<ReceivedRecord> readRecords(Map<String, Object> request, WireFormat format);

    /**
     * @param records  the request's records
     * @param failures per record, its failure or null
     * @return the response tree
     */
    protected abstract Map<String, Object> answer(List<ReceivedRecord> records, List<RecordFault> failures);

    /** @return the error code of a request that breaks the API's rules */
    protected abstract String invalidRequestCode();

    public void faults(FaultInjector injector) {
        this.faults = Objects.requireNonNull(injector, "injector");
    }

    /** @return every record written, in arrival order (a retried record may appear twice) */
    public List<ReceivedRecord> acceptedRecords() {
        return accepted();
    }

    /** @return every record answered with a per-record error */
    public List<ReceivedRecord> refusedRecords() {
        return List.copyOf(refused);
    }

    /** @return the record count of every well-formed request, in arrival order */
    public List<Integer> recordsPerRequest() {
        return List.copyOf(recordsPerRequest);
    }

    /** @return the summed record sizes as the service counts them of every well-formed request, in arrival order */
    public List<Long> sizePerRequest() {
        return List.copyOf(dataBytesPerRequest);
    }

    /** @return the Content-Type of every request, in arrival order */
    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** @return the size of a record as the service counts it against its limits */
    protected abstract long size(ReceivedRecord record);

    @Override
    protected void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        contentTypes.add(contentType);
        WireFormat format = contentType.toLowerCase(Locale.ROOT).startsWith(CBOR_CONTENT_TYPE)
                ? WireFormat.CBOR : WireFormat.JSON;
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            violation("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            error(exchange, format, 404, "UnknownOperationException", "no such operation");
            return;
        }
        if (!formats.contains(format) || !(contentType.startsWith(JSON_CONTENT_TYPE)
                || contentType.startsWith(CBOR_CONTENT_TYPE))) {
            violation("unsupported Content-Type " + contentType);
            error(exchange, WireFormat.JSON, 400, "SerializationException", "unsupported Content-Type");
            return;
        }
        String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!target.equals(targetHeader)) {
            violation("unexpected X-Amz-Target " + targetHeader);
            error(exchange, format, 400, "UnknownOperationException", "unknown operation " + targetHeader);
            return;
        }
        if (!signedFor(exchange, sigV4)) {
            error(exchange, format, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            return;
        }
        List<ReceivedRecord> records;
        try {
            records = readRecords(parse(body, format), format);
        } catch (Refusal refusal) {
            violation(refusal.getMessage());
            error(exchange, format, refusal.status, refusal.errorCode, refusal.getMessage());
            return;
        } catch (IllegalArgumentException | IOException e) {
            violation(e.getMessage());
            error(exchange, format, 400, invalidRequestCode(), e.getMessage());
            return;
        }
        recordsPerRequest.add(records.size());
        dataBytesPerRequest.add(records.stream().mapToLong(this::size).sum());
        FaultInjector injector = faults;
        RequestFault fault = injector.onRequest(requestNumber, records);
        sleep(fault.delay());
        if (fault.status() != 0) {
            error(exchange, format, fault.status(), fault.errorType(), "injected fault");
            return;
        }
        List<RecordFault> failures = new ArrayList<>(records.size());
        List<ReceivedRecord> newlyAccepted = new ArrayList<>(records.size());
        for (ReceivedRecord record : records) {
            RecordFault failure = injector.onRecord(record);
            failures.add(failure);
            (failure == null ? newlyAccepted : refused).add(record);
        }
        accept(newlyAccepted);
        send(exchange, format, 200, answer(records, failures), null);
    }

    // --- helpers for subclasses ---

    /** @return the object, or an {@link IllegalArgumentException} naming {@code what} */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        return (Map<String, Object>) value;
    }

    /** @return the list, or an {@link IllegalArgumentException} naming {@code what} */
    protected static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " must be a list");
        }
        return list;
    }

    /** @return the blob's bytes: a byte string in CBOR, a base64 string in JSON */
    protected static byte[] blob(Object value, WireFormat format, String what) {
        if (format == WireFormat.CBOR) {
            if (!(value instanceof byte[] bytes)) {
                throw new IllegalArgumentException(what + " must be a CBOR byte string, was "
                        + (value == null ? "missing" : value.getClass().getSimpleName()));
            }
            return bytes;
        }
        if (!(value instanceof String base64)) {
            throw new IllegalArgumentException(what + " must be a base64 string");
        }
        try {
            return java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }

    /** The limits of a record API: records per request, bytes per record and per request (as {@link #size} counts). */
    protected record Limits(int maxRecords, long maxRecordBytes, long maxRequestBytes) {
    }

    /** Reads one entry of {@code Records}. */
    protected interface EntryReader {
        /**
         * @param entry the entry
         * @param what  its name in messages ({@code Records[i]})
         * @return the record
         * @throws IllegalArgumentException when the entry breaks the API's rules
         */
        ReceivedRecord read(Map<String, Object> entry, String what);
    }

    /**
     * Reads the {@code Records} of a request that names its stream in {@code streamMember}, checking what both record
     * APIs check: the stream exists (else {@code ResourceNotFoundException}), 1 to {@code maxRecords} entries, each
     * and all together within the byte limits.
     *
     * @param streamKind how the service names the stream in its not-found message ({@code Stream}, {@code Firehose})
     */
    protected final List<ReceivedRecord> readRecordList(Map<String, Object> request, String streamMember,
                                                        String streamName, String streamKind, Limits limits,
                                                        EntryReader reader) {
        if (!streamName.equals(request.get(streamMember))) {
            throw new Refusal(400, "ResourceNotFoundException", streamKind + " " + request.get(streamMember)
                    + " under account 123456789012 not found.");
        }
        List<?> entries = list(request.get("Records"), "Records");
        if (entries.isEmpty() || entries.size() > limits.maxRecords()) {
            throw new IllegalArgumentException("Records has " + entries.size() + " entries; 1 to "
                    + limits.maxRecords() + " are allowed");
        }
        List<ReceivedRecord> records = new ArrayList<>(entries.size());
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            String what = "Records[" + i + "]";
            ReceivedRecord record = reader.read(object(entries.get(i), what), what);
            long size = size(record);
            if (size > limits.maxRecordBytes()) {
                throw new IllegalArgumentException(what + " is " + size + " bytes, more than "
                        + limits.maxRecordBytes());
            }
            total += size;
            records.add(record);
        }
        if (total > limits.maxRequestBytes()) {
            throw new IllegalArgumentException("the request carries " + total + " bytes, more than "
                    + limits.maxRequestBytes());
        }
        return records;
    }

    /**
     * @param success the members of an accepted record's result
     * @return one result per record, in order: {@code success}'s members, or {@code ErrorCode} and {@code ErrorMessage}
     */
    protected static List<Object> results(List<ReceivedRecord> records, List<RecordFault> failures,
                                          Function<ReceivedRecord, Map<String, Object>> success) {
        List<Object> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RecordFault failure = failures.get(i);
            Map<String, Object> result = new LinkedHashMap<>();
            if (failure == null) {
                result.putAll(success.apply(records.get(i)));
            } else {
                result.put("ErrorCode", failure.errorCode());
                result.put("ErrorMessage", failure.errorMessage());
            }
            results.add(result);
        }
        return results;
    }

    /** @return how many records failed */
    protected static int failedCount(List<RecordFault> failures) {
        return (int) failures.stream().filter(Objects::nonNull).count();
    }

    /** @throws IllegalArgumentException when the object has members other than {@code allowed} */
    protected static void onlyMembers(Map<String, Object> object, String what, Set<String> allowed) {
        for (String member : object.keySet()) {
            if (!allowed.contains(member)) {
                throw new IllegalArgumentException(what + " has an unknown member " + member);
            }
        }
    }

    // --- wire formats ---

    private static Map<String, Object> parse(byte[] body, WireFormat format) throws IOException {
        try (JsonParser parser = (format == WireFormat.CBOR ? CBOR_FORMAT : JSON_FORMAT).createParser(body)) {
            JsonToken first = parser.nextToken();
            Object root = read(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the request");
            }
            return object(root, "the request");
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("empty body");
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (object.put(name, read(parser, parser.nextToken())) != null) {
                        throw new IOException("duplicate member " + name);
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(parser, next));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return parser.getBinaryValue();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName((String) entry.getKey());
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value == null) {
            out.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    private void error(HttpExchange exchange, WireFormat format, int status, String errorCode, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", errorCode);
        body.put("message", message);
        send(exchange, format, status, body, errorCode);
    }

    private void send(HttpExchange exchange, WireFormat format, int status, Map<String, Object> body, String errorCode)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = (format == WireFormat.CBOR ? CBOR_FORMAT : JSON_FORMAT).createGenerator(bytes)) {
            write(out, body);
        }
        send(exchange, status, bytes.toByteArray(), format == WireFormat.CBOR ? CBOR_CONTENT_TYPE : JSON_CONTENT_TYPE,
                errorCode);
    }
}
