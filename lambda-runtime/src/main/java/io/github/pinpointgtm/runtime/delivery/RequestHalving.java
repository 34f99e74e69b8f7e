package io.github.pinpointgtm.runtime.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a destination does when the service refuses a whole request as invalid or too large (HTTP 400 or 413): it
 * cannot tell which record is at fault, so it sends the halves of the request, and halves of the halves, until the
 * records it refuses stand alone; a record refused alone is rejected, and its neighbours are delivered.
 *
 * <p>Systemic refusals: when a request's first half is refused with the same error all the way down (its own halves
 * both refused alike, down to single records) and its second half is refused with that error too, the fault is not in
 * the records but in the deployment or the service (an event bus the service no longer accepts, a quota, a changed
 * API). Then every record of the request is kept for retry ({@code destination-misconfigured}) and the error is
 * reported to {@link DeliveryObserver#configurationError}, instead of dead-lettering every record one by one. Such a
 * refusal costs about {@code 2 log2(n)} requests for {@code n} records; one bad record among good ones is isolated in
 * about {@code 2 log2(n)} requests as well, and still rejected. Two records refused alike that end up as the two halves
 * of one split look systemic too and are retried (they are dead-lettered as {@code retries-exhausted} if that never
 * passes).
 */
public final class RequestHalving {

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
        /** Checks the components. */
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

    /** The outcomes of some items, and the error every one of them was refused with, alike, if so. */
    private record Result(List<DeliveryOutcome> outcomes, String refusedAlike) {
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
        return resolve(items, sendOnce.apply(items), sendOnce, observer).outcomes();
    }

    private static <T> Result resolve(List<T> items, Answer answer, Function<List<T>, Answer> sendOnce,
                                      DeliveryObserver observer) {
        if (answer instanceof Answered answered) {
            if (answered.outcomes().size() != items.size()) {
                throw new IllegalStateException("the answer has " + answered.outcomes().size() + " outcomes for "
                        + items.size() + " items");
            }
            return new Result(answered.outcomes(), null);
        }
        if (answer instanceof Failed failed) {
            return new Result(Collections.nCopies(items.size(), failed.outcome()), null);
        }
        Refused refused = (Refused) answer;
        if (items.size() == 1) {
            return new Result(List.of(refused.singleItemOutcome()), refused.error());
        }
        int middle = items.size() / 2;
        List<T> first = items.subList(0, middle);
        List<T> second = items.subList(middle, items.size());
        Result left = resolve(first, sendOnce.apply(first), sendOnce, observer);
        Answer secondAnswer = sendOnce.apply(second);
        if (refused.error().equals(left.refusedAlike()) && secondAnswer instanceof Refused secondRefused
                && refused.error().equals(secondRefused.error())) {
            String detail = "every part of the request was refused alike: " + refused.detail();
            observer.configurationError(refused.statusCode(), detail);
            return new Result(Collections.nCopies(items.size(),
                    new DeliveryOutcome.Retryable("destination-misconfigured", detail)), refused.error());
        }
        Result right = resolve(second, secondAnswer, sendOnce, observer);
        List<DeliveryOutcome> outcomes = new ArrayList<>(items.size());
        outcomes.addAll(left.outcomes());
        outcomes.addAll(right.outcomes());
        return new Result(outcomes, null);
    }
}
