package io.github.pinpointgtm.runtime.priming;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.firehose.FirehoseDestination;
import io.github.pinpointgtm.runtime.delivery.kinesis.KinesisDestination;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/** The offline answers of Kinesis {@code PutRecords} and Firehose {@code PutRecordBatch}, read by the real clients. */
class RecordStreamOfflineAnswerTest {

    @Test
    void theKinesisAnswerSpeaksJsonToAClientWithCborSwitchedOff() {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        SnapStartPriming.Result result;
        try {
            result = PrimingFixture.priming(PrimingFixture.config(Map.of("DESTINATION_TYPE", "kinesis",
                    "KINESIS_STREAM_NAME", "gtm-customer-events"), "https://www.example.com"),
                    KinesisDestination.FACTORY, new StringBuilder()).prime();
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
    void theKinesisAnswerWritesEveryRecordOfTheRequest() {
        try (KinesisClient client = PrimingFixture.offlineClients(KinesisDestination.FACTORY.offlineAnswer())
                .configure(KinesisClient.builder())) {
            List<PutRecordsRequestEntry> entries = IntStream.range(0, 7).mapToObj(i -> PutRecordsRequestEntry.builder()
                    .data(SdkBytes.fromUtf8String("{\"n\":" + i + "}")).partitionKey("key-" + i).build()).toList();

            PutRecordsResponse response = client.putRecords(r -> r.streamName("gtm-customer-events").records(entries));

            assertThat(response.failedRecordCount()).isZero();
            assertThat(response.records()).hasSize(7).allSatisfy(entry -> {
                assertThat(entry.errorCode()).isNull();
                assertThat(entry.sequenceNumber()).matches("[1-9]\\d{0,128}");
                assertThat(entry.shardId()).isEqualTo("shardId-000000000000");
            });
            assertThat(response.records()).extracting(r -> r.sequenceNumber()).doesNotHaveDuplicates();
        }
    }

    @Test
    void theFirehoseAnswerAcceptsEveryRecordOfTheRequest() {
        try (FirehoseClient client = PrimingFixture.offlineClients(FirehoseDestination.FACTORY.offlineAnswer())
                .configure(FirehoseClient.builder())) {
            List<Record> records = IntStream.range(0, 7)
                    .mapToObj(i -> Record.builder().data(SdkBytes.fromUtf8String("{\"n\":" + i + "}\n")).build()).toList();

            PutRecordBatchResponse response = client.putRecordBatch(r -> r.deliveryStreamName("gtm-customer-events-to-s3")
                    .records(records));

            assertThat(response.failedPutCount()).isZero();
            assertThat(response.requestResponses()).hasSize(7).allSatisfy(entry -> {
                assertThat(entry.errorCode()).isNull();
                assertThat(entry.recordId()).isNotBlank();
            });
        }
    }
}
