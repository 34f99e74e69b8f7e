package io.github.pinpointgtm.runtime.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pinpointgtm.testkit.HttpAnswers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (version 2018-06-01) for one runtime process, as the Lambda service serves it to the Java
 * runtime interface client: {@code GET .../invocation/next} waits until an event is handed over and answers it with
 * the Lambda headers; the runtime posts the handler's answer to {@code .../invocation/<id>/response} or an error to
 * {@code .../invocation/<id>/error} or {@code .../init/error}. Times are taken where the Lambda service takes them:
 * init ends when the runtime first asks for an event, an invocation lasts from handing the event over to receiving
 * its response.
 */
final class RuntimeApiStandIn implements AutoCloseable {
    static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:000000000000:function:cold-start-benchmark";
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Duration POLL = Duration.ofMillis(20);

    /** What the runtime answered to one event. */
    record Answer(String body, long nanos) {
    }

    private record Pending(String requestId, String event, CompletableFuture<Answer> answer) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "runtime-api-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Long> nextRequests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final Map<String, Long> handedOverAt = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private volatile String initError;

    RuntimeApiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PREFIX, this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** @return the value of {@code AWS_LAMBDA_RUNTIME_API} for the runtime */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Waits until the runtime asks for its next event.
     *
     * @return {@link System#nanoTime()} when it asked
     * @throws IllegalStateException when the runtime reported an init error, exited or did not ask in time
     */
    long awaitNextRequest(Process runtime, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (initError != null) {
                throw new IllegalStateException("the runtime reported an init error: " + initError);
            }
            try {
                Long asked = nextRequests.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (asked != null) {
                    return asked;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (!runtime.isAlive()) {
                throw new IllegalStateException("the runtime exited (" + runtime.exitValue()
                        + ") before asking for an event");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the runtime did not ask for an event within " + timeout);
            }
        }
    }

    /**
     * Hands one event to the runtime (answering its waiting or next {@code next} request) and waits for its answer.
     *
     * @throws IllegalStateException when the runtime posted an error, exited or did not answer in time
     */
    Answer invoke(String eventJson, Process runtime, Duration timeout) {
        Pending pending = new Pending(UUID.randomUUID().toString(), eventJson, new CompletableFuture<>());
        answers.put(pending.requestId(), pending.answer());
        events.add(pending);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return pending.answer().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!runtime.isAlive()) {
                    throw new IllegalStateException("the runtime exited (" + runtime.exitValue()
                            + ") within an invocation");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the runtime did not answer within " + timeout);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError = body(exchange);
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                long received = System.nanoTime();
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                String body = body(exchange);
                CompletableFuture<Answer> answer = answers.remove(requestId);
                Long handedOver = handedOverAt.remove(requestId);
                if (answer == null || handedOver == null) {
                    respond(exchange, 400,
                            "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                if (path.endsWith("/error")) {
                    answer.completeExceptionally(new IllegalStateException("the handler failed: " + body));
                } else {
                    answer.complete(new Answer(body, received - handedOver));
                }
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"no such resource\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        nextRequests.add(System.nanoTime());
        Pending pending;
        try {
            pending = events.take(); // as the service does: the runtime waits as long as no event comes
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        byte[] body = pending.event().getBytes(StandardCharsets.UTF_8);
        handedOverAt.put(pending.requestId(), System.nanoTime());
        HttpAnswers.send(exchange, 200, body);
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        HttpAnswers.send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
