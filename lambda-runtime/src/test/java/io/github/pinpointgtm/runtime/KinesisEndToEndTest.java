package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.KinesisStandIn;
import io.github.pinpointgtm.runtime.testsupport.LocalAws;
import io.github.pinpointgtm.runtime.testsupport.RecordStreamStandIn.ReceivedRecord;

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
