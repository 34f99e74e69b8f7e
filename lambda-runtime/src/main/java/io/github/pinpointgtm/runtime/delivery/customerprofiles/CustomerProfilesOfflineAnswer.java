package io.github.pinpointgtm.runtime.delivery.customerprofiles;

import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Customer Profiles' {@code PutProfileObject} answered in memory: HTTP 200 with a {@code ProfileObjectUniqueKey}. */
public final class CustomerProfilesOfflineAnswer implements OfflineAnswer {

    private static final byte[] ACCEPTED =
            "{\"ProfileObjectUniqueKey\":\"offline\"}".getBytes(StandardCharsets.UTF_8);

    /** Creates the answer. */
    public CustomerProfilesOfflineAnswer() {
        // Stateless.
    }

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        return new Response(200, "application/json", ACCEPTED.clone());
    }
}
