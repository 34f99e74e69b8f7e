package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.firehose.FirehoseDestinationFactory;
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
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

class FirehoseSnapStartPrimingTest {

    private static final String STREAM = "gtm-customer-events-to-s3";
    private final StringBuilder output = new StringBuilder();

    private SnapStartPriming priming() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(Map.of(
                "DESTINATION_TYPE", "firehose",
                "FIREHOSE_DELIVERY_STREAM_NAME", STREAM,
                "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
                "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
                "ALLOWED_ORIGINS", "https://www.example.com"));
        return new SnapStartPriming(new HitReader(config)::read, new FirehoseDestinationFactory(), config,
                Region.EU_WEST_1, new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
    }

    @Test
    void runsTheSampleHitThroughASignedPutRecordBatchRoundTripWithoutNetwork() {
        SnapStartPriming.Result result = priming().prime();

        assertThat(result.sampleAccepted()).isTrue();
        assertThat(result.delivery()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.offlineRequests()).singleElement().satisfies(request -> {
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.encodedPath()).isIn("", "/");
            assertThat(request.firstMatchingHeader("X-Amz-Target")).hasValue("Firehose_20150804.PutRecordBatch");
            assertThat(request.firstMatchingHeader("Content-Type")).hasValue("application/x-amz-json-1.1");
            assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(authorization -> assertThat(
                    authorization).matches("AWS4-HMAC-SHA256 Credential=priming/\\d{8}/eu-west-1/firehose/aws4_request, .*"));
        });
        assertThat(output.toString()).isEmpty();
    }

    @Test
    void theOfflineAnswerAcceptsEveryRecordOfTheRequest() {
        OfflineHttpClient http = new OfflineHttpClient(new FirehoseDestinationFactory().offlineAnswer());
        try (FirehoseClient client = FirehoseClient.builder()
                .region(Region.EU_WEST_1)
                .httpClient(http)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            List<Record> records = IntStream.range(0, 7)
                    .mapToObj(i -> Record.builder().data(SdkBytes.fromUtf8String("{\"n\":" + i + "}\n")).build()).toList();

            PutRecordBatchResponse response = client.putRecordBatch(r -> r.deliveryStreamName(STREAM).records(records));

            assertThat(response.failedPutCount()).isZero();
            assertThat(response.requestResponses()).hasSize(7).allSatisfy(entry -> {
                assertThat(entry.errorCode()).isNull();
                assertThat(entry.recordId()).isNotBlank();
            });
        }
    }
}
