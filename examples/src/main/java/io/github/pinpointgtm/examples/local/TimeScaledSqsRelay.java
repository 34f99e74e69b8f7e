package io.github.pinpointgtm.examples.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pinpointgtm.testkit.HttpAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP relay between the processor and the embedded SQS that compresses time: it divides every visibility timeout
 * the processor sets ({@code ChangeMessageVisibility} and {@code ChangeMessageVisibilityBatch}) by a
 * {@link TimeScale} and passes every other call through unchanged. The processor's backoff code runs as shipped; only
 * the queue it talks to lets the time pass faster.
 *
 * <p>It speaks SQS's JSON protocol, the one the AWS SDK for Java v2 uses. A visibility change in the query protocol
 * could not be compressed and is refused with 400 rather than relayed uncompressed. The embedded SQS checks no
 * signature, so a rewritten body needs none.
 */
public final class TimeScaledSqsRelay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AmazonSQS.";
    /** Headers the JDK's client sets itself (it refuses them) or that describe the original body's framing. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");

    private final URI target;
    private final TimeScale scale;
    private final SplittableRandom rounding;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final AtomicLong compressedTimeouts = new AtomicLong();
    private final AtomicLong simulatedSeconds = new AtomicLong();
    private final AtomicLong wallClockSeconds = new AtomicLong();

    private TimeScaledSqsRelay(URI target, TimeScale scale, long seed) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.scale = Objects.requireNonNull(scale, "scale");
        this.rounding = new SplittableRandom(seed);
        threads = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "time-scaled-sqs-relay");
            thread.setDaemon(true);
            return thread;
        });
        // Its own executor: the server's threads block on the client's answers.
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::relay);
        server.start();
    }

    /**
     * @param target the SQS endpoint to relay to
     * @param scale  divides the visibility timeouts the processor sets
     * @param seed   the seed of the timeouts' rounding
     */
    public static TimeScaledSqsRelay start(URI target, TimeScale scale, long seed) {
        try {
            return new TimeScaledSqsRelay(target, scale, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the SQS relay to a loopback port", e);
        }
    }

    /** The endpoint to give the processor instead of the SQS endpoint. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return how many visibility timeouts were compressed */
    public long compressedTimeouts() {
        return compressedTimeouts.get();
    }

    /** @return the sum of the visibility timeouts the processor asked for, in (simulated) seconds */
    public long simulatedSeconds() {
        return simulatedSeconds.get();
    }

    /** @return the sum of the visibility timeouts set on the queue, in wall-clock seconds */
    public long wallClockSeconds() {
        return wallClockSeconds.get();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String operation = operation(exchange);
            if (operation == null && isQueryProtocolVisibilityChange(body)) {
                answer(exchange, 400, "the SQS relay compresses visibility timeouts in SQS's JSON protocol only");
                return;
            }
            if ("ChangeMessageVisibility".equals(operation)) {
                body = compress(body, false);
            } else if ("ChangeMessageVisibilityBatch".equals(operation)) {
                body = compress(body, true);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "the SQS relay was interrupted");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            HttpAnswers.send(exchange, response.statusCode(), answer);
        } catch (RuntimeException e) {
            System.err.println("SQS relay: " + e);
            throw e;
        }
    }

    /** @return the JSON protocol's operation name, or null for a request without {@code X-Amz-Target} */
    private static String operation(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        return value != null && value.startsWith(TARGET_PREFIX) ? value.substring(TARGET_PREFIX.length()) : null;
    }

    private static boolean isQueryProtocolVisibilityChange(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).contains("Action=ChangeMessageVisibility");
    }

    private byte[] compress(byte[] body, boolean batch) throws IOException {
        JsonNode request = JSON.readTree(body);
        List<JsonNode> entries = new ArrayList<>();
        if (batch) {
            request.path("Entries").forEach(entries::add);
        } else {
            entries.add(request);
        }
        for (JsonNode entry : entries) {
            if (entry instanceof ObjectNode object && object.path("VisibilityTimeout").canConvertToLong()) {
                long requested = object.get("VisibilityTimeout").asLong();
                int compressed;
                synchronized (rounding) {
                    compressed = scale.visibilitySeconds(requested, rounding);
                }
                object.put("VisibilityTimeout", compressed);
                compressedTimeouts.incrementAndGet();
                simulatedSeconds.addAndGet(requested);
                wallClockSeconds.addAndGet(compressed);
            }
        }
        return JSON.writeValueAsBytes(request);
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        HttpAnswers.send(exchange, status, "application/x-amz-json-1.0",
                JSON.writeValueAsBytes(Map.of("__type", "InvalidParameterValue", "message", message)));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
