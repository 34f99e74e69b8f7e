package io.github.pinpointgtm.runtime;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Splits an invocation's remaining time: delivery must stop early enough to leave time for handing refusals to the
 * rejected queue and the dead-letter queue, and everything must be done before Lambda's own timeout with a safety
 * margin (a timed-out invocation retries the whole batch, delivered messages included).
 *
 * <ul>
 *   <li>safety margin before the timeout: 10% of the remaining time, between 200 ms and 2 s;</li>
 *   <li>reserve for that hand-off: 15% of the remaining time, between 200 ms and 3 s.</li>
 * </ul>
 *
 * @param deliveryDeadline when destination calls must be finished
 * @param finishDeadline   when the hand-off to those queues must be finished
 */
record InvocationBudget(Deadline deliveryDeadline, Deadline finishDeadline) {

    static final Duration MIN_SAFETY_MARGIN = Duration.ofMillis(200);
    static final Duration MAX_SAFETY_MARGIN = Duration.ofSeconds(2);
    static final Duration MIN_DEAD_LETTER_RESERVE = Duration.ofMillis(200);
    static final Duration MAX_DEAD_LETTER_RESERVE = Duration.ofSeconds(3);

    static InvocationBudget fromRemaining(Duration remaining) {
        return fromRemaining(remaining, System::nanoTime);
    }

    static InvocationBudget fromRemaining(Duration remaining, LongSupplier nanoClock) {
        Duration safetyMargin = clamp(remaining.dividedBy(10), MIN_SAFETY_MARGIN, MAX_SAFETY_MARGIN);
        Duration deadLetterReserve = clamp(remaining.multipliedBy(15).dividedBy(100), MIN_DEAD_LETTER_RESERVE,
                MAX_DEAD_LETTER_RESERVE);
        Deadline finish = Deadline.after(remaining.minus(safetyMargin), nanoClock);
        return new InvocationBudget(finish.minus(deadLetterReserve), finish);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }
}
