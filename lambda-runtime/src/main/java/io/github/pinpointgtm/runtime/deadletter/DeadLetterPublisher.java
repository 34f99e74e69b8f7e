package io.github.pinpointgtm.runtime.deadletter;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.Deadline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Hands messages that are not delivered to one queue with {@code SendMessageBatch}: the processor has one publisher
 * for the rejected queue (hits the policy refuses) and one for the dead-letter queue (valid events that could not be
 * delivered). Each message goes with its original body untouched and the message attributes {@code reason} (a
 * {@code RejectionReason} code) and {@code detail} (human-readable, at most {@value #MAX_DETAIL_LENGTH} characters). Each message's {@link HandOff} says whether SQS took it; one the queue did
 * not take (an entry error, an exception, no time left) must be retried by the caller, never dropped.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    /** Message attribute name of the rejection's {@code RejectionReason} code. */
    public static final String REASON_ATTRIBUTE = "reason";
    /** Message attribute name of the rejection's human-readable detail. */
    public static final String DETAIL_ATTRIBUTE = "detail";
    /** Longer details are cut: they explain, the body carries the data. */
    public static final int MAX_DETAIL_LENGTH = 1000;
    private static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(50);

    /** SQS is not the throttled party here; a few calls at once keep a large batch's hand-off short. */
    static final int DEFAULT_PARALLEL_CALLS = 4;
    /** How long past the deadline to wait for a call to notice its own timeout before giving up on it. */
    private static final Duration COLLECTION_GRACE = Duration.ofMillis(250);

    private final SqsClient sqs;
    private final String queueUrl;
    private final ExecutorService senders;

    /**
     * Creates a publisher for one queue.
     *
     * @param sqs      the SQS client
     * @param queueUrl the queue's URL (the rejected queue's or the dead-letter queue's)
     * @throws IllegalArgumentException when {@code queueUrl} is missing or blank
     */
    public DeadLetterPublisher(SqsClient sqs, String queueUrl) {
        this(sqs, queueUrl, DEFAULT_PARALLEL_CALLS);
    }

    DeadLetterPublisher(SqsClient sqs, String queueUrl, int parallelCalls) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException("the queue URL is required (" + ProcessorConfig.REJECTED_QUEUE_URL
                    + " or " + ProcessorConfig.DEAD_LETTER_QUEUE_URL + ")");
        }
        if (parallelCalls < 1) {
            throw new IllegalArgumentException("parallelCalls must be at least 1, was " + parallelCalls);
        }
        this.queueUrl = queueUrl;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(parallelCalls, runnable -> {
            Thread thread = new Thread(runnable, "sqs-hand-off-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends the letters, up to {@value #DEFAULT_PARALLEL_CALLS} calls at once. A call still unanswered shortly after
     * the deadline counts as failed (SQS may still store it: the message is then retried and handed off again
     * later, a duplicate rather than a loss).
     *
     * @param letters  the messages to hand to the queue
     * @param deadline when to stop calling SQS; letters not sent by then are reported as not taken
     * @return one hand-off per letter, in order
     */
    public List<HandOff> publish(List<DeadLetter> letters, Deadline deadline) {
        HandOff[] handOffs = new HandOff[letters.size()];
        List<List<Integer>> calls = plan(letters);
        List<Future<List<HandOff>>> pending = new ArrayList<>(calls.size());
        for (List<Integer> call : calls) {
            pending.add(senders.submit(() -> send(letters, call, deadline)));
        }
        Deadline collectBy = deadline.plus(COLLECTION_GRACE);
        for (int c = 0; c < calls.size(); c++) {
            List<Integer> call = calls.get(c);
            List<HandOff> callHandOffs = collect(pending.get(c), call.size(), collectBy);
            for (int k = 0; k < call.size(); k++) {
                handOffs[call.get(k)] = callHandOffs.get(k);
            }
        }
        return Collections.unmodifiableList(Arrays.asList(handOffs));
    }

    private static List<HandOff> collect(Future<List<HandOff>> future, int size, Deadline collectBy) {
        try {
            return future.get(collectBy.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            return Collections.nCopies(size, HandOff.failed("SQS did not answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Collections.nCopies(size, HandOff.failed("interrupted"));
        } catch (ExecutionException e) {
            return Collections.nCopies(size, HandOff.failed(String.valueOf(e.getCause())));
        }
    }

    /** @return the hand-offs of one call's letters, in the call's order */
    private List<HandOff> send(List<DeadLetter> letters, List<Integer> call, Deadline deadline) {
        Duration budget = deadline.remaining();
        if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
            return Collections.nCopies(call.size(), HandOff.failed("no time left to call SQS"));
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(call.size());
        for (int k = 0; k < call.size(); k++) {
            entries.add(entry(entryId(k), letters.get(call.get(k))));
        }
        HandOff[] handOffs = new HandOff[call.size()];
        Arrays.fill(handOffs, HandOff.failed("SQS did not report this entry"));
        try {
            SendMessageBatchResponse response = sqs.sendMessageBatch(SendMessageBatchRequest.builder()
                    .queueUrl(queueUrl)
                    .entries(entries)
                    .overrideConfiguration(o -> o.apiCallTimeout(budget))
                    .build());
            response.successful().forEach(ok -> handOffs[indexOf(ok.id())] = HandOff.ACCEPTED);
            for (BatchResultErrorEntry failed : response.failed()) {
                handOffs[indexOf(failed.id())] = HandOff.failed(failed.code() + ": " + failed.message());
            }
        } catch (SdkException e) {
            Arrays.fill(handOffs, HandOff.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return Arrays.asList(handOffs);
    }

    /** Groups letters into calls within SQS's limits ({@link SendMessageBatchPlan}). */
    static List<List<Integer>> plan(List<DeadLetter> letters) {
        return SendMessageBatchPlan.plan(letters.size(), i -> payloadBytes(letters.get(i)));
    }

    /** @return what SQS counts toward the size limit: body, attribute names, types and values */
    static long payloadBytes(DeadLetter letter) {
        return utf8Length(letter.body())
                + REASON_ATTRIBUTE.length() + "String".length() + utf8Length(letter.rejection().reason().code())
                + DETAIL_ATTRIBUTE.length() + "String".length() + utf8Length(detail(letter));
    }

    private static SendMessageBatchRequestEntry entry(String id, DeadLetter letter) {
        return SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(letter.body())
                .messageAttributes(Map.of(
                        REASON_ATTRIBUTE, stringAttribute(letter.rejection().reason().code()),
                        DETAIL_ATTRIBUTE, stringAttribute(detail(letter))))
                .build();
    }

    /**
     * @return the rejection's detail, cut to {@link #MAX_DETAIL_LENGTH} characters, with characters SQS refuses in
     *         messages (outside XML's character range) replaced; never empty (SQS refuses empty attribute values)
     */
    static String detail(DeadLetter letter) {
        String detail = letter.rejection().detail();
        if (detail.isEmpty()) {
            return letter.rejection().reason().code();
        }
        StringBuilder sanitized = new StringBuilder(detail.length());
        detail.codePoints().forEach(cp -> sanitized.appendCodePoint(allowedBySqs(cp) ? cp : 0xFFFD));
        if (sanitized.length() <= MAX_DETAIL_LENGTH) {
            return sanitized.toString();
        }
        int cut = MAX_DETAIL_LENGTH - 1; // room for the ellipsis
        if (Character.isHighSurrogate(sanitized.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return sanitized.substring(0, cut) + '\u2026';
    }

    private static boolean allowedBySqs(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static long utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Stops the sender threads (tests and local runs; a Lambda instance simply ends). */
    @Override
    public void close() {
        senders.shutdownNow();
    }

    private static String entryId(int index) {
        return "m" + index;
    }

    private static int indexOf(String entryId) {
        return Integer.parseInt(entryId.substring(1));
    }
}
