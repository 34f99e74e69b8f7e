package io.github.pinpointgtm.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.testkit.RecordingSqsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How postponements are grouped into calls and queues (SQS itself: {@code RetryBackoffEndToEndTest}). */
class VisibilityBackoffTest {

    private static final String MAIN = "arn:aws:sqs:eu-west-1:123456789012:main";
    private static final String OTHER = "arn:aws:sqs:eu-west-1:210987654321:other";

    private final RecordingSqsClient sqs = RecordingSqsClient.acceptingEverything();
    private final VisibilityBackoff backoff = new VisibilityBackoff(sqs, new BackoffSchedule(new SplittableRandom(3)));

    private static Deadline tenSeconds() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    @Test
    void postponesInCallsOfAtMostTenEntriesPerSourceQueue() {
        List<VisibilityBackoff.Postponement> postponements = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            postponements.add(new VisibilityBackoff.Postponement(i % 5 == 4 ? OTHER : MAIN, "handle-" + i, 1 + i % 3));
        }

        List<String> failures = backoff.postpone(postponements, tenSeconds());

        assertThat(failures).hasSize(25).containsOnly("");
        assertThat(sqs.visibilityCalls()).containsExactly(
                "https://sqs.eu-west-1.amazonaws.com/123456789012/main x10",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/main x10",
                "https://sqs.eu-west-1.amazonaws.com/210987654321/other x5");
        assertThat(sqs.visibilityChanges()).extracting(e -> e.receiptHandle()).hasSize(25).doesNotHaveDuplicates();
        sqs.visibilityChanges().forEach(entry -> {
            int receiveCount = 1 + Integer.parseInt(entry.receiptHandle().substring("handle-".length())) % 3;
            assertThat(entry.visibilityTimeout()).isBetween((int) BackoffSchedule.minimum(receiveCount).toSeconds(),
                    (int) BackoffSchedule.ceiling(receiveCount).toSeconds());
        });
    }

    @Test
    void asksForEachQueuesUrlOnce() {
        backoff.postpone(List.of(new VisibilityBackoff.Postponement(MAIN, "a", 1)), tenSeconds());
        backoff.postpone(List.of(new VisibilityBackoff.Postponement(MAIN, "b", 2),
                new VisibilityBackoff.Postponement(OTHER, "c", 1)), tenSeconds());

        assertThat(sqs.queueUrlLookups()).containsExactly("main", "other");
    }

    @Test
    void aRecordWithoutAReceiptHandleOrAnSqsArnIsNotPostponedAndSaysWhy() {
        List<String> failures = backoff.postpone(List.of(
                new VisibilityBackoff.Postponement(MAIN, null, 1),
                new VisibilityBackoff.Postponement("arn:aws:kinesis:eu-west-1:123456789012:stream/s", "x", 1),
                new VisibilityBackoff.Postponement(null, "y", 1),
                new VisibilityBackoff.Postponement(MAIN, "z", 1)), tenSeconds());

        assertThat(failures.get(0)).contains("no receipt handle");
        assertThat(failures.get(1)).contains("not an SQS queue ARN");
        assertThat(failures.get(2)).contains("not an SQS queue ARN");
        assertThat(failures.get(3)).isEmpty();
        assertThat(sqs.visibilityChanges()).extracting(e -> e.receiptHandle()).containsExactly("z");
    }

    @Test
    void withNoTimeLeftNothingIsCalledAndEveryMessageSaysSo() {
        List<String> failures = backoff.postpone(List.of(new VisibilityBackoff.Postponement(MAIN, "a", 1)),
                Deadline.after(Duration.ZERO));

        assertThat(failures).singleElement().asString().contains("no time left");
        assertThat(sqs.visibilityCalls()).isEmpty();
    }
}
