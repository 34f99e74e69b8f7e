package io.github.pinpointgtm.examples.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.examples.local.SynthesizedConnector;
import io.github.pinpointgtm.testkit.HttpAnswers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local gateway answers as API Gateway would when SQS refuses a message: its integration response templates read
 * SQS's error document ({@code $input.body}), so a message too long answers 413 and another refusal 500.
 */
class LocalGatewaySqsErrorsTest {

    private static final String TOO_LONG = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue"
            + "</Code><Message>One or more parameters are invalid. Reason: Message must be shorter than 1048576 "
            + "bytes.</Message><Detail/></Error><RequestId>r-1</RequestId></ErrorResponse>";
    private static final String ACCESS_DENIED = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
            + "<Message>Access to the resource is denied.</Message></Error></ErrorResponse>";

    private HttpServer sqs;
    private LocalGateway gateway;

    /** A queue endpoint that refuses every message with {@code 400} and {@code errorDocument}. */
    private URI refusingQueue(String errorDocument) throws IOException {
        sqs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sqs.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            HttpAnswers.send(exchange, 400, "text/xml", errorDocument.getBytes(StandardCharsets.UTF_8));
        });
        sqs.start();
        return URI.create("http://127.0.0.1:" + sqs.getAddress().getPort() + "/000000000000/connector-queue");
    }

    private HttpResponse<String> pixel(String errorDocument) throws Exception {
        gateway = LocalGateway.bind(0);
        String origin = gateway.baseUrl().toString();
        gateway.start(SynthesizedConnector.synthesize(ExampleDestination.PINPOINT, List.of(origin), "eu-west-1"),
                refusingQueue(errorDocument), requestId -> { });
        HttpRequest request = HttpRequest.newBuilder(gateway.baseUrl().resolve("/events?event=view&endpoint_id=u-1"))
                .header("Origin", origin).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sqs != null) {
            sqs.stop(0);
        }
    }

    @Test
    void aMessageTooLongForSqsAnswers413WithCors() throws Exception {
        HttpResponse<String> response = pixel(TOO_LONG);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("The hit is too large to be queued.");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(gateway.baseUrl().toString());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache, no-store, must-revalidate");
    }

    @Test
    void anyOtherSqsRefusalAnswers500() throws Exception {
        HttpResponse<String> response = pixel(ACCESS_DENIED);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("The hit could not be queued.");
    }
}
