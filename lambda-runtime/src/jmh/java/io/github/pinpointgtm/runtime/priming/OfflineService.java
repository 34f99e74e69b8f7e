package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The benchmarks' in-memory service: answers every request with a destination's {@link OfflineAnswer} (the priming's
 * own answers, accepting everything), so the hot-path benchmarks run the SDK's real request marshalling, signing and
 * response parsing without a network. Unlike the priming's {@link OfflineHttpClient} it keeps no record of the
 * requests (a benchmark sends millions). It lives in the benchmark sources only.
 */
public final class OfflineService implements SdkHttpClient {

    private final OfflineAnswer answer;

    /**
     * @param answer how the service answers
     * @return an HTTP client that answers every request in memory and remembers nothing
     */
    public static SdkHttpClient httpClient(OfflineAnswer answer) {
        return new OfflineService(answer);
    }

    private OfflineService(OfflineAnswer answer) {
        this.answer = Objects.requireNonNull(answer, "answer");
    }

    /**
     * The in-memory exchange on its own: what this client does for one request once the SDK has signed it.
     *
     * @param answer  the service's answer
     * @param request the request as the SDK built and signed it
     * @param body    its body
     * @return the HTTP response the SDK then parses
     */
    public static HttpExecuteResponse respond(OfflineAnswer answer, SdkHttpRequest request, byte[] body) {
        return OfflineHttpClient.response(answer.answer(request, body));
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return respond(answer, request.httpRequest(), OfflineHttpClient.body(request));
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is computed synchronously.
            }
        };
    }

    @Override
    public String clientName() {
        return "BenchmarkOfflineService";
    }

    @Override
    public void close() {
        // No resources.
    }
}
