package io.github.pinpointgtm;

/**
 * When a CloudWatch alarm fires: at least {@link #getDatapointsToAlarm() M} of the last
 * {@link #getEvaluationPeriods() N} periods breach its threshold ("M of N"). {@code AlarmDatapoints.of(3, 5)} fires
 * after 3 breaching periods within 5, so one stray error does not raise the alarm and one quiet period does not clear
 * it. Immutable.
 *
 * <p>N is at most {@value #MAX_EVALUATION_PERIODS}: the connector's alarms look at periods of 1 or 5 minutes, and
 * CloudWatch evaluates at most one day for periods shorter than an hour (288 five-minute periods).
 */
public final class AlarmDatapoints {

    /** The most periods an alarm of the connector can look at. */
    public static final int MAX_EVALUATION_PERIODS = 288;

    private final int datapointsToAlarm;
    private final int evaluationPeriods;

    private AlarmDatapoints(int datapointsToAlarm, int evaluationPeriods) {
        this.datapointsToAlarm = datapointsToAlarm;
        this.evaluationPeriods = evaluationPeriods;
    }

    /**
     * @param datapointsToAlarm breaching periods that fire the alarm (M), at least 1
     * @param evaluationPeriods the periods looked at (N), at least {@code datapointsToAlarm}, at most
     *                          {@value #MAX_EVALUATION_PERIODS}
     * @return M of N
     * @throws IllegalArgumentException if M is below 1 or above N, or N above {@value #MAX_EVALUATION_PERIODS}
     */
    public static AlarmDatapoints of(int datapointsToAlarm, int evaluationPeriods) {
        if (evaluationPeriods > MAX_EVALUATION_PERIODS) {
            throw new IllegalArgumentException("evaluationPeriods must be at most " + MAX_EVALUATION_PERIODS
                    + " (CloudWatch evaluates at most a day of periods shorter than an hour), got "
                    + evaluationPeriods);
        }
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm must be between 1 and evaluationPeriods, got "
                    + datapointsToAlarm + " of " + evaluationPeriods);
        }
        return new AlarmDatapoints(datapointsToAlarm, evaluationPeriods);
    }

    /** @return the breaching periods that fire the alarm (M) */
    public int getDatapointsToAlarm() {
        return datapointsToAlarm;
    }

    /** @return the periods looked at (N) */
    public int getEvaluationPeriods() {
        return evaluationPeriods;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlarmDatapoints that && datapointsToAlarm == that.datapointsToAlarm
                && evaluationPeriods == that.evaluationPeriods;
    }

    @Override
    public int hashCode() {
        return 31 * datapointsToAlarm + evaluationPeriods;
    }

    @Override
    public String toString() {
        return datapointsToAlarm + " of " + evaluationPeriods;
    }
}
