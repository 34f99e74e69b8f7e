package io.github.pinpointgtm.examples.local;

import static io.github.pinpointgtm.examples.local.SharedPipeline.await;
import static io.github.pinpointgtm.examples.local.SharedPipeline.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import io.github.pinpointgtm.testkit.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity verification in the local pipeline: a key given as a system property (or a file) instead of Secrets
 * Manager; signed hits are recorded, forged and unsigned ones refused into the rejected queue, anonymous ids pass.
 */
class LocalIdentityTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(40);
    private static final String KEY = "local-signing-key-2f8e";
    private static LocalPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0)
                .withIdentity(LocalIdentity.fromProperties(Map.of(
                        LocalIdentity.KEY_PROPERTY, KEY,
                        LocalIdentity.ANONYMOUS_PREFIX_PROPERTY, "anon-")::get)));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    private static String origin() {
        return "http://127.0.0.1:" + pipeline.baseUrl().getPort();
    }

    private static String requestId(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    }

    private static Map<String, String> rejectedReasons() {
        Map<String, String> reasons = new HashMap<>();
        pipeline.rejectedHits().forEach(letter -> reasons.put(letter.requestId(), String.valueOf(letter.reason())));
        return reasons;
    }

    @Test
    void acceptsASignedHitAndAnAnonymousOneAndRefusesForgedAndUnsignedOnes() {
        String signed = requestId(pixel(pipeline, "event=purchase&endpoint_id=customer-1&endpoint_sig="
                + JavaSigningSnippet.sign(KEY, "customer-1"), origin()));
        String anonymous = requestId(pixel(pipeline, "event=page_view&endpoint_id=anon-9c1d", origin()));
        String forged = requestId(pixel(pipeline, "event=purchase&endpoint_id=customer-2&endpoint_sig="
                + JavaSigningSnippet.sign("guessed-key", "customer-2"), origin()));
        String unsigned = requestId(pixel(pipeline, "event=purchase&endpoint_id=customer-3", origin()));

        await("the signed and the anonymous hit's events", ARRIVAL, () -> pipeline.recordedEvents().stream()
                .map(RecordedEvent::eventId).toList().containsAll(List.of(signed, anonymous)));
        await("two rejected hits", ARRIVAL, () -> rejectedReasons().keySet().containsAll(List.of(forged, unsigned)));

        assertThat(rejectedReasons()).containsEntry(forged, "identity-unverified")
                .containsEntry(unsigned, "identity-unverified");
        assertThat(pipeline.deadLetters()).extracting(SideQueueLog.Letter::requestId)
                .doesNotContain(signed, anonymous, forged, unsigned);
        assertThat(pipeline.recordedEvents()).extracting(RecordedEvent::eventId).doesNotContain(forged, unsigned);
        assertThat(pipeline.recordedEvents()).filteredOn(event -> event.eventId().equals(signed))
                .singleElement().satisfies(event -> {
                    assertThat(event.endpointId()).isEqualTo("customer-1");
                    assertThat(event.attributes()).isEmpty();
                });
    }

    @Test
    void thePageSignsThroughTheLocalServerWhoseSignatureThePipelineAccepts() {
        HttpResponse<byte[]> feed = SharedPipeline.send(HttpRequest.newBuilder(pipeline.baseUrl().resolve(
                "/recorded.json")).build());
        assertThat(Json.parseObject(new String(feed.body(), StandardCharsets.UTF_8)).get("identity"))
                .as("what the page tells about verification").isEqualTo(Map.of("verifies", true, "anonymousPrefix", "anon-"));
        HttpResponse<byte[]> signed = sign("{\"endpoint_id\":\"customer-\u00e9 4\"}", origin());
        assertThat(signed.statusCode()).isEqualTo(200);
        Map<String, Object> answer = Json.parseObject(new String(signed.body(), StandardCharsets.UTF_8));
        String signature = JavaSigningSnippet.sign(KEY, "customer-\u00e9 4");
        assertThat(answer).containsEntry("endpointId", "customer-\u00e9 4").containsEntry("endpointSig", signature)
                .containsEntry("needsSignature", true);
        assertThat(new String(signed.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
        assertThat(Json.parseObject(new String(sign("{\"endpoint_id\":\"anon-1\"}", null).body(),
                StandardCharsets.UTF_8))).as("an id under the anonymous prefix, asked without an Origin (curl)")
                .containsEntry("needsSignature", false);

        String recorded = requestId(pixel(pipeline, "event=purchase&endpoint_id=customer-%C3%A9%204&endpoint_sig="
                + signature, origin()));
        await("the hit signed by the local server", ARRIVAL, () -> pipeline.recordedEvents().stream()
                .anyMatch(event -> event.eventId().equals(recorded) && event.endpointId().equals("customer-\u00e9 4")));
    }

    @Test
    void theLocalServerSignsForItsOwnPageOnlyAndSaysWhatIsWrong() {
        String body = "{\"endpoint_id\":\"customer-1\"}";
        assertThat(sign(body, "https://evil.example")).satisfies(answer -> {
            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("https://evil.example")
                    .doesNotContain("endpointSig");
        });
        assertThat(sign("{\"endpoint_id\":\"\"}", origin()).statusCode()).isEqualTo(400);
        assertThat(new String(sign("[1]", origin()).body(), StandardCharsets.UTF_8))
                .contains("endpoint_id is required");
        assertThat(SharedPipeline.send(HttpRequest.newBuilder(pipeline.baseUrl().resolve("/sign"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("endpoint_id=customer-1")).build()).statusCode())
                .as("a form post, which a foreign page could send without a preflight").isEqualTo(415);
        HttpResponse<byte[]> get = SharedPipeline.send(HttpRequest.newBuilder(pipeline.baseUrl().resolve("/sign"))
                .build());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    /** Asks the local server to sign, as the page does (a JSON post), with this Origin or none. */
    private static HttpResponse<byte[]> sign(String json, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(pipeline.baseUrl().resolve("/sign"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return SharedPipeline.send(request.build());
    }

    @Test
    void readsTheKeyFromAFileWithoutItsFinalLineBreak(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("identity.key");
        Files.writeString(file, KEY + "\n", StandardCharsets.UTF_8);

        LocalIdentity identity = LocalIdentity.fromProperties(Map.of(LocalIdentity.KEY_FILE_PROPERTY,
                file.toString())::get);

        assertThat(identity.key()).isEqualTo(KEY);
        assertThat(identity.anonymousPrefix()).isNull();
        assertThat(identity.toString()).doesNotContain(KEY);
    }

    @Test
    void isOffWithoutAKeyAndRefusesContradictoryProperties(@TempDir Path directory) throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.key"), "", StandardCharsets.UTF_8);

        assertThat(LocalIdentity.fromProperties(Map.<String, String>of()::get)).isNull();
        assertThatThrownBy(() -> LocalIdentity.fromProperties(Map.of(LocalIdentity.KEY_PROPERTY, KEY,
                LocalIdentity.KEY_FILE_PROPERTY, empty.toString())::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> LocalIdentity.fromProperties(Map.of(LocalIdentity.KEY_FILE_PROPERTY,
                empty.toString())::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identity.keyFile names an empty");
        assertThatThrownBy(() -> LocalIdentity.fromProperties(Map.of(LocalIdentity.ANONYMOUS_PREFIX_PROPERTY,
                "anon-")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("identity.anonymousPrefix needs");
    }
}
