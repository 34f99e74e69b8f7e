package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An HTTP client that never touches the network: it answers every request in memory with the destination's
 * {@link OfflineAnswer}. Priming sends requests through the real SDK pipeline (marshalling, signing, response parsing)
 * into it, so no AWS call is made before a SnapStart checkpoint.
 */
public final class OfflineHttpClient implements SdkHttpClient {

    private final OfflineAnswer answer;
    private final List<SdkHttpRequest> requests = new ArrayList<>();

    /** @param answer how the destination's service answers */
    public OfflineHttpClient(OfflineAnswer answer) {
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    /** @return the requests answered so far (headers and URI as the SDK built and signed them) */
    public synchronized List<SdkHttpRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                synchronized (OfflineHttpClient.this) {
                    requests.add(request.httpRequest());
                }
                return response(answer.answer(request.httpRequest(), body(request)));
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is computed synchronously.
            }
        };
    }

    /**
     * @param request a request as the SDK built and signed it
     * @return its body (empty when it has none)
     * @throws IOException if the body cannot be read
     */
    public static byte[] body(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * @param response an in-memory answer
     * @return it as the HTTP response the SDK parses
     */
    public static HttpExecuteResponse response(OfflineAnswer.Response response) {
        return HttpExecuteResponse.builder()
                .response(SdkHttpFullResponse.builder()
                        .statusCode(response.statusCode())
                        .putHeader("Content-Type", response.contentType())
                        .putHeader("Content-Length", Integer.toString(response.body().length))
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                .build();
    }

    @Override
    public String clientName() {
        return "Offline";
    }

    @Override
    public void close() {
        // No resources.
    }
}
