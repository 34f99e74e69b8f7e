package io.github.pinpointgtm.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void countsDownOnTheGivenClock() {
        Deadline deadline = Deadline.after(Duration.ofMillis(500), nanos::get);

        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(300));
        assertThat(deadline.hasLessThan(Duration.ofMillis(301))).isTrue();
        assertThat(deadline.hasLessThan(Duration.ofMillis(300))).isFalse();

        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        assertThat(deadline.remaining()).isZero();
    }

    @Test
    void anEarlierDeadlineIsNeverBeforeNow() {
        Deadline deadline = Deadline.after(Duration.ofMillis(500), nanos::get);

        assertThat(deadline.minus(Duration.ofMillis(200)).remaining()).isEqualTo(Duration.ofMillis(300));
        assertThat(deadline.minus(Duration.ofSeconds(2)).remaining()).isZero();
        assertThat(Deadline.after(Duration.ofMillis(-5), nanos::get).remaining()).isZero();
    }

    @Test
    void aLaterDeadlineCountsDownOnTheSameClock() {
        Deadline later = Deadline.after(Duration.ofMillis(500), nanos::get).plus(Duration.ofMillis(250));

        assertThat(later.remaining()).isEqualTo(Duration.ofMillis(750));
        nanos.addAndGet(Duration.ofMillis(700).toNanos());
        assertThat(later.remaining()).isEqualTo(Duration.ofMillis(50));
        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        assertThat(later.remaining()).isZero();
    }

    @Test
    void aDeadlineNeedsItsClock() {
        assertThatNullPointerException().isThrownBy(() -> new Deadline(0, null)).withMessage("nanoClock");
    }
}
