package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.SharedPipeline.await;
import static io.github.pinpointgtm.examples.local.SharedPipeline.get;
import static io.github.pinpointgtm.examples.local.SharedPipeline.pixel;
import static io.github.pinpointgtm.examples.local.SharedPipeline.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hits over HTTP through the local pipeline: gateway, queue, poller, the real processor, stand-in and DLQ. */
class LocalPipelineTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(40);

    @Test
    void readsTheSettingsFromTheSynthesizedTemplate() {
        SynthesizedConnector synthesized = get().synthesized();
        assertThat(synthesized.getRequestTemplates())
                .containsKeys("application/json", "text/plain", "application/x-www-form-urlencoded");
        assertThat(synthesized.getRequestTemplates().get("application/json")).contains("Action=SendMessage&MessageBody=");
        assertThat(synthesized.batchSize()).isEqualTo(100);
        assertThat(synthesized.maxBatchingWindowSeconds()).isEqualTo(5);
        assertThat(synthesized.maxReceiveCount()).isEqualTo(55); // derived from the default 24-hour outage tolerance
        assertThat(synthesized.reportBatchItemFailures()).isTrue();
        assertThat(synthesized.visibilityTimeoutSeconds())
                .isEqualTo(6 * synthesized.functionTimeoutSeconds() + synthesized.maxBatchingWindowSeconds());
        assertThat(get().processorEnvironment()).containsEntry("DESTINATION_TYPE", "pinpoint")
                .containsEntry("ALLOWED_ORIGINS", "http://localhost:" + get().baseUrl().getPort() + ",http://127.0.0.1:"
                        + get().baseUrl().getPort())
                .containsEntry("MAX_RECEIVE_COUNT", "55")
                .containsEntry("DEAD_LETTER_QUEUE_URL", get().queues().deadLetterQueueUrl())
                .containsEntry("REJECTED_QUEUE_URL", get().queues().rejectedQueueUrl());
    }

    @Test
    void aPixelHitAnswersTheGifAndIsRecordedOnce() {
        HttpResponse<byte[]> response = pixel("event=purchase&endpoint_id=user-1&evat_plan=pro%20plus"
                + "&evmt_price=19.5&gtmcb=123456", SharedPipeline.allowedOrigin());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.body()).hasSize(43);
        assertThat(new String(response.body(), 0, 6, StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SharedPipeline.allowedOrigin());
        assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();

        await("the pixel hit's event", ARRIVAL, () -> !SharedPipeline.recorded(requestId).isEmpty());
        RecordedEvent event = SharedPipeline.recorded(requestId).get(0);
        assertThat(event.endpointId()).isEqualTo("user-1");
        assertThat(event.eventType()).isEqualTo("purchase");
        assertThat(event.attributes()).containsEntry("plan", "pro plus").doesNotContainKey("gtmcb");
        assertThat(event.metrics()).containsEntry("price", 19.5);
        assertThat(SharedPipeline.recorded(requestId)).hasSize(1);
    }

    @Test
    void aBeaconPostIsAcceptedAndRecorded() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(get().eventsUrl())
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("Origin", SharedPipeline.allowedOrigin())
                .header("User-Agent", "Mozilla/5.0 (local pipeline test)")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"event\":\"signup\",\"endpoint_id\":\"user-2\",\"evat_source\":\"beacon\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(202);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"accepted\":true,\"requestId\":\"");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(body).contains(requestId);

        await("the beacon's event", ARRIVAL, () -> !SharedPipeline.recorded(requestId).isEmpty());
        RecordedEvent event = SharedPipeline.recorded(requestId).get(0);
        assertThat(event.eventType()).isEqualTo("signup");
        assertThat(event.endpointId()).isEqualTo("user-2");
        assertThat(event.attributes()).containsEntry("source", "beacon");
    }

    @Test
    void aFormBeaconIsRecordedAndAForeignSitesFormPostIsRejected() {
        String form = "event=add_to_cart&endpoint_id=user-6&evat_product=Cr%C3%A8me+br%C3%BBl%C3%A9e&evat_sku=A%26B";
        HttpResponse<byte[]> response = send(formPost(form, SharedPipeline.allowedOrigin()));
        HttpResponse<byte[]> foreign = send(formPost("event=add_to_cart&endpoint_id=user-7",
                SharedPipeline.OTHER_ORIGIN));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SharedPipeline.allowedOrigin());
        assertThat(foreign.statusCode()).isEqualTo(202);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        String foreignOrigin = foreign.headers().firstValue("x-amzn-RequestId").orElseThrow();
        await("the form beacon's event", ARRIVAL, () -> !SharedPipeline.recorded(requestId).isEmpty());
        RecordedEvent event = SharedPipeline.recorded(requestId).get(0);
        assertThat(event.eventType()).isEqualTo("add_to_cart");
        assertThat(event.endpointId()).isEqualTo("user-6");
        assertThat(event.attributes()).containsEntry("product", "Crème brûlée").containsEntry("sku", "A&B");
        await("the foreign form post", ARRIVAL, () -> reasons(get().rejectedHits()).containsKey(foreignOrigin));
        assertThat(reasons(get().rejectedHits())).containsEntry(foreignOrigin, "origin-not-allowed");
    }

    /** What sendBeacon(url, new URLSearchParams(...)) sends from a page of {@code origin}. */
    private static HttpRequest formPost(String form, String origin) {
        return HttpRequest.newBuilder(get().eventsUrl())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Origin", origin)
                .header("User-Agent", "Mozilla/5.0 (local pipeline test)")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    @Test
    void thePreflightAnswersWithTheSynthesizedCorsHeaders() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(get().eventsUrl())
                .header("Origin", SharedPipeline.allowedOrigin())
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,POST,OPTIONS");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SharedPipeline.allowedOrigin());
    }

    @Test
    void badHitsStillGetTheGifAndReachTheRejectedQueueWithAReasonNotTheDeadLetterQueue() {
        String noEventType = requestId(pixel("endpoint_id=user-3", SharedPipeline.allowedOrigin()));
        HttpResponse<byte[]> foreign = pixel("event=purchase&endpoint_id=user-4", SharedPipeline.OTHER_ORIGIN);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        String foreignOrigin = requestId(foreign);
        String noOrigin = requestId(pixel("event=purchase&endpoint_id=user-5", null));

        await("three rejected hits", ARRIVAL, () -> reasons(get().rejectedHits()).keySet().containsAll(
                List.of(noEventType, foreignOrigin, noOrigin)));
        assertThat(reasons(get().rejectedHits())).containsEntry(noEventType, "missing-event-type")
                .containsEntry(foreignOrigin, "origin-not-allowed")
                .containsEntry(noOrigin, "origin-missing");
        assertThat(get().rejectedHits()).filteredOn(letter -> letter.requestId().equals(foreignOrigin))
                .extracting(SideQueueLog.Letter::detail).singleElement().asString().contains("origin");
        assertThat(reasons(get().deadLetters())).doesNotContainKeys(noEventType, foreignOrigin, noOrigin);
        assertThat(get().recordedEvents()).extracting(RecordedEvent::eventId)
                .doesNotContain(noEventType, foreignOrigin, noOrigin);
    }

    @Test
    void aContentTypeWithoutATemplateIsRefusedLikeApiGatewayDoes() {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(get().eventsUrl())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<hit/>"))
                .build());
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void otherPathsAndMethodsGetMissingAuthenticationToken() {
        assertThat(send(HttpRequest.newBuilder(get().baseUrl().resolve("/nothing")).build()).statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(get().eventsUrl()).DELETE().build()).statusCode()).isEqualTo(403);
    }

    @Test
    void thePageAndItsFeedAreServed() {
        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(get().baseUrl().resolve("/")).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("new Image()").contains("sendBeacon");
        HttpResponse<byte[]> feed = send(HttpRequest.newBuilder(URI.create(get().baseUrl() + "/recorded.json")).build());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(new String(feed.body(), StandardCharsets.UTF_8)).contains("\"events\":[").contains("\"rejected\":[")
                .contains("\"deadLetters\":[");
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) Json.parseObject(new String(feed.body(), StandardCharsets.UTF_8))
                .get("identity");
        assertThat(identity.get("verifies")).as("without an identity key the page offers no signing").isEqualTo(false);
        assertThat(identity).containsEntry("anonymousPrefix", null);
    }

    @Test
    void withoutAnIdentityKeyTheLocalServerSignsNothing() {
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(get().baseUrl().resolve("/sign"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"endpoint_id\":\"customer-1\"}")).build());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("identity verification is off")
                .contains(LocalIdentity.KEY_PROPERTY).doesNotContain("endpointSig");
    }

    private static String requestId(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    }

    private static Map<String, String> reasons(List<SideQueueLog.Letter> letters) {
        Map<String, String> reasons = new java.util.HashMap<>();
        letters.forEach(letter -> reasons.put(letter.requestId(), String.valueOf(letter.reason())));
        return reasons;
    }
}
