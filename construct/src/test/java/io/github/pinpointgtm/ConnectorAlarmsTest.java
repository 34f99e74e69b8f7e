package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.Duration;

/** The alarms' configuration: documented defaults, validation naming the value, M of N. */
class ConnectorAlarmsTest {

    private static void assertRejected(UnaryOperator<ConnectorAlarms.Builder> change, String... messageParts) {
        assertThatThrownBy(() -> change.apply(ConnectorAlarms.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConnectorAlarms alarms = ConnectorAlarms.defaults();
        assertThat(alarms.isEnabled()).isTrue();
        assertThat(alarms.getTopic()).isNull();
        assertThat(alarms.getDeadLetterQueueThreshold()).isEqualTo(1);
        assertThat(alarms.getDeadLetterQueueDatapoints()).isEqualTo(AlarmDatapoints.of(1, 1));
        assertThat(alarms.getDeadLetterQueueAgeThreshold().toHours().intValue()).isEqualTo(252);
        assertThat(alarms.getDeadLetterQueueAgeDatapoints()).isEqualTo(AlarmDatapoints.of(3, 3));
        assertThat(alarms.getRejectedHitsThreshold()).isEqualTo(100);
        assertThat(alarms.getRejectedHitsDatapoints()).isEqualTo(AlarmDatapoints.of(2, 3));
        assertThat(alarms.getQueueAgeThreshold().toMinutes().intValue()).isEqualTo(15);
        assertThat(alarms.getQueueAgeDatapoints()).isEqualTo(AlarmDatapoints.of(3, 3));
        assertThat(alarms.getOutageToleranceDatapoints()).isEqualTo(AlarmDatapoints.of(3, 3));
        assertThat(alarms.getDestinationConfigurationErrorsThreshold()).isEqualTo(1);
        assertThat(alarms.getDestinationConfigurationErrorsDatapoints()).isEqualTo(AlarmDatapoints.of(2, 3));
        assertThat(alarms.getProcessorErrorsThreshold()).isEqualTo(1);
        assertThat(alarms.getProcessorErrorsDatapoints()).isEqualTo(AlarmDatapoints.of(3, 5));
        assertThat(alarms.getProcessorThrottlesThreshold()).isEqualTo(1);
        assertThat(alarms.getProcessorThrottlesDatapoints()).isEqualTo(AlarmDatapoints.of(3, 5));
        assertThat(alarms.getApiServerErrorsThreshold()).isEqualTo(1);
        assertThat(alarms.getApiServerErrorsDatapoints()).isEqualTo(AlarmDatapoints.of(3, 5));
        assertThat(alarms.getApiClientErrorRateThreshold()).isEqualTo(0.1);
        assertThat(alarms.getApiClientErrorRateDatapoints()).isEqualTo(AlarmDatapoints.of(3, 3));
    }

    @Test
    void noneIsTheOffSwitch() {
        assertThat(ConnectorAlarms.none().isEnabled()).isFalse();
        assertThat(ConnectorAlarms.builder().enabled(false).build().isEnabled()).isFalse();
    }

    @Test
    void countThresholdsAreAtLeastOne() {
        assertRejected(b -> b.deadLetterQueueThreshold(0), "alarms: deadLetterQueueThreshold", "at least 1", "got 0");
        assertRejected(b -> b.rejectedHitsThreshold(0), "alarms: rejectedHitsThreshold", "got 0");
        assertRejected(b -> b.destinationConfigurationErrorsThreshold(-1), "destinationConfigurationErrorsThreshold",
                "got -1");
        assertRejected(b -> b.processorErrorsThreshold(0), "processorErrorsThreshold");
        assertRejected(b -> b.processorThrottlesThreshold(0), "processorThrottlesThreshold");
        assertRejected(b -> b.apiServerErrorsThreshold(0), "apiServerErrorsThreshold");
        assertThat(ConnectorAlarms.builder().rejectedHitsThreshold(1).build().getRejectedHitsThreshold()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"0", "-0.1", "1.01", "NaN"})
    void theClientErrorRateIsAShareOfRequests(double rate) {
        assertRejected(b -> b.apiClientErrorRateThreshold(rate), "alarms: apiClientErrorRateThreshold",
                "above 0 and at most 1");
    }

    @Test
    void theDeadLetterAgeIsBelowTheQueuesRetention() {
        assertRejected(b -> b.deadLetterQueueAgeThreshold(Duration.days(14)), "deadLetterQueueAgeThreshold",
                "less than", "14 days");
        assertRejected(b -> b.deadLetterQueueAgeThreshold(Duration.seconds(59)), "deadLetterQueueAgeThreshold",
                "at least 1 minute");
        assertRejected(b -> b.deadLetterQueueAgeThreshold(null), "deadLetterQueueAgeThreshold", "must not be null");
        assertThat(ConnectorAlarms.builder().deadLetterQueueAgeThreshold(Duration.hours(335)).build()
                .getDeadLetterQueueAgeThreshold().toHours().intValue()).isEqualTo(335);
    }

    @Test
    void theQueueAgeIsWholeSecondsOfAtLeastAMinute() {
        assertRejected(b -> b.queueAgeThreshold(Duration.millis(90_500)), "queueAgeThreshold", "whole number");
        assertRejected(b -> b.queueAgeThreshold(Duration.seconds(30)), "queueAgeThreshold", "at least 1 minute");
    }

    @Test
    void datapointsAreRequired() {
        assertRejected(b -> b.processorErrorsDatapoints(null), "alarms: processorErrorsDatapoints", "must not be null");
        assertRejected(b -> b.outageToleranceDatapoints(null), "outageToleranceDatapoints");
    }

    @Test
    void datapointsAreMOfN() {
        assertThatThrownBy(() -> AlarmDatapoints.of(0, 3)).hasMessageContaining("datapointsToAlarm");
        assertThatThrownBy(() -> AlarmDatapoints.of(4, 3)).hasMessageContainingAll("datapointsToAlarm", "4 of 3");
        assertThatThrownBy(() -> AlarmDatapoints.of(1, 289)).hasMessageContainingAll("evaluationPeriods", "288");
        AlarmDatapoints day = AlarmDatapoints.of(288, 288);
        assertThat(day.getDatapointsToAlarm()).isEqualTo(288);
        assertThat(day.getEvaluationPeriods()).isEqualTo(288);
        assertThat(AlarmDatapoints.of(3, 5)).hasToString("3 of 5").isEqualTo(AlarmDatapoints.of(3, 5))
                .isNotEqualTo(AlarmDatapoints.of(3, 4)).hasSameHashCodeAs(AlarmDatapoints.of(3, 5));
    }
}
