package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.retry.BackoffSchedule;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The derivation of {@code maxReceiveCount} and the main queue's retention from the processor's backoff. */
class RetryScheduleTest {

    /** The defaults: a 30 s processor timeout and a 5 s batching window. */
    private static final RetrySchedule DEFAULTS = new RetrySchedule(30, 5);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 20, 21, 22, 100, 1000})
    void theDelaysAreTheProcessorsOwn(int receiveCount) {
        assertThat(RetrySchedule.ceilingSeconds(receiveCount))
                .isEqualTo(BackoffSchedule.ceiling(receiveCount).toSeconds());
        assertThat(RetrySchedule.minimumSeconds(receiveCount))
                .isEqualTo(BackoffSchedule.minimum(receiveCount).toSeconds());
    }

    @Test
    void theProcessorsDrawnDelaysNeverFallShortOfTheToleranceTheDerivationPromises() {
        int maxReceiveCount = RetrySchedule.maxReceiveCountFor(86_400);
        long tolerance = 86_400;
        SplittableRandom seeds = new SplittableRandom(20261205L);
        for (int run = 0; run < 200; run++) {
            BackoffSchedule schedule = new BackoffSchedule(seeds.split());
            long hidden = 0;
            for (int receive = 1; receive < maxReceiveCount; receive++) {
                hidden += schedule.delayAfter(receive).toSeconds();
            }
            assertThat(hidden).isGreaterThanOrEqualTo(tolerance)
                    .isLessThanOrEqualTo(DEFAULTS.retentionSeconds(maxReceiveCount) - RetrySchedule.BACKLOG_MARGIN_SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "1, 2",       // 15 s after the first receive covers it
            "15, 2",
            "16, 3",      // 15 + 30
            "45, 3",
            "46, 4",
            "1905, 8",    // 15 + 30 + 60 + 120 + 240 + 480 + 960: the doubling part
            "1906, 9",    // then 1800 s (half the 1 h cap) per receive
            "3705, 9",
            "86400, 55",  // the default, 24 hours: 1905 + 47 x 1800 = 86505
    })
    void theCountIsTheSmallestWhoseShortestCourseCoversTheTolerance(long toleranceSeconds, int maxReceiveCount) {
        assertThat(RetrySchedule.maxReceiveCountFor(toleranceSeconds)).isEqualTo(maxReceiveCount);
        assertThat(RetrySchedule.toleranceSeconds(maxReceiveCount)).isGreaterThanOrEqualTo(toleranceSeconds);
        if (maxReceiveCount > 2) {
            assertThat(RetrySchedule.toleranceSeconds(maxReceiveCount - 1)).isLessThan(toleranceSeconds);
        }
    }

    @Test
    void retentionIsTheLongestCourseWithEachReceivesWindowAndTimeoutPlusADayAtLeastFourDays() {
        // 5 receives: ceilings 30 + 60 + 120 + 240, 5 x (30 + 5) s, a day: far below SQS's default 4 days.
        assertThat(DEFAULTS.retentionSeconds(5)).isEqualTo(RetrySchedule.MIN_RETENTION_SECONDS);
        // 200 receives: 3810 + 192 x 3600 + 200 x 35 + 86400.
        assertThat(DEFAULTS.retentionSeconds(200)).isEqualTo(3_810 + 192L * 3_600 + 200 * 35 + 86_400);
        assertThat(new RetrySchedule(900, 300).retentionSeconds(200))
                .isEqualTo(3_810 + 192L * 3_600 + 200 * 1_200 + 86_400);
    }

    @Test
    void theLargestCountIsTheLastWhoseRetentionSqsAllows() {
        int largest = DEFAULTS.largestMaxReceiveCount();

        assertThat(DEFAULTS.retentionSeconds(largest)).isLessThanOrEqualTo(RetrySchedule.MAX_RETENTION_SECONDS);
        assertThat(DEFAULTS.retentionSeconds(largest + 1)).isGreaterThan(RetrySchedule.MAX_RETENTION_SECONDS);
        assertThat(largest).isLessThan(RetrySchedule.MAX_RECEIVE_COUNT);
        // About six days of outage with the defaults.
        assertThat(RetrySchedule.toleranceSeconds(largest)).isBetween(5 * 86_400L, 7 * 86_400L);
    }

    @Test
    void aToleranceBeyondWhatRetentionAllowsIsRefusedNamingTheProp() {
        long longest = RetrySchedule.toleranceSeconds(DEFAULTS.largestMaxReceiveCount());

        assertThat(DEFAULTS.maxReceiveCountForTolerance(longest)).isEqualTo(DEFAULTS.largestMaxReceiveCount());
        assertThatThrownBy(() -> DEFAULTS.maxReceiveCountForTolerance(longest + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("outageTolerance must be at most " + longest + " s")
                .hasMessageContaining("processorTimeout of 30 s").hasMessageContaining("maxBatchingWindow of 5 s")
                .hasMessageContaining("14-day retention");
        assertThatThrownBy(() -> DEFAULTS.maxReceiveCountForTolerance(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("outageTolerance");
    }

    @Test
    void aLongerProcessorTimeoutLeavesRoomForAShorterTolerance() {
        RetrySchedule slow = new RetrySchedule(900, 300);

        assertThat(slow.largestMaxReceiveCount()).isLessThan(DEFAULTS.largestMaxReceiveCount());
    }

    @Test
    void anExplicitCountMustBeInSqsRangeAndFitTheRetention() {
        DEFAULTS.requireRetentionFits(2);
        DEFAULTS.requireRetentionFits(DEFAULTS.largestMaxReceiveCount());
        assertThatThrownBy(() -> DEFAULTS.requireRetentionFits(1))
                .hasMessageStartingWith("maxReceiveCount must be between 2 and 1000");
        assertThatThrownBy(() -> DEFAULTS.requireRetentionFits(DEFAULTS.largestMaxReceiveCount() + 1))
                .hasMessageStartingWith("maxReceiveCount must be at most " + DEFAULTS.largestMaxReceiveCount());
    }
}
