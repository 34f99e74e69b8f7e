package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.deadletter.HandOff;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointDestination;
import io.github.pinpointgtm.runtime.delivery.pinpoint.PinpointOfflineAnswer;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class SnapStartPrimingTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";
    private final StringBuilder output = new StringBuilder();

    private static ProcessorConfig config(String allowedOrigins) {
        return PrimingFixture.config(Map.of("PINPOINT_APPLICATION_ID", APP_ID), allowedOrigins);
    }

    private SnapStartPriming priming(String allowedOrigins) {
        return PrimingFixture.priming(config(allowedOrigins), PinpointDestination.FACTORY, output);
    }

    @Test
    void handsASampleLetterToEachSideQueueThroughTheRealSqsClientAndWarmsTlsWithoutNetwork() {
        SnapStartPriming.Result result = priming("https://www.example.com").prime();

        assertThat(result.sideQueueHandOffs()).extracting(HandOff::accepted).containsExactly(true, true);
        assertThat(result.sideQueueRequests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.firstMatchingHeader("X-Amz-Target")).contains("AmazonSQS.SendMessageBatch");
            assertThat(request.getUri().getHost()).isEqualTo("sqs.eu-west-1.amazonaws.com");
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization ->
                    assertThat(authorization).contains("Credential=priming/"));
        });
        assertThat(result.tlsClientHello()).isPositive();
    }

    @Test
    void readsTheSampleOftenEnoughForTheJitToCompileTheReadPath() {
        HitReader reader = new HitReader(config("https://www.example.com"));
        List<String> read = new ArrayList<>();
        SnapStartPriming priming = new SnapStartPriming(body -> {
            read.add(body);
            return reader.read(body);
        }, PinpointDestination.FACTORY, config("https://www.example.com"), Region.EU_WEST_1,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        priming.prime();

        assertThat(read).hasSize(SnapStartPriming.SAMPLE_READS).containsOnly(SnapStartPriming.SAMPLE_ENVELOPE);
        // C1 compiles a method after about 200 calls: each method of the read path must run well past that
        assertThat(SnapStartPriming.SAMPLE_READS).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void readsTheWholeSampleAndDeliversItWhateverTheDeploymentsAllowedOrigins() {
        SnapStartPriming priming = priming("https://shop.example.org");

        SnapStartPriming.Result result = priming.prime();

        assertThat(result.sample().attributes()).containsEntry("page", "/checkout");
        assertThat(result.sample().metrics()).containsEntry("value", 9.5);
        assertThat(result.sample().sessionId()).isEqualTo("priming-session");
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
    }

    @Test
    void thePrimingReaderAcceptsTheSampleTheProcessorsReaderRejects() {
        ProcessorConfig deployment = PrimingFixture.config(Map.of("PINPOINT_APPLICATION_ID", APP_ID,
                "ALLOWED_EVENT_TYPES", "page_view",
                "IDENTITY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-key-AbCdEf"),
                "https://shop.example.org");

        assertThat(new HitReader(deployment).read(SnapStartPriming.SAMPLE_ENVELOPE)).isInstanceOfSatisfying(
                HitOutcome.Rejected.class, rejected ->
                        assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.ORIGIN_NOT_ALLOWED));
        assertThat(PrimingReader.forSample(deployment).read(SnapStartPriming.SAMPLE_ENVELOPE))
                .isInstanceOfSatisfying(HitOutcome.Accepted.class, accepted ->
                        assertThat(accepted.event().endpointId()).isEqualTo("priming-endpoint"));
    }

    @Test
    void primesWithIdentityVerificationRequiredWithoutReadingTheIdentityKey() {
        ProcessorConfig deployment = PrimingFixture.config(Map.of("PINPOINT_APPLICATION_ID", APP_ID,
                "IDENTITY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-key-AbCdEf"),
                "https://shop.example.org");

        SnapStartPriming.Result result = PrimingFixture.priming(deployment, PinpointDestination.FACTORY, output)
                .prime();

        assertThat(result.sample().endpointId()).isEqualTo("priming-endpoint");
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        // Only the destination's request: no call for the identity key.
        assertThat(result.offlineRequests()).singleElement().satisfies(request ->
                assertThat(request.getUri().getHost()).startsWith("pinpoint."));
    }

    @Test
    void aRejectedSampleIsReportedInsteadOfPrimingWithoutTheReadPath() {
        HitReader deploymentReader = new HitReader(config("https://shop.example.org"));
        SnapStartPriming priming = new SnapStartPriming(deploymentReader::read, PinpointDestination.FACTORY,
                config("https://shop.example.org"), Region.EU_WEST_1,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        priming.beforeCheckpoint(null);

        assertThat(output.toString()).contains("SnapStart priming").contains("rejected the sample envelope")
                .contains("origin-not-allowed");
    }

    @Test
    void aPrimingFailureIsLoggedAndNeverFailsTheCheckpoint() {
        SnapStartPriming priming = new SnapStartPriming(body -> {
            throw new IllegalStateException("broken reader");
        }, PinpointDestination.FACTORY, config("*"), Region.EU_WEST_1,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertThat(output.toString()).contains("SnapStart priming").contains("broken reader");
    }

    @Test
    void theSampleEnvelopeIsValid() {
        HitOutcome outcome = new HitReader(config("*")).read(SnapStartPriming.SAMPLE_ENVELOPE);

        assertThat(outcome).isInstanceOfSatisfying(HitOutcome.Accepted.class, accepted -> {
            assertThat(accepted.event().eventType()).isEqualTo("priming");
            assertThat(accepted.event().attributes()).containsEntry("page", "/checkout");
            assertThat(accepted.event().sessionId()).isEqualTo("priming-session");
        });
    }

    @Test
    void theOfflineClientAcceptsEveryEventOfTheRequest() {
        String request = "{\"BatchItem\":{\"e1\":{\"Endpoint\":{\"User\":{\"UserAttributes\":{\"a\":[\"b\"]}}},"
                + "\"Events\":{\"r1\":{\"EventType\":\"x\",\"Attributes\":{\"k\":\"v\"}},\"r2\":{\"EventType\":\"y\"}}},"
                + "\"e2\":{\"Endpoint\":{},\"Events\":{\"r3\":{\"EventType\":\"z\"}}}}}";

        assertThat(PinpointOfflineAnswer.acceptEverything(request.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                "{\"Results\":{"
                        + "\"e1\":{\"EndpointItemResponse\":{\"StatusCode\":202,\"Message\":\"Accepted\"},\"EventsItemResponse\":{"
                        + "\"r1\":{\"StatusCode\":202,\"Message\":\"Accepted\"},\"r2\":{\"StatusCode\":202,\"Message\":\"Accepted\"}}},"
                        + "\"e2\":{\"EndpointItemResponse\":{\"StatusCode\":202,\"Message\":\"Accepted\"},\"EventsItemResponse\":{"
                        + "\"r3\":{\"StatusCode\":202,\"Message\":\"Accepted\"}}}}}");
    }
}
