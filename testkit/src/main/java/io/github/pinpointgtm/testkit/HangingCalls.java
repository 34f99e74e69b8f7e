package io.github.pinpointgtm.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls that hang, deaf to interrupts and timeouts, until {@link #close()} releases them: a fake client's method calls
 * {@link #hang()}. Whether any call returned before the release shows whether the code under test waited for them,
 * without measuring time. A call hangs at most {@link #LAST_RESORT} should a broken test never release it.
 */
public final class HangingCalls implements AutoCloseable {

    /** How long a call hangs at most, so a test that waits for it fails instead of hanging forever. */
    public static final Duration LAST_RESORT = Duration.ofSeconds(30);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger returned = new AtomicInteger();

    /** Hangs until released (or {@link #LAST_RESORT} has passed), ignoring interrupts. */
    public void hang() {
        started.incrementAndGet();
        long until = System.nanoTime() + LAST_RESORT.toNanos();
        boolean released = false;
        while (!released && System.nanoTime() < until) {
            try {
                released = release.await(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ignored) {
                // deaf to interrupts: keep hanging
            }
        }
        returned.incrementAndGet();
    }

    /** @return how many calls began hanging */
    public int started() {
        return started.get();
    }

    /** @return how many calls have returned */
    public int returned() {
        return returned.get();
    }

    /** Releases every call, hanging or still to come. */
    @Override
    public void close() {
        release.countDown();
    }
}
