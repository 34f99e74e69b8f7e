package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.SideQueues;
import java.util.Map;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.KinesisStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;

/** {@code DESTINATION_TYPE=kinesis} end to end; see {@link RecordStreamEndToEndContract}. */
class KinesisEndToEndTest extends RecordStreamEndToEndContract {

    KinesisEndToEndTest() {
        super(LocalAws.Service.KINESIS, () -> KinesisStandIn.start(LocalAws.STREAM_NAME), new RecordStream(
                LocalAws::kinesisEnvironment, "ProvisionedThroughputExceededException",
                RequestFault.status(400, "ValidationException"), ReceivedRecord::text,
                // Each record is keyed by its endpoint.
                (record, event) -> assertThat(record.partitionKey()).isEqualTo(event.get("endpointId"))));
    }
}
