package io.github.pinpointgtm.examples.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.pinpointgtm.testkit.HttpAnswers;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import io.github.pinpointgtm.testkit.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /sign} of the local pipeline: what a site's backend does for verified identity, signing the endpoint id
 * of the person it knows with the key the processor verifies against ({@code docs/identity.md}'s Java snippet). The
 * key stays in this process; the page only receives the signature.
 *
 * <p>The request is a JSON object {@code {"endpoint_id": "..."}}; the answer {@code {"endpointId", "endpointSig",
 * "needsSignature"}} ({@code needsSignature} false for an id under the anonymous prefix). Only the local pipeline's
 * own page may ask: a request whose {@code Origin} is another one is refused, since handing signatures to other sites
 * is exactly what verification stops (the JSON content type also makes a browser preflight cross-site requests,
 * which this handler never allows).
 */
final class BackendSigner implements HttpHandler {

    private static final String FIELD = "endpoint_id";

    private final LocalIdentity identity;
    private final List<String> pageOrigins;

    /**
     * @param identity    the pipeline's identity key and anonymous prefix; null when it verifies no signatures
     * @param pageOrigins the origins of the local pipeline's own page
     */
    BackendSigner(LocalIdentity identity, List<String> pageOrigins) {
        this.identity = identity;
        this.pageOrigins = List.copyOf(pageOrigins);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, Map.of("message", "POST a JSON object {\"" + FIELD + "\": \"...\"}"));
            } else if (origin != null && !pageOrigins.contains(origin)) {
                answer(exchange, 403, Map.of("message", "only the local pipeline's page may ask for signatures, not "
                        + origin));
            } else if (identity == null) {
                answer(exchange, 404, Map.of("message", "identity verification is off: start the local pipeline with "
                        + LocalIdentity.KEY_PROPERTY + " or " + LocalIdentity.KEY_FILE_PROPERTY
                        + " to sign endpoint ids"));
            } else if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                answer(exchange, 415, Map.of("message", "the request must be application/json"));
            } else {
                String endpointId = endpointId(exchange);
                if (endpointId == null) {
                    answer(exchange, 400, Map.of("message", FIELD + " is required: a non-empty string"));
                } else {
                    answer(exchange, 200, Map.of(
                            "endpointId", endpointId,
                            "endpointSig", JavaSigningSnippet.sign(identity.key(), endpointId),
                            "needsSignature", identity.anonymousPrefix() == null
                                    || !endpointId.startsWith(identity.anonymousPrefix())));
                }
            }
        }
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/json");
    }

    /** @return the request's non-empty endpoint id, or null when the body is not an object with one */
    private static String endpointId(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Json.parseObject(body).get(FIELD) instanceof String id && !id.isEmpty() ? id : null;
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> fields) throws IOException {
        byte[] body = Json.write(fields).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpAnswers.send(exchange, status, "application/json", body);
    }
}
