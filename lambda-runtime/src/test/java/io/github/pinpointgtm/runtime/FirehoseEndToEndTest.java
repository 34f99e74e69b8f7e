package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.SideQueues;
import java.util.Map;

/** {@code DESTINATION_TYPE=firehose} end to end; see {@link RecordStreamEndToEndContract}. */
class FirehoseEndToEndTest extends RecordStreamEndToEndContract {

    FirehoseEndToEndTest() {
        super(LocalAws.Service.FIREHOSE, () -> FirehoseStandIn.start(LocalAws.DELIVERY_STREAM_NAME));
    }

    @Override
    Map<String, String> environment(SideQueues queues) {
        return LocalAws.firehoseEnvironment(queues);
    }

    @Override
    String throttledRecordCode() {
        return "ServiceUnavailableException";
    }

    @Override
    RequestFault invalidRequest() {
        return RequestFault.status(400, "InvalidArgumentException");
    }

    @Override
    String eventJson(ReceivedRecord record) {
        String text = record.text();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    void assertRecordFraming(ReceivedRecord record, Map<String, Object> event) {
        String text = record.text();
        assertThat(text).endsWith("\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    }
}
