package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.SharedPipeline.await;
import static io.github.pinpointgtm.examples.local.SharedPipeline.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.local.soak.HostileQueries;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hostile query strings through the local pipeline: none crashes a batch, none is lost. */
class HostileInputTest {

    @Test
    void everyHostileHitIsDeliveredOnceOrRejectedWithAReason() {
        int failedBefore = get().poller().failedInvocations();
        List<String> requestIds = new ArrayList<>();
        for (String query : HostileQueries.all("hostile-user")) {
            HttpResponse<byte[]> response = SharedPipeline.pixel(query, SharedPipeline.allowedOrigin());
            assertThat(response.statusCode()).as("answer to " + abbreviate(query)).isEqualTo(200);
            assertThat(response.body()).hasSize(43);
            requestIds.add(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
        }

        await("every hostile hit delivered or rejected", Duration.ofSeconds(60),
                () -> requestIds.stream().allMatch(id -> !SharedPipeline.recorded(id).isEmpty() || reason(id) != null));
        for (String id : requestIds) {
            int recordings = SharedPipeline.recorded(id).size();
            String reason = reason(id);
            assertThat(recordings == 1 && reason == null || recordings == 0 && reason != null)
                    .as("hit %s: recorded %d times, rejected as %s", id, recordings, reason).isTrue();
            assertThat(reason).isNotEqualTo("null");
        }
        assertThat(get().poller().failedInvocations()).as("crashed batches").isEqualTo(failedBefore);
    }

    @Test
    void aUrlOverTenKilobytesIsRefusedByTheGatewayNotLost() {
        HttpResponse<byte[]> response = SharedPipeline.pixel("event=purchase&endpoint_id=u&evat_pad="
                + "x".repeat(10_300), SharedPipeline.allowedOrigin());
        assertThat(response.statusCode()).isEqualTo(414);
    }

    private static String reason(String requestId) {
        Map<String, SideQueueLog.Letter> byId = get().rejectedHits().stream()
                .filter(letter -> letter.requestId() != null)
                .collect(Collectors.toMap(SideQueueLog.Letter::requestId, Function.identity(), (a, b) -> a));
        SideQueueLog.Letter letter = byId.get(requestId);
        return letter == null ? null : String.valueOf(letter.reason());
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
