package io.github.pinpointgtm.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.deadletter.SendMessageBatchPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class QueueReplayCallsTest {

    @Test
    void atMostTenEntriesPerCall() {
        List<List<Message>> calls = QueueReplay.calls(messages(23, 100));

        assertThat(calls).extracting(List::size).containsExactly(10, 10, 3);
    }

    @Test
    void atMostTheBatchPayloadPerCallAndALargeMessageAlone() {
        int quarter = (int) (SendMessageBatchPlan.MAX_BYTES_PER_CALL / 4);
        List<Message> messages = new ArrayList<>(messages(5, quarter));
        messages.add(2, message("é".repeat(quarter * 2))); // two UTF-8 bytes per character: twice the payload

        List<List<Message>> calls = QueueReplay.calls(messages);

        assertThat(calls).extracting(List::size).containsExactly(2, 1, 3);
        assertThat(calls.get(1).get(0)).isSameAs(messages.get(2));
    }

    @Test
    void noMessagesNoCalls() {
        assertThat(QueueReplay.calls(List.of())).isEmpty();
    }

    private static List<Message> messages(int count, int bodyBytes) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message("x".repeat(bodyBytes)));
        }
        return messages;
    }

    private static Message message(String body) {
        return Message.builder().messageId("id-" + body.length()).body(body).build();
    }
}
