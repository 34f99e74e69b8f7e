package io.github.pinpointgtm.runtime.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What every destination does alike with its API calls: runs them on a bounded pool of daemon threads, waits for
 * each by one collection deadline, and reads the client-side ways a call can fail (timeout, abort, network, a bug)
 * as retryable outcomes. How a service's own error answers are read stays with each destination.
 */
public final class DestinationCalls {

    /** How long past the deadline to wait for a call to notice its own timeout before giving up on it. */
    static final Duration COLLECTION_GRACE = Duration.ofMillis(250);

    private DestinationCalls() {
    }

    /**
     * @param threadPrefix the threads' name prefix, e.g. {@code kinesis-sender}
     * @param concurrency  how many calls may be in flight at once, at least 1
     * @return a pool of that many daemon threads (a Lambda instance ends without shutting it down)
     * @throws IllegalArgumentException if {@code concurrency} is below 1
     */
    public static ExecutorService senders(String threadPrefix, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, threadPrefix.toLowerCase(Locale.ROOT) + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param deadline the calls' deadline
     * @return one deadline by which to collect all calls (a little after {@code deadline}), so waiting on many late
     *         calls cannot add up past it
     */
    public static Deadline collectionDeadline(Deadline deadline) {
        return deadline.plus(COLLECTION_GRACE);
    }

    /**
     * Waits for one call's outcomes until {@code collectBy}; a call still running then is cancelled.
     *
     * @param future    the call
     * @param events    how many events it carries
     * @param collectBy when to give up waiting
     * @param callName  the call's name in details, e.g. {@code PutEvents} ("the PutEvents call did not finish in time")
     * @return its outcomes, or one retryable outcome per event when it did not finish, was interrupted or failed
     */
    public static List<DeliveryOutcome> collect(Future<List<DeliveryOutcome>> future, int events, Deadline collectBy,
                                                String callName) {
        try {
            return future.get(collectBy.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            future.cancel(true);
            return Collections.nCopies(events, new DeliveryOutcome.Retryable("deadline-exceeded",
                    "the " + callName + " call did not finish in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return Collections.nCopies(events, new DeliveryOutcome.Retryable("interrupted", "delivery was interrupted"));
        } catch (ExecutionException e) {
            return Collections.nCopies(events, new DeliveryOutcome.Retryable("unexpected-error",
                    String.valueOf(e.getCause())));
        }
    }

    /**
     * Tells the observer which events an accepted request delivered ({@link DeliveryObserver#eventsDelivered}), if any.
     *
     * @param items     the request's items (records, events)
     * @param outcomes  their outcomes, in order
     * @param positions an item's positions in the list given to {@link EventDestination#deliver}
     * @param observer  the observer
     * @param <T>       an item of a request
     */
    public static <T> void reportDelivered(List<T> items, List<DeliveryOutcome> outcomes,
                                           Function<T, List<Integer>> positions, DeliveryObserver observer) {
        List<Integer> delivered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (outcomes.get(i) instanceof DeliveryOutcome.Delivered) {
                delivered.addAll(positions.apply(items.get(i)));
            }
        }
        if (!delivered.isEmpty()) {
            observer.eventsDelivered(List.copyOf(delivered));
        }
    }

    /**
     * A call that failed on the client's side, not with a service's answer.
     *
     * @param result  the short code for {@link DeliveryObserver#requestCompleted}: {@code timeout}, {@code aborted},
     *                {@code network-error} or {@code unexpected-error}
     * @param outcome what it means for each of the call's events: retryable
     */
    public record ClientFailure(String result, DeliveryOutcome.Retryable outcome) {

        /**
         * @param e        what the call threw, other than an {@code AwsServiceException}
         * @param callName the call's name in details, e.g. {@code PutEvents}
         * @return its reading: the SDK's call timeouts are {@code timeout}, an abort (the deadline's interrupt) is
         *         {@code deadline-exceeded}, other client exceptions (connection refused, reset) are
         *         {@code network-error}, anything else {@code unexpected-error}
         */
        public static ClientFailure of(RuntimeException e, String callName) {
            if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
                return new ClientFailure("timeout", new DeliveryOutcome.Retryable("timeout", e.getMessage()));
            }
            if (e instanceof AbortedException) {
                return new ClientFailure("aborted", new DeliveryOutcome.Retryable("deadline-exceeded",
                        "the " + callName + " call was aborted"));
            }
            if (e instanceof SdkClientException) {
                return new ClientFailure("network-error", new DeliveryOutcome.Retryable("network-error",
                        e.getMessage()));
            }
            return new ClientFailure("unexpected-error", new DeliveryOutcome.Retryable("unexpected-error",
                    e.toString()));
        }
    }
}
