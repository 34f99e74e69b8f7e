package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.kinesis.KinesisDestinationFactory;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

class KinesisSnapStartPrimingTest {

    private static final String STREAM = "gtm-customer-events";
    private final StringBuilder output = new StringBuilder();

    private static ProcessorConfig config() {
        return ProcessorConfig.fromEnvironment(Map.of(
                "DESTINATION_TYPE", "kinesis",
                "KINESIS_STREAM_NAME", STREAM,
                "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
                "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
                "ALLOWED_ORIGINS", "https://www.example.com"));
    }

    private SnapStartPriming priming() {
        ProcessorConfig config = config();
        return new SnapStartPriming(new HitReader(config)::read, new KinesisDestinationFactory(), config,
                Region.EU_WEST_1, new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
    }

    @Test
    void runsTheSampleHitThroughASignedCborPutRecordsRoundTripWithoutNetwork() {
        SnapStartPriming.Result result = priming().prime();

        assertThat(result.sampleAccepted()).isTrue();
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.encodedPath()).isIn("", "/");
            assertThat(request.firstMatchingHeader("X-Amz-Target")).hasValue("Kinesis_20131202.PutRecords");
            assertThat(request.firstMatchingHeader("Content-Type")).hasValue("application/x-amz-cbor-1.1");
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                    authorization).matches("AWS4-HMAC-SHA256 Credential=priming/\\d{8}/eu-west-1/kinesis/aws4_request, .*"));
        });
        assertThat(output.toString()).isEmpty();
    }

    @Test
    void theOfflineAnswerSpeaksJsonToAClientWithCborSwitchedOff() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        SnapStartPriming.Result result;
        try {
            result = priming().prime();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }

        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> assertThat(
                request.firstMatchingHeader("Content-Type")).hasValue("application/x-amz-json-1.1"));
    }

    @Test
    void theOfflineAnswerWritesEveryRecordOfTheRequest() {
        OfflineHttpClient http = new OfflineHttpClient(new KinesisDestinationFactory().offlineAnswer());
        try (KinesisClient client = KinesisClient.builder()
                .region(Region.EU_WEST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 7).mapToObj(i -> PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromUtf8String("{\"n\":" + i + "}")).partitionKey("key-" + i).build()).toList();

            PutRecordsResponse response = client.putRecords(r -> r.streamName(STREAM).records(entries));

            assertThat(response.failedRecordCount()).isZero();
            assertThat(response.records()).hasSize(7).allSatisfy(entry -> {
                assertThat(entry.errorCode()).isNull();
                assertThat(entry.sequenceNumber()).matches("[1-9]\\d{0,128}");
                assertThat(entry.shardId()).isEqualTo("shardId-000000000000");
            });
            assertThat(response.records()).extracting(r -> r.sequenceNumber()).doesNotHaveDuplicates();
        }
    }
}
