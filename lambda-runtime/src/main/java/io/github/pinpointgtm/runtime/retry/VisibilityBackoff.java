package io.github.pinpointgtm.runtime.retry;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * Postpones the next receive of messages to retry: sets each one's visibility on its source queue
 * ({@code ChangeMessageVisibilityBatch}, up to {@value #MAX_ENTRIES_PER_CALL} a call) to the {@link BackoffSchedule}'s
 * delay for its receive count, so a long outage costs few receives instead of one per visibility timeout.
 *
 * <p>The source queue's URL is asked of SQS ({@code GetQueueUrl} with the name and account of the record's
 * {@code eventSourceARN}) once per queue and instance, so it is right for any endpoint the SDK is configured with
 * (e.g. {@code AWS_ENDPOINT_URL_SQS}). A visibility that cannot be set (no time left, an SQS error) only means the
 * message comes back after the queue's visibility timeout: it is never a reason to treat the message otherwise.
 */
public final class VisibilityBackoff {

    /** SQS's entries per {@code ChangeMessageVisibilityBatch}. */
    public static final int MAX_ENTRIES_PER_CALL = 10;
    private static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(50);

    /**
     * One message to postpone.
     *
     * @param eventSourceArn the source queue's ARN ({@code arn:aws:sqs:<region>:<account>:<name>})
     * @param receiptHandle  the handle of this receive
     * @param receiveCount   its {@code ApproximateReceiveCount}
     */
    public record Postponement(String eventSourceArn, String receiptHandle, int receiveCount) {
    }

    private final SqsClient sqs;
    private final BackoffSchedule schedule;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    /**
     * @param sqs      the SQS client
     * @param schedule the delays
     */
    public VisibilityBackoff(SqsClient sqs, BackoffSchedule schedule) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * @param postponements the messages to postpone
     * @param deadline      when to stop calling SQS
     * @return for each postponement, in order, empty when its visibility was set, else why not
     */
    public List<String> postpone(List<Postponement> postponements, Deadline deadline) {
        String[] failures = new String[postponements.size()];
        Arrays.fill(failures, "");
        Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < postponements.size(); i++) {
            Postponement postponement = postponements.get(i);
            if (postponement.receiptHandle() == null || postponement.receiptHandle().isEmpty()) {
                failures[i] = "the record has no receipt handle";
            } else {
                byQueue.computeIfAbsent(String.valueOf(postponement.eventSourceArn()), arn -> new ArrayList<>()).add(i);
            }
        }
        byQueue.forEach((arn, indexes) -> postpone(arn, indexes, postponements, deadline, failures));
        return List.of(failures);
    }

    private void postpone(String arn, List<Integer> indexes, List<Postponement> postponements, Deadline deadline,
                          String[] failures) {
        String queueUrl;
        try {
            queueUrl = queueUrl(arn, deadline);
        } catch (IllegalArgumentException | SdkException e) {
            indexes.forEach(i -> failures[i] = "no queue URL for " + arn + ": " + e.getMessage());
            return;
        }
        for (int from = 0; from < indexes.size(); from += MAX_ENTRIES_PER_CALL) {
            List<Integer> call = indexes.subList(from, Math.min(indexes.size(), from + MAX_ENTRIES_PER_CALL));
            Duration budget = deadline.remaining();
            if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
                call.forEach(i -> failures[i] = "no time left to call SQS");
                continue;
            }
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(call.size());
            for (int k = 0; k < call.size(); k++) {
                Postponement postponement = postponements.get(call.get(k));
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id("m" + k)
                        .receiptHandle(postponement.receiptHandle())
                        .visibilityTimeout((int) schedule.delayAfter(postponement.receiveCount()).toSeconds())
                        .build());
            }
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(b -> b
                        .queueUrl(queueUrl)
                        .entries(entries)
                        .overrideConfiguration(o -> o.apiCallTimeout(budget)));
                for (BatchResultErrorEntry failed : response.failed()) {
                    failures[call.get(Integer.parseInt(failed.id().substring(1)))] =
                            failed.code() + ": " + failed.message();
                }
            } catch (SdkException e) {
                call.forEach(i -> failures[i] = e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /** @return the queue's URL, asked of SQS at the first use of each ARN */
    private String queueUrl(String arn, Deadline deadline) {
        String known = queueUrls.get(arn);
        if (known != null) {
            return known;
        }
        String[] parts = arn.split(":", -1);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an SQS queue ARN");
        }
        Duration budget = deadline.remaining();
        if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
            throw new IllegalArgumentException("no time left to call SQS");
        }
        String url = sqs.getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])
                .overrideConfiguration(o -> o.apiCallTimeout(budget))).queueUrl();
        queueUrls.put(arn, url);
        return url;
    }
}
