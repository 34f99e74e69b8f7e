package io.github.pinpointgtm.testkit;

import java.io.IOException;
import java.io.OutputStream;

import com.sun.net.httpserver.HttpExchange;

/** Writes the answer of a JDK {@link com.sun.net.httpserver.HttpServer} exchange: the stand-ins' and relays' one way. */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * Sends {@code status} with {@code body} and a {@code Content-Type}, after any headers the caller has set. An empty
     * body goes out as {@code Content-Length: 0} (the JDK server would otherwise switch to chunked encoding).
     */
    public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        send(exchange, status, body);
    }

    /** Sends {@code status} with {@code body} and only the headers the caller has set; see the other overload. */
    public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
