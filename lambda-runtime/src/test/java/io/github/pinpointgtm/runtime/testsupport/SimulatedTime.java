package io.github.pinpointgtm.runtime.testsupport;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic clock that moves only when in-call retries pause: retries and deadlines behave as in production, and no
 * test waits for real.
 */
public final class SimulatedTime {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    /** @return a deadline {@code budget} from now on this clock */
    public Deadline deadline(Duration budget) {
        return Deadline.after(budget, nanos::get);
    }

    /** @return in-call retries with seeded jitter whose pauses advance this clock */
    public InCallRetries retries(long seed) {
        // java.util.Random: destinations pause on several threads at once.
        return new InCallRetries(new Random(seed), pause -> {
            pauses.add(pause);
            nanos.addAndGet(pause.toNanos());
        });
    }

    /** @return every pause so far, in order */
    public List<Duration> pauses() {
        return List.copyOf(pauses);
    }

    /** @return the time passed */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get());
    }
}
