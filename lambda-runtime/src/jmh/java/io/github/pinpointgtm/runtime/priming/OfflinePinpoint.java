package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointOfflineAnswer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;

/**
 * The benchmarks' in-memory Pinpoint: answers every PutEvents request with a 202 accepting each event, using the
 * priming's own answer ({@link PinpointOfflineAnswer#acceptEverything}), so the hot-path benchmark runs the
 * SDK's real request marshalling, signing and response parsing without a network. Unlike the priming client it
 * keeps no record of the requests (a benchmark sends millions). It lives in the benchmark sources only.
 */
public final class OfflinePinpoint implements SdkHttpClient {

    /** @return an HTTP client that answers every PutEvents request in memory and remembers nothing */
    public static SdkHttpClient httpClient() {
        return new OfflinePinpoint();
    }

    private OfflinePinpoint() {
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                }
                byte[] answer = PinpointOfflineAnswer.acceptEverything(body).getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpFullResponse.builder()
                                .statusCode(202)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", Integer.toString(answer.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is computed synchronously.
            }
        };
    }

    @Override
    public String clientName() {
        return "BenchmarkOfflinePinpoint";
    }

    @Override
    public void close() {
        // No resources.
    }
}
