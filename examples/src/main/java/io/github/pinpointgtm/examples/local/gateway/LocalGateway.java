package io.github.pinpointgtm.examples.local.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.pinpointgtm.examples.local.SynthesizedConnector;
import io.github.pinpointgtm.examples.local.SynthesizedConnector.IntegrationResponse;
import io.github.pinpointgtm.testkit.HttpAnswers;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A localhost stand-in for the connector's REST API: serves {@code /events} (GET, POST, OPTIONS) by rendering the
 * synthesized request template, sending the rendered form body to the SQS endpoint as API Gateway's AWS integration
 * does, and answering with the synthesized integration response (status, static headers, rendered template, base64
 * turned into binary for {@code CONVERT_TO_BINARY}: the GIF).
 *
 * <p>API Gateway rules it follows: the request template is chosen by Content-Type (none: {@code application/json});
 * a Content-Type without a template is refused with 415 ({@code passthroughBehavior NEVER}); a request line over
 * 10,240 characters is refused with 414; an integration response is selected by matching its selection pattern
 * against SQS's status code; other methods and paths get 403 {@code Missing Authentication Token}.
 */
public final class LocalGateway implements AutoCloseable {

    /** API Gateway's (regional) limit on the URL. */
    static final int MAX_URL_LENGTH = 10_240;

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient sqsHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile SynthesizedConnector connector;
    private volatile URI queueUrl;
    private volatile Consumer<String> onQueued = requestId -> { };

