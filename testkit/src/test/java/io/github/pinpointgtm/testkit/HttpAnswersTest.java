package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpAnswersTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<String> get(HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sendsTheStatusContentTypeCallerHeadersAndBody() throws Exception {
        HttpResponse<String> response = get(exchange -> {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            HttpAnswers.send(exchange, 418, "application/json", "{\"ok\":\"ü\"}".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(11);
        assertThat(response.body()).isEqualTo("{\"ok\":\"ü\"}");
    }

    @Test
    void anEmptyBodyIsSentWithAZeroLengthNotChunked() throws Exception {
        HttpResponse<String> response = get(exchange -> HttpAnswers.send(exchange, 200, new byte[0]));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(0);
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(response.body()).isEmpty();
    }
}
