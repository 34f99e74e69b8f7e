package io.github.pinpointgtm.examples.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Calls the processor the way Lambda's SQS event source mapping does: long-polls the queue, gathers up to the batch
 * size within the batching window, invokes the handler with an {@link SQSEvent}, then deletes the messages the
 * partial batch response does not name. Nothing is deleted when the handler throws, when its response names a
 * message that is not in the batch (Lambda then fails the whole batch), or when the invocation "crashes": those
 * messages reappear after the visibility timeout, and after maxReceiveCount receives SQS (ElasticMQ) moves them to the
 * dead-letter queue.
 */
public final class EventSourcePoller implements AutoCloseable {

    /** Settings of the event source mapping and the function. */
    public record Settings(int batchSize, Duration batchingWindow, boolean reportBatchItemFailures,
                           Duration functionTimeout, int concurrency) {
        public Settings {
            if (batchSize < 1 || concurrency < 1) {
                throw new IllegalArgumentException("batchSize and concurrency must be positive");
            }
            Objects.requireNonNull(batchingWindow, "batchingWindow");
            Objects.requireNonNull(functionTimeout, "functionTimeout");
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Settings settings;
    private final IntPredicate crashInvocation;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger crashedInvocations = new AtomicInteger();
    private final AtomicInteger failedInvocations = new AtomicInteger();
    private final AtomicInteger highestReceiveCount = new AtomicInteger();
    private volatile boolean running = true;

    /**
     * @param crashInvocation given the 1-based invocation number, true to simulate a crash of that invocation: the
     *                        handler keeps running on its own thread (as far as a killed sandbox got), but its
     *                        response is never read and no message of its batch is deleted
     */
    public EventSourcePoller(SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler,
            Settings settings, IntPredicate crashInvocation) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.crashInvocation = Objects.requireNonNull(crashInvocation, "crashInvocation");
    }

    /** Starts {@code concurrency} pollers (Lambda scales its pollers; a fixed number is enough locally). */
    public EventSourcePoller start() {
        for (int i = 0; i < settings.concurrency(); i++) {
            Thread worker = new Thread(this::pollUntilClosed, "event-source-poller-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        return this;
    }

    public int invocations() {
        return invocations.get();
    }

    public int crashedInvocations() {
        return crashedInvocations.get();
    }

    /** @return the highest {@code ApproximateReceiveCount} of a message handed to the processor so far */
    public int highestReceiveCount() {
        return highestReceiveCount.get();
    }

    /** Invocations that threw or answered a response Lambda would not accept (their whole batch is retried). */
    public int failedInvocations() {
        return failedInvocations.get();
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<Message> batch = gatherBatch();
                if (!batch.isEmpty()) {
                    invoke(batch);
                }
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("event source poller: " + e);
                    pause(Duration.ofMillis(200));
                }
            }
        }
    }

    private List<Message> gatherBatch() {
        List<Message> batch = new ArrayList<>();
        long windowEnds = Long.MAX_VALUE;
        while (running && batch.size() < settings.batchSize()) {
            long remainingMillis = windowEnds == Long.MAX_VALUE ? 1000 : (windowEnds - System.nanoTime()) / 1_000_000;
            if (!batch.isEmpty() && remainingMillis <= 0) {
                break;
            }
            int wait = (int) Math.min(1, Math.max(0, (remainingMillis + 999) / 1000));
            int wanted = Math.min(10, settings.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (received.isEmpty() && batch.isEmpty()) {
                return batch; // nothing queued: poll again (lets close() stop the loop)
            }
            if (batch.isEmpty() && !received.isEmpty()) {
                windowEnds = System.nanoTime() + settings.batchingWindow().toNanos();
            }
            batch.addAll(received);
            if (settings.batchingWindow().isZero()) {
                break;
            }
        }
        return batch;
    }

    private void invoke(List<Message> batch) {
        int number = invocations.incrementAndGet();
        SQSEvent event = toEvent(batch);
        if (crashInvocation.test(number)) {
            crashedInvocations.incrementAndGet();
            Thread zombie = new Thread(() -> callQuietly(event), "crashed-invocation-" + number);
            zombie.setDaemon(true);
            zombie.start();
            return;
        }
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event, new LocalLambdaContext(settings.functionTimeout()));
        } catch (RuntimeException | Error e) {
            failedInvocations.incrementAndGet();
            System.err.println("processor invocation failed, the whole batch will be retried: " + e);
            return;
        }
        Set<String> retry = itemsToRetry(batch, response);
        if (retry == null) {
            failedInvocations.incrementAndGet();
            return;
        }
        delete(batch.stream().filter(message -> !retry.contains(message.messageId())).toList());
    }

    /** @return the message ids to leave in the queue, or null when Lambda would fail the whole batch */
    private Set<String> itemsToRetry(List<Message> batch, SQSBatchResponse response) {
        Set<String> inBatch = new HashSet<>();
        batch.forEach(message -> inBatch.add(message.messageId()));
        if (!settings.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return Set.of(); // Lambda reads a null or empty response as complete success
        }
        Set<String> retry = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || !inBatch.contains(id)) {
                System.err.println("partial batch response names '" + id + "', not in the batch: whole batch fails");
                return null;
            }
            retry.add(id);
        }
        return retry;
    }

    private void callQuietly(SQSEvent event) {
        try {
            handler.handleRequest(event, new LocalLambdaContext(settings.functionTimeout()));
        } catch (RuntimeException | Error ignored) {
            // A crashed invocation's outcome is never read.
        }
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : messages.subList(from, Math.min(messages.size(), from + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + entries.size())
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
            String receives = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString());
            if (receives != null) {
                highestReceiveCount.accumulateAndGet(Integer.parseInt(receives), Math::max);
            }
            record.setAttributes(attributes);
            record.setMessageAttributes(Map.of());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
