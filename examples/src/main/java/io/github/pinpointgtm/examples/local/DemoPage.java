package io.github.pinpointgtm.examples.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.pinpointgtm.testkit.HttpAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The local pipeline's page at {@code /}: fire hits the way the GTM template does (a Custom Image tag or a beacon,
 * consent granted or an anonymous count, a signed endpoint id) and watch them arrive; {@code /recorded.json} is the
 * feed it polls (the destination, whether endpoint ids are verified, the events its stand-in accepted with the same
 * fields for every destination, the hits the policy rejected and the dead letters, each with reason and detail). The
 * page is self-contained (inline CSS and script, nothing fetched from elsewhere), so it works offline.
 */
final class DemoPage implements HttpHandler {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PAGE_RESOURCE = "index.html";

    private final LocalPipeline pipeline;
    private final byte[] page;

    DemoPage(LocalPipeline pipeline) {
        this.pipeline = pipeline;
        try (InputStream in = DemoPage.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + PAGE_RESOURCE + " is missing");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
            } else if ("/".equals(path)) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else if ("/recorded.json".equals(path)) {
                send(exchange, 200, "application/json", feed().getBytes(StandardCharsets.UTF_8));
            } else {
                // What API Gateway answers for a path it does not have.
                send(exchange, 403, "application/json",
                        "{\"message\":\"Missing Authentication Token\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private String feed() throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("destination", pipeline.destination().displayName()
                    + (pipeline.usesStandIn() ? " stand-in" : " at " + pipeline.destinationEndpoint()));
            out.writeNumberField("queued", pipeline.queuedRequestIds().size());
            writeIdentity(out, pipeline.identity());
            out.writeArrayFieldStart("events");
            for (RecordedEvent event : pipeline.recordedEvents()) {
                out.writeStartObject();
                out.writeStringField("eventId", event.eventId());
                out.writeStringField("endpointId", event.endpointId());
                out.writeStringField("eventType", event.eventType());
                out.writeStringField("timestamp", event.timestamp());
                writeMap(out, "attributes", event.attributes());
                writeMap(out, "metrics", event.metrics());
                out.writeEndObject();
            }
            out.writeEndArray();
            writeLetters(out, "rejected", pipeline.rejectedHits());
            writeLetters(out, "deadLetters", pipeline.deadLetters());
            out.writeEndObject();
        }
        return json.toString();
    }

    /** Whether {@code /sign} can sign: the page explains verified identity either way. */
    private static void writeIdentity(JsonGenerator out, LocalIdentity identity) throws IOException {
        out.writeObjectFieldStart("identity");
        out.writeBooleanField("verifies", identity != null);
        if (identity != null && identity.anonymousPrefix() != null) {
            out.writeStringField("anonymousPrefix", identity.anonymousPrefix());
        } else {
            out.writeNullField("anonymousPrefix");
        }
        out.writeEndObject();
    }

    private static void writeLetters(JsonGenerator out, String name, List<SideQueueLog.Letter> letters)
            throws IOException {
        out.writeArrayFieldStart(name);
        for (SideQueueLog.Letter letter : letters) {
            out.writeStartObject();
            out.writeStringField("requestId", letter.requestId());
            out.writeStringField("reason", letter.reason());
            out.writeStringField("detail", letter.detail());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeMap(JsonGenerator out, String name, Map<String, ?> values) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (entry.getValue() instanceof Number number) {
                out.writeNumberField(entry.getKey(), number.doubleValue());
            } else {
                out.writeStringField(entry.getKey(), String.valueOf(entry.getValue()));
            }
        }
        out.writeEndObject();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpAnswers.send(exchange, status, contentType, body);
    }
}
