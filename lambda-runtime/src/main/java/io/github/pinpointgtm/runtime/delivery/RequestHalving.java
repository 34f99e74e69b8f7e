package io.github.pinpointgtm.runtime.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a destination does when the service refuses a whole request as invalid or too large (HTTP 400 or 413): it
 * cannot tell which record is at fault, so it sends the halves of the request, and halves of the halves, until the
 * records it refuses stand alone; a record refused alone is rejected, and its neighbours are delivered.
 *
 * <p>Systemic refusals: a request of at least {@value #SYSTEMIC_MINIMUM} records whose two halves are each refused
 * with the request's error all the way down to single records is refused for a reason outside the records (an event
 * bus the service no longer accepts, a quota, a changed API). Then every record of the request is kept for retry
 * ({@code destination-misconfigured}) and the error is reported to {@link DeliveryObserver#configurationError},
 * instead of dead-lettering every record one by one. "All the way down" is probed along each half's first halves
 * until at most 3 records are left, and then each of those records alone: every probed part and every probed record
 * must be refused with the same error, so the verdict rests on at least 2 single records from each half. Such a refusal
 * costs about {@code 2 log2(n) + 5} requests for {@code n} records. As soon as one probe is accepted or answered
 * otherwise, the request is halved as usual, reusing the answers the probes already got (an accepted probe delivered
 * its records once).
 *
 * <p>Below {@value #SYSTEMIC_MINIMUM} records, a few records refused alike are as well explained by a few bad records,
 * so each record refused alone is rejected. Bad records standing exactly where the probes look (the first two or three
 * of each half) among good ones elsewhere still look systemic: they are retried, and dead-lettered as
 * {@code retries-exhausted} if that never passes; their good neighbours are delivered on a later receive.
 */
public final class RequestHalving {

    /**
     * The fewest records a request must hold for its refusal to count as systemic: two halves of at least two records
     * each, every one of them refused alone.
     */
    public static final int SYSTEMIC_MINIMUM = 4;

    /** Parts of at most this many records are probed record by record. */
    private static final int PROBED_ONE_BY_ONE = 3;

    /** The answer to one request, as the halving needs it. */
    public sealed interface Answer permits Answered, Refused, Failed {
    }

    /**
     * The service answered for each item.
     *
     * @param outcomes one outcome per item, in order
     */
    public record Answered(List<DeliveryOutcome> outcomes) implements Answer {
    }

    /**
     * The service refused the whole request as invalid or too large.
     *
     * @param error              the error, as compared between the halves (e.g. {@code 400 ValidationException})
     * @param statusCode         its HTTP status
     * @param detail             what the service said
     * @param singleItemOutcome  the outcome when the request held a single item: rejected
     */
    public record Refused(String error, int statusCode, String detail, DeliveryOutcome.Rejected singleItemOutcome)
            implements Answer {
        /**
         * Checks the components.
         *
         * @param error             the error, as compared between the halves
         * @param statusCode        its HTTP status
         * @param detail            what the service said
         * @param singleItemOutcome the outcome when the request held a single item
         */
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(singleItemOutcome, "singleItemOutcome");
        }
    }

    /**
     * The whole request failed otherwise (throttling, 5xx, timeout, misconfiguration, no time left).
     *
     * @param outcome every item's outcome
     */
    public record Failed(DeliveryOutcome outcome) implements Answer {
    }

    private RequestHalving() {
    }

    /**
     * Sends a request and, when it is refused as a whole, its halves.
     *
     * @param items    the request's items
     * @param sendOnce sends one request of the given items
     * @param observer told about systemic refusals
     * @param <T>      an item of a request
     * @return one outcome per item, in order
     */
    public static <T> List<DeliveryOutcome> send(List<T> items, Function<List<T>, Answer> sendOnce,
                                                 DeliveryObserver observer) {
        Halving<T> halving = new Halving<>(items, sendOnce);
        int size = items.size();
        if (size >= SYSTEMIC_MINIMUM && halving.answer(0, size) instanceof Refused refused
                && halving.refusedAllTheWayDown(0, size / 2, refused.error())
                && halving.refusedAllTheWayDown(size / 2, size, refused.error())) {
            String detail = "every part of the request was refused alike: " + refused.detail();
            observer.configurationError(refused.statusCode(), detail);
            return Collections.nCopies(size, new DeliveryOutcome.Retryable("destination-misconfigured", detail));
        }
        return halving.resolve(0, size);
    }

    /**
     * The answers to one request and to its parts, each part (a range of the request's items) sent at most once.
     *
     * @param <T> an item of a request
     */
    private static final class Halving<T> {
        private final List<T> items;
        private final Function<List<T>, Answer> sendOnce;
        private final Map<Long, Answer> answers = new HashMap<>();

        Halving(List<T> items, Function<List<T>, Answer> sendOnce) {
            this.items = items;
            this.sendOnce = sendOnce;
        }

        /** @return the answer to the items {@code [from, to)}, sending them if not sent yet */
        Answer answer(int from, int to) {
            return answers.computeIfAbsent(((long) from << 32) | to, key -> sendOnce.apply(items.subList(from, to)));
        }

        /**
         * @return whether the items {@code [from, to)} and their first halves down to at most 3 items, then each of
         *         those items alone, are all refused with {@code error}
         */
        boolean refusedAllTheWayDown(int from, int to, String error) {
            if (!(answer(from, to) instanceof Refused refused && refused.error().equals(error))) {
                return false;
            }
            if (to - from > PROBED_ONE_BY_ONE) {
                return refusedAllTheWayDown(from, from + (to - from) / 2, error);
            }
            for (int i = from; i < to && to - from > 1; i++) {
                if (!refusedAllTheWayDown(i, i + 1, error)) {
                    return false;
                }
            }
            return true;
        }

        /** @return one outcome per item of {@code [from, to)}: halving what is refused down to single items */
        List<DeliveryOutcome> resolve(int from, int to) {
            Answer answer = answer(from, to);
            int size = to - from;
            if (answer instanceof Answered answered) {
                if (answered.outcomes().size() != size) {
                    throw new IllegalStateException("the answer has " + answered.outcomes().size() + " outcomes for "
                            + size + " items");
                }
                return answered.outcomes();
            }
            if (answer instanceof Failed failed) {
                return Collections.nCopies(size, failed.outcome());
            }
            Refused refused = (Refused) answer;
            if (size == 1) {
                return List.of(refused.singleItemOutcome());
            }
            int middle = from + size / 2;
            List<DeliveryOutcome> outcomes = new ArrayList<>(size);
            outcomes.addAll(resolve(from, middle));
            outcomes.addAll(resolve(middle, to));
            return outcomes;
        }
    }
}
