package io.github.pinpointgtm.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffScheduleTest {

    @ParameterizedTest
    @CsvSource({"1, 30", "2, 60", "3, 120", "4, 240", "5, 480", "6, 960", "7, 1920", "8, 3600", "9, 3600",
            "50, 3600", "1000, 3600", "2147483647, 3600"})
    void theCeilingDoublesFromTheBaseUpToTheCap(int receiveCount, long seconds) {
        assertThat(BackoffSchedule.ceiling(receiveCount)).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(BackoffSchedule.minimum(receiveCount)).isEqualTo(Duration.ofSeconds(seconds / 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void aReceiveCountBelowOneIsABug(int receiveCount) {
        assertThatThrownBy(() -> BackoffSchedule.ceiling(receiveCount))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receiveCount");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8, 40})
    void everyDelayLiesBetweenTheMinimumAndTheCeilingAndReachesBothEnds(int receiveCount) {
        BackoffSchedule schedule = new BackoffSchedule(new SplittableRandom(20261205L + receiveCount));
        long minimum = BackoffSchedule.minimum(receiveCount).toSeconds();
        long ceiling = BackoffSchedule.ceiling(receiveCount).toSeconds();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int draw = 0; draw < 20_000; draw++) {
            long delay = schedule.delayAfter(receiveCount).toSeconds();
            assertThat(delay).isBetween(minimum, ceiling);
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }
        assertThat(lowest).isEqualTo(minimum);
        assertThat(highest).isEqualTo(ceiling);
    }

    @Test
    void theDelayIsAPureFunctionOfTheReceiveCountAndTheRandomSource() {
        BackoffSchedule first = new BackoffSchedule(new SplittableRandom(42));
        BackoffSchedule second = new BackoffSchedule(new SplittableRandom(42));
        for (int receiveCount = 1; receiveCount <= 30; receiveCount++) {
            assertThat(first.delayAfter(receiveCount)).isEqualTo(second.delayAfter(receiveCount));
        }
    }

    @Test
    void theJitterComesFromTheGivenSource() {
        RandomGenerator lowest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return 0;
            }
        };
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        assertThat(new BackoffSchedule(lowest).delayAfter(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(new BackoffSchedule(highest).delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void noDelayExceedsWhatSqsAllowsForAVisibilityTimeout() {
        assertThat(BackoffSchedule.CAP).isLessThanOrEqualTo(Duration.ofHours(12));
    }
}
