package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeScaleTest {

    @Test
    void dividesWaitingAndMultipliesBack() {
        TimeScale scale = new TimeScale(60);

        assertThat(scale.toWallClock(Duration.ofHours(20))).isEqualTo(Duration.ofMinutes(20));
        assertThat(scale.toSimulated(Duration.ofSeconds(90))).isEqualTo(Duration.ofMinutes(90));
        assertThat(TimeScale.REAL_TIME.toWallClock(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void wholeMultiplesOfTheFactorAreExact() {
        TimeScale scale = new TimeScale(60);
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < 1_000; i++) {
            assertThat(scale.visibilitySeconds(3_600, random)).isEqualTo(60);
            assertThat(scale.visibilitySeconds(0, random)).isZero();
        }
        assertThat(TimeScale.REAL_TIME.visibilitySeconds(37, random)).isEqualTo(37);
    }

    @Test
    void aFractionRoundsDownOrUpKeepingTheExpectedValue() {
        TimeScale scale = new TimeScale(60);
        SplittableRandom random = new SplittableRandom(42);
        int draws = 100_000;
        long sum = 0;
        for (int i = 0; i < draws; i++) {
            int seconds = scale.visibilitySeconds(15, random); // a quarter of a second
            assertThat(seconds).isBetween(0, 1);
            sum += seconds;
        }

        // Nearest would give 0 every time, always up 1: the mean is the quarter.
        assertThat((double) sum / draws).isBetween(0.24, 0.26);
        for (int i = 0; i < 1_000; i++) {
            assertThat(scale.visibilitySeconds(1_830, random)).isBetween(30, 31);
        }
    }

    @Test
    void refusesAFactorBelowOneAndNegativeTimeouts() {
        assertThatThrownBy(() -> new TimeScale(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new TimeScale(60).visibilitySeconds(-1, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulatedSeconds");
    }
}
