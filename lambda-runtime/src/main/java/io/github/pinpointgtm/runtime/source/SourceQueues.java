package io.github.pinpointgtm.runtime.source;

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

/**
 * The queues the processor's messages come from, as seen from the processor: it knows each received message by its
 * queue's ARN ({@code eventSourceARN}) and receipt handle, and acts on messages with SQS's batch calls
 * ({@code ChangeMessageVisibilityBatch}, {@code DeleteMessageBatch}), which need the queue's URL and take at most
 * {@value #MAX_ENTRIES_PER_CALL} entries.
 *
 * <p>A queue's URL is asked of SQS ({@code GetQueueUrl} with the name and account of the ARN) once per queue and
 * instance, so it is right for any endpoint the SDK is configured with (e.g. {@code AWS_ENDPOINT_URL_SQS}).
 */
public final class SourceQueues {

    /** SQS's entries per batch call. */
    public static final int MAX_ENTRIES_PER_CALL = 10;
    /** Below this much time left, an SQS call is not started. */
    static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(50);

    /**
     * One received message.
     *
     * @param eventSourceArn its queue's ARN ({@code arn:aws:sqs:<region>:<account>:<name>})
     * @param receiptHandle  the handle of this receive
     */
    public record Receipt(String eventSourceArn, String receiptHandle) {
    }

    /** One batch call on one queue. */
    @FunctionalInterface
    public interface BatchCall {
        /**
         * @param queueUrl the queue's URL
         * @param entries  the positions (in the list given to {@link #inBatches}) of at most
         *                 {@value #MAX_ENTRIES_PER_CALL} receipts of that queue; entry {@code k} of the call has the
         *                 id {@code "m" + k}
         * @param budget   the time the call may take
         * @return the call's failed entries
         * @throws SdkException when the call fails as a whole
         */
        List<BatchResultErrorEntry> call(String queueUrl, List<Integer> entries, Duration budget);
    }

    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    /** @param sqs the SQS client */
    public SourceQueues(SqsClient sqs) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    /** @return the SQS client */
    public SqsClient client() {
        return sqs;
    }

    /**
     * Groups receipts by queue and makes one batch call per {@value #MAX_ENTRIES_PER_CALL} of them while time is left.
     *
     * @param receipts the messages
     * @param deadline when to stop calling SQS
     * @param call     the batch call
     * @return for each receipt, in order, empty when its entry succeeded, else why not
     */
    public List<String> inBatches(List<Receipt> receipts, Deadline deadline, BatchCall call) {
        String[] failures = new String[receipts.size()];
        Arrays.fill(failures, "");
        Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            if (receipt.receiptHandle() == null || receipt.receiptHandle().isEmpty()) {
                failures[i] = "the record has no receipt handle";
            } else {
                byQueue.computeIfAbsent(String.valueOf(receipt.eventSourceArn()), arn -> new ArrayList<>()).add(i);
            }
        }
        byQueue.forEach((arn, indexes) -> inBatches(arn, indexes, deadline, call, failures));
        return List.of(failures);
    }

    private void inBatches(String arn, List<Integer> indexes, Deadline deadline, BatchCall call, String[] failures) {
        String queueUrl;
        try {
            queueUrl = queueUrl(arn, deadline);
        } catch (IllegalArgumentException | SdkException e) {
            indexes.forEach(i -> failures[i] = "no queue URL for " + arn + ": " + e.getMessage());
            return;
        }
        for (int from = 0; from < indexes.size(); from += MAX_ENTRIES_PER_CALL) {
            List<Integer> entries = indexes.subList(from, Math.min(indexes.size(), from + MAX_ENTRIES_PER_CALL));
            Duration budget = deadline.remaining();
            if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
                entries.forEach(i -> failures[i] = "no time left to call SQS");
                continue;
            }
            try {
                for (BatchResultErrorEntry failed : call.call(queueUrl, entries, budget)) {
                    failures[entries.get(Integer.parseInt(failed.id().substring(1)))] =
                            failed.code() + ": " + failed.message();
                }
            } catch (SdkException e) {
                entries.forEach(i -> failures[i] = e.getClass().getSimpleName() + ": " + e.getMessage());
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