    private LocalGateway(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        threads = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "local-gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/events", this::handle);
    }

    /**
     * Binds the port (0: any free port) without serving yet, so the origin is known before the stack is synthesized.
     */
    public static LocalGateway bind(int port) {
        try {
            return new LocalGateway(port);
        } catch (IOException e) {
            throw new IllegalStateException("could not bind the local gateway to port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The gateway's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Serves another path prefix (the demo page, the feed); {@code /events} stays the API's. */
    public LocalGateway page(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /**
     * Starts serving.
     *
     * @param synthesized what to serve
     * @param queue       the SQS queue URL the integration sends to
     * @param queued      told the request id of every hit SQS accepted
     */
    public LocalGateway start(SynthesizedConnector synthesized, URI queue, Consumer<String> queued) {
        this.connector = Objects.requireNonNull(synthesized, "synthesized");
        this.queueUrl = Objects.requireNonNull(queue, "queue");
        this.onQueued = Objects.requireNonNull(queued, "queued");
        server.start();
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawUri = exchange.getRequestURI().toString();
            if (rawUri.length() > MAX_URL_LENGTH) {
                gatewayError(exchange, 414, "Request-URI Too Long");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (!"/events".equals(path) || !List.of("GET", "POST", "OPTIONS").contains(method)) {
                gatewayError(exchange, 403, "Missing Authentication Token");
                return;
            }
            String requestId = UUID.randomUUID().toString();
            ApiGatewayRequest.Builder requestBuilder = readRequest(exchange, requestId);
            ApiGatewayRequest request = requestBuilder.build();
            if ("OPTIONS".equals(method)) {
                respond(exchange, request, requestId, connector.preflightResponse());
                return;
            }
            Map<String, String> templates = "GET".equals(method) ? connector.getRequestTemplates()
                    : connector.postRequestTemplates();
            String template = templates.get(mediaType(header(request, "Content-Type"), "application/json"));
            if (template == null) {
                gatewayError(exchange, 415, "Unsupported Media Type");
                return;
            }
            String formBody = ApiGatewayVtl.render(template, request).output();
            SqsAnswer sqs = sendToSqs(formBody);
            if (sqs.status() == 200) {
                onQueued.accept(requestId);
            }
            List<IntegrationResponse> responses = "GET".equals(method) ? connector.getResponses()
                    : connector.postResponses();
            // An integration response template reads the integration's answer as $input.body.
            respond(exchange, requestBuilder.body(sqs.body()).build(), requestId, select(responses, sqs.status()));
        } catch (RuntimeException e) {
            // A template or integration failure: API Gateway answers 500 with its default error response.
            System.err.println("local gateway: " + e);
            gatewayError(exchange, 500, "Internal server error");
        }
    }

    /**
     * The request as API Gateway hands it to a mapping template (the construct's API Gateway stand-in, the same one
     * whose rendering its tests cross-check against Velocity 1.7): one value per query name and header, the raw
     * body, and {@code $context}'s request id, time, method and identity.
     */
    private static ApiGatewayRequest.Builder readRequest(HttpExchange exchange, String requestId) throws IOException {
        ApiGatewayRequest.Builder request = ApiGatewayRequest.builder()
                .queryParameters(QueryString.parse(exchange.getRequestURI().getRawQuery()))
                .requestId(requestId)
                .requestTimeEpoch(System.currentTimeMillis())
                .httpMethod(exchange.getRequestMethod())
                .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .userAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
        exchange.getRequestHeaders().forEach((name, values) -> request.header(name, values.get(values.size() - 1)));
        try (InputStream in = exchange.getRequestBody()) {
            request.body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return request;
    }

    /** What SQS answered: its HTTP status and body (an error document when it refused the message). */
    private record SqsAnswer(int status, String body) {
    }

    private SqsAnswer sendToSqs(String formBody) {
        HttpRequest request = HttpRequest.newBuilder(queueUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = sqsHttp.send(request, HttpResponse.BodyHandlers.ofString());
            return new SqsAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new SqsAnswer(503, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SqsAnswer(503, "");
        }
    }

    /** The integration response whose selection pattern matches the status, else the default one. */
    static IntegrationResponse select(List<IntegrationResponse> responses, int integrationStatus) {
        String status = Integer.toString(integrationStatus);
        IntegrationResponse fallback = null;
        for (IntegrationResponse response : responses) {
            if (response.selectionPattern() == null || response.selectionPattern().isEmpty()) {
                fallback = response;
            } else if (status.matches(response.selectionPattern())) {
                return response;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no integration response for status " + status);
        }
        return fallback;
    }

    private void respond(HttpExchange exchange, ApiGatewayRequest request, String requestId,
                         IntegrationResponse response) throws IOException {
        String template = chooseTemplate(response.templates(), header(request, "Accept"));
        ApiGatewayVtl.RenderedTemplate rendered = ApiGatewayVtl.render(template, request);
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.putAll(rendered.headerOverrides());
        int status = rendered.statusOverride() != null ? rendered.statusOverride() : response.statusCode();
        byte[] body = response.convertToBinary() ? Base64.getDecoder().decode(rendered.output().strip())
                : rendered.output().getBytes(StandardCharsets.UTF_8);
        headers.putIfAbsent("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        send(exchange, status, body);
    }

    /** API Gateway picks the response template by the Accept header's first matching type, else application/json. */
    private static String chooseTemplate(Map<String, String> templates, String accept) {
        if (accept != null) {
            for (String candidate : accept.split(",")) {
                String type = mediaType(candidate, "");
                if (templates.containsKey(type)) {
                    return templates.get(type);
                }
            }
        }
        if (templates.containsKey("application/json")) {
            return templates.get("application/json");
        }
        return templates.isEmpty() ? "" : templates.values().iterator().next();
    }

    private static String header(ApiGatewayRequest request, String name) {
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static String mediaType(String headerValue, String fallback) {
        if (headerValue == null || headerValue.isBlank()) {
            return fallback;
        }
        int semicolon = headerValue.indexOf(';');
        return (semicolon < 0 ? headerValue : headerValue.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** API Gateway's own error responses (DEFAULT_4XX/5XX): a JSON message, {@code Vary: Origin}. */
    private static void gatewayError(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Vary", "Origin");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", status == 403 ? "MissingAuthenticationTokenException"
                : "GatewayError");
        send(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) {
        try {
            HttpAnswers.send(exchange, status, body);
        } catch (IOException clientGone) {
            // The browser navigated away (sendBeacon does not wait): nothing to do.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
