package io.github.pinpointgtm.runtime.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A point in time by which work must be finished, measured on a monotonic clock. The processor derives its
 * deadlines from the Lambda's remaining time, so a slow destination can never make the function time out
 * (a timed-out invocation would retry the whole batch, delivered messages included).
 *
 * @param deadlineNanos the deadline, as a reading of {@code nanoClock}
 * @param nanoClock     the monotonic clock in nanoseconds it is measured on, such as {@link System#nanoTime()}
 */
public record Deadline(long deadlineNanos, LongSupplier nanoClock) {

    /**
     * @param deadlineNanos the deadline, as a reading of {@code nanoClock}
     * @param nanoClock     the monotonic clock in nanoseconds it is measured on, such as {@link System#nanoTime()}
     * @throws NullPointerException when {@code nanoClock} is null
     */
    public Deadline {
        Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * @param budget the time from now; a negative one counts as zero
     * @return a deadline {@code budget} from now on {@link System#nanoTime()}
     */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    /**
     * @param budget    the time from now; a negative one counts as zero
     * @param nanoClock a monotonic clock in nanoseconds, such as {@link System#nanoTime()}
     * @return a deadline {@code budget} from now on the given monotonic nanosecond clock
     */
    public static Deadline after(Duration budget, LongSupplier nanoClock) {
        if (budget.isNegative()) {
            budget = Duration.ZERO;
        }
        return new Deadline(nanoClock.getAsLong() + budget.toNanos(), nanoClock);
    }

    /**
     * @param margin how much earlier
     * @return a deadline {@code margin} earlier than this one (never earlier than now)
     */
    public Deadline minus(Duration margin) {
        long now = nanoClock.getAsLong();
        return new Deadline(Math.max(now, deadlineNanos - margin.toNanos()), nanoClock);
    }

    /**
     * @param extra how much later
     * @return a deadline {@code extra} later than this one, on the same clock
     */
    public Deadline plus(Duration extra) {
        return new Deadline(deadlineNanos + extra.toNanos(), nanoClock);
    }

    /** @return the time left, zero when the deadline has passed */
    public Duration remaining() {
        long left = deadlineNanos - nanoClock.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /**
     * @param minimum the time needed
     * @return whether less than {@code minimum} is left
     */
    public boolean hasLessThan(Duration minimum) {
        return remaining().compareTo(minimum) < 0;
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining().toMillis() + "ms]";
    }
}
