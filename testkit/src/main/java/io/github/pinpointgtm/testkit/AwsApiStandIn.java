package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.regex.Pattern;

/**
 * The HTTP side shared by the stand-ins of the destinations' APIs (Pinpoint, Kinesis, Firehose, EventBridge, Customer
 * Profiles): a real {@link HttpServer} on a random loopback port, counters of requests, concurrency and answers, a list
 * of protocol violations (requests the real SDK client must never send), the accepted items and a listener
 * ({@link #onAccepted}) of them, and the writing of answers.
 *
 * @param <A> what the stand-in records of an accepted item (an event, a record, an entry, an object)
 */
public abstract class AwsApiStandIn<A> implements AutoCloseable {

    static {
        // Answers are written in two parts (headers, body); without TCP_NODELAY each waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    protected static final JsonFactory JSON = new JsonFactory();

    /** What a stand-in does with one request before answering it. */
    public record RequestFault(int status, String errorType, Duration delay) {
        public static final RequestFault NONE = new RequestFault(0, null, Duration.ZERO);

        public static RequestFault status(int status, String errorType) {
            return new RequestFault(status, errorType, Duration.ZERO);
        }

        /** Answers normally (records are accepted) but only after {@code delay}. */
        public static RequestFault slow(Duration delay) {
            return new RequestFault(0, null, delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<Integer, AtomicInteger> answersByStatus = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<A> accepted = new ConcurrentLinkedQueue<>();
    private volatile Consumer<? super A> acceptedListener = item -> { };

    protected AwsApiStandIn(String name) {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + name + " stand-in", e);
        }
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
    }

    /**
     * @param service the SigV4 signing name the real service expects
     * @return a matcher of a well-formed SigV4 {@code Authorization} header for that service
     */
    protected static Pattern sigV4(String service) {
        return Pattern.compile("^AWS4-HMAC-SHA256 Credential=[^/\\s]+/\\d{8}/[a-z0-9-]+/" + Pattern.quote(service)
                + "/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$");
    }

    /**
     * Answers one request.
     *
     * @param exchange      the request (its body already read)
     * @param requestNumber 1-based count of requests so far
     * @param body          the request's body
     */
    protected abstract void handle(HttpExchange exchange, int requestNumber, byte[] body) throws IOException;

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Calls {@code listener} with every item this stand-in accepts from now on, in the request's order, before the
     * request is answered: when the client's call returns, the listener has seen its accepted items. It is called
     * from the server's threads, concurrently for concurrent requests. A listener that throws does not change the
     * answer; its failure is listed in {@link #protocolViolations()}.
     */
    public void onAccepted(Consumer<? super A> listener) {
        this.acceptedListener = Objects.requireNonNull(listener, "listener");
    }

    /** Subclasses call this with the items a request accepted, before answering: records them, then tells the listener. */
    protected void accept(List<A> items) {
        accepted.addAll(items);
        Consumer<? super A> listener = acceptedListener;
        for (A item : items) {
            try {
                listener.accept(item);
            } catch (RuntimeException e) {
                violation("accepted-item listener failed: " + e);
            }
        }
    }

    /** @return every item accepted, in arrival order (a retried one may appear twice) */
    protected List<A> accepted() {
        return List.copyOf(accepted);
    }

    /** @return how many HTTP requests arrived (SDK retries included) */
    public int requestCount() {
        return requests.get();
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

    /** @return requests that broke the API's protocol (they must never happen with the real client) */
    public List<String> protocolViolations() {
        return List.copyOf(violations);
    }

    private void serve(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            int requestNumber = requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            handle(exchange, requestNumber, body);
        } catch (RuntimeException e) {
            violation("stand-in failure: " + e);
            throw e;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    protected void violation(String description) {
        violations.add(description);
    }

    /**
     * Checks the request's SigV4 {@code Authorization} header.
     *
     * @param sigV4 {@link #sigV4} of the service's signing name
     * @return whether the header is there and well formed for the service; when not, the request is listed as a
     *     violation and the caller answers it with the service's error
     */
    protected boolean signedFor(HttpExchange exchange, Pattern sigV4) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && sigV4.matcher(authorization).matches()) {
            return true;
        }
        violation("missing or malformed SigV4 Authorization header: " + authorization);
        return false;
    }

    /**
     * Checks the frame of an AWS JSON 1.1 request as the real service does: {@code POST /}, the operation's
     * {@code X-Amz-Target}, the JSON 1.1 content type and a SigV4 {@code Authorization} header. A wrong frame is
     * listed as a violation and, except for the content type, answered with the service's error.
     *
     * @param target        the operation's {@code X-Amz-Target}, e.g. {@code AWSEvents.PutEvents}
     * @param sigV4         {@link #sigV4} of the service's signing name
     * @param messageMember the member of the service's error messages ({@code message} or {@code Message})
     * @return whether the request may be handled (false: it was answered)
     */
    protected boolean json11Frame(HttpExchange exchange, String target, Pattern sigV4, String messageMember)
            throws IOException {
        String contentType = "application/x-amz-json-1.1";
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            violation("unexpected " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
            error(exchange, 404, "UnknownOperationException", messageMember, "unknown operation", contentType);
            return false;
        }
        String targetHeader = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!target.equals(targetHeader)) {
            violation("unexpected X-Amz-Target " + targetHeader);
            error(exchange, 400, "UnknownOperationException", messageMember, "unknown operation " + targetHeader,
                    contentType);
            return false;
        }
        String requestContentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!contentType.equals(requestContentType)) {
            violation("unexpected Content-Type " + requestContentType);
        }
        if (!signedFor(exchange, sigV4)) {
            error(exchange, 400, "IncompleteSignatureException", messageMember,
                    "Authorization header requires a SigV4 signature", contentType);
            return false;
        }
        return true;
    }

    /** Writes {@code {"<messageMember>": message}} with the error type in {@code x-amzn-ErrorType}. */
    protected void error(HttpExchange exchange, int status, String errorType, String messageMember, String message,
                         String contentType) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("__type", errorType);
            out.writeStringField(messageMember, message);
            out.writeEndObject();
        }
        send(exchange, status, json.toString().getBytes(StandardCharsets.UTF_8), contentType, errorType);
    }

    protected void send(HttpExchange exchange, int status, String json, String contentType) throws IOException {
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8), contentType, null);
    }

    /**
     * Writes an answer and counts its status.
     *
     * @param errorType the {@code x-amzn-ErrorType} header, or null for none
     */
    protected void send(HttpExchange exchange, int status, byte[] body, String contentType, String errorType)
            throws IOException {
        answersByStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        try {
            HttpAnswers.send(exchange, status, body);
        } catch (IOException clientGone) {
            // The client gave up (e.g. a slow answer past its timeout); nothing to do.
        }
    }

    protected static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
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
