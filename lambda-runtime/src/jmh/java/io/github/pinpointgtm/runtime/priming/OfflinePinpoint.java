package io.github.pinpointgtm.runtime.priming;

import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Benchmark access to the priming's in-memory PutEvents answerer, so the hot-path benchmark runs the SDK's real
 * request marshalling, signing and response parsing without a network (this class lives in the benchmark sources
 * only, in the priming package to reach the package-private client).
 */
public final class OfflinePinpoint {

    private OfflinePinpoint() {
    }

    /** @return an HTTP client that answers every PutEvents request with a 202 accepting each event, in memory */
    public static SdkHttpClient httpClient() {
        return new OfflinePinpointHttpClient();
    }
}
