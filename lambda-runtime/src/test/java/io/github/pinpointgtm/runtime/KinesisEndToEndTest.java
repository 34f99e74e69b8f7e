package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.SideQueues;
import java.util.Map;

/** {@code DESTINATION_TYPE=kinesis} end to end; see {@link RecordStreamEndToEndContract}. */
class KinesisEndToEndTest extends RecordStreamEndToEndContract {

    KinesisEndToEndTest() {
        super(LocalAws.Service.KINESIS, () -> KinesisStandIn.start(LocalAws.STREAM_NAME));
    }

    @Override
    Map<String, String> environment(SideQueues queues) {
        return LocalAws.kinesisEnvironment(queues);
    }

    @Override
    String throttledRecordCode() {
        return "ProvisionedThroughputExceededException";
    }

    @Override
    RequestFault invalidRequest() {
        return RequestFault.status(400, "ValidationException");
    }

    @Override
    String eventJson(ReceivedRecord record) {
        return record.text();
    }

    @Override
    void assertRecordFraming(ReceivedRecord record, Map<String, Object> event) {
        assertThat(record.partitionKey()).isEqualTo(event.get("endpointId"));
    }
}
