package io.github.pinpointgtm.examples.local;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Compressed time for the local pipeline: {@code factor} seconds of simulated time pass in one second of wall-clock
 * time. The processor's code is unchanged; the local pipeline divides the durations that stand for waiting (the
 * visibility timeouts the processor sets, the batching window, an outage's length) and leaves those that stand for
 * work (the function timeout, the processor's SDK timeouts) in real time.
 *
 * <p>SQS counts visibility timeouts in whole seconds, so a scaled timeout is rounded: down or up at random, up with a
 * probability equal to the fraction dropped, which keeps every timeout's expected value exact (rounding to the nearest
 * second would turn every timeout below half a second into none, always up would lengthen them all).
 *
 * @param factor simulated seconds per wall-clock second, at least 1 (1: real time)
 */
public record TimeScale(int factor) {

    /** Real time. */
    public static final TimeScale REAL_TIME = new TimeScale(1);

    public TimeScale {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, was " + factor);
        }
    }

    /** @return how long {@code simulated} lasts on the wall clock */
    public Duration toWallClock(Duration simulated) {
        return simulated.dividedBy(factor);
    }

    /** @return how much simulated time {@code wallClock} stands for */
    public Duration toSimulated(Duration wallClock) {
        return wallClock.multipliedBy(factor);
    }

    /**
     * @param simulatedSeconds a visibility timeout in simulated seconds, not negative
     * @param random           decides the rounding
     * @return the wall-clock timeout in whole seconds: {@code simulatedSeconds / factor} rounded down or up, up with a
     *         probability equal to the fraction
     */
    public int visibilitySeconds(long simulatedSeconds, RandomGenerator random) {
        if (simulatedSeconds < 0) {
            throw new IllegalArgumentException("simulatedSeconds must not be negative, was " + simulatedSeconds);
        }
        long whole = simulatedSeconds / factor;
        long remainder = simulatedSeconds % factor;
        return Math.toIntExact(whole + (random.nextLong(factor) < remainder ? 1 : 0));
    }
}
