package io.github.pinpointgtm.runtime.delivery;

import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Answers a destination's API call in memory, as the service would when it accepts every record. Used for SnapStart
 * priming and benchmarks, where the real SDK pipeline (marshalling, signing, response parsing) must run without
 * network or credentials.
 */
@FunctionalInterface
public interface OfflineAnswer {

    /**
     * @param request the request as the SDK built and signed it
     * @param body    its body
     * @return the service's answer
     */
    Response answer(SdkHttpRequest request, byte[] body);

    /**
     * An HTTP answer.
     *
     * @param statusCode  the HTTP status
     * @param contentType the {@code Content-Type} header
     * @param body        the body
     */
    record Response(int statusCode, String contentType, byte[] body) {
        /**
         * Creates the answer.
         *
         * @param statusCode  the HTTP status
         * @param contentType the {@code Content-Type} header
         * @param body        the body
         */
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
