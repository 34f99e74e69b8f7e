package io.github.pinpointgtm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import io.github.pinpointgtm.testkit.SideQueues;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.FirehoseStandIn;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.RecordStreamStandIn.ReceivedRecord;
import java.util.Map;

/** {@code DESTINATION_TYPE=firehose} end to end; see {@link RecordStreamEndToEndContract}. */
class FirehoseEndToEndTest extends RecordStreamEndToEndContract {

    FirehoseEndToEndTest() {
        super(LocalAws.Service.FIREHOSE, () -> FirehoseStandIn.start(LocalAws.DELIVERY_STREAM_NAME), new RecordStream(
                LocalAws::firehoseEnvironment, "ServiceUnavailableException",
                RequestFault.status(400, "InvalidArgumentException"), FirehoseEndToEndTest::withoutNewline,
                FirehoseEndToEndTest::assertOneLine));
    }

    private static String withoutNewline(ReceivedRecord record) {
        String text = record.text();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Each record is the event JSON and one newline, at its end. */
    private static void assertOneLine(ReceivedRecord record, Map<String, Object> event) {
        String text = record.text();
        assertThat(text).endsWith("\n");
        assertThat(text.indexOf('\n')).isEqualTo(text.length() - 1);
    }
}
