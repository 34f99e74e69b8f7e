package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.sns.Topic;

/** The operational alarms: their metrics, thresholds and M-of-N datapoints, the SNS action and the off switch. */
class AlarmsTest {

    private static TestStacks.Synthesized configured;

    @BeforeAll
    static void synthesize() {
        configured = TestStacks.synth(stack -> minimalProps().alarms(ConnectorAlarms.builder()
                .topic(new Topic(stack, "Alerts"))
                .deadLetterQueueThreshold(5).deadLetterQueueDatapoints(AlarmDatapoints.of(2, 2))
                .deadLetterQueueAgeThreshold(Duration.days(7)).deadLetterQueueAgeDatapoints(AlarmDatapoints.of(1, 1))
                .rejectedHitsThreshold(25).rejectedHitsDatapoints(AlarmDatapoints.of(1, 2))
                .queueAgeThreshold(Duration.minutes(30)).queueAgeDatapoints(AlarmDatapoints.of(4, 6))
                .outageToleranceDatapoints(AlarmDatapoints.of(2, 4))
                .destinationConfigurationErrorsThreshold(3)
                .destinationConfigurationErrorsDatapoints(AlarmDatapoints.of(1, 1))
                .processorErrorsThreshold(2).processorErrorsDatapoints(AlarmDatapoints.of(5, 10))
                .processorThrottlesThreshold(7).processorThrottlesDatapoints(AlarmDatapoints.of(2, 2))
                .apiServerErrorsThreshold(4).apiServerErrorsDatapoints(AlarmDatapoints.of(1, 3))
                .apiClientErrorRateThreshold(0.25).apiClientErrorRateDatapoints(AlarmDatapoints.of(6, 12))
                .build()).build());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alarm(TestStacks.Synthesized synthesized, Alarm alarm) {
        return (Map<String, Object>) synthesized.template().findResources("AWS::CloudWatch::Alarm")
                .get(synthesized.logicalId(alarm)).get("Properties");
    }

    private static void assertMetric(Map<String, Object> alarm, String namespace, String metricName, String statistic,
                                     int period, int threshold) {
        assertThat(alarm).containsEntry("Namespace", namespace)
                .containsEntry("MetricName", metricName)
                .containsEntry("Statistic", statistic)
                .containsEntry("Period", period)
                .containsEntry("Threshold", threshold);
    }

    /** Asserts what every alarm of the connector shares, and its own datapoints. */
    private static Map<String, Object> alarm(TestStacks.Synthesized synthesized, Alarm alarm, int datapointsToAlarm,
                                             int evaluationPeriods) {
        Map<String, Object> properties = alarm(synthesized, alarm);
        assertThat(properties).containsEntry("DatapointsToAlarm", datapointsToAlarm)
                .containsEntry("EvaluationPeriods", evaluationPeriods)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching");
        return properties;
    }

    @Test
    void thereAreTenAlarmsExposedThroughGetters() {
        PinpointGtmConnector c = defaults().connector();
        defaults().template().resourceCountIs("AWS::CloudWatch::Alarm", 10);
        assertThat(c.getAlarms()).containsExactly(c.getDeadLetterQueueAlarm(), c.getRejectedHitsAlarm(),
                c.getOldestMessageAgeAlarm(), c.getProcessorErrorsAlarm(), c.getProcessorThrottlesAlarm(),
                c.getApiServerErrorsAlarm(), c.getDestinationConfigurationErrorsAlarm(), c.getOutageToleranceAlarm(),
                c.getDeadLetterQueueExpiryAlarm(), c.getApiClientErrorRateAlarm());
    }

    @Test
    void theAlarmsThatExistedBeforeKeepTheirLogicalIds() {
        PinpointGtmConnector connector = defaults().connector();
        assertThat(List.of(connector.getDeadLetterQueueAlarm(), connector.getRejectedHitsAlarm(),
                connector.getOldestMessageAgeAlarm(), connector.getProcessorErrorsAlarm(),
                connector.getProcessorThrottlesAlarm(), connector.getApiServerErrorsAlarm()))
                .extracting(alarm -> alarm.getNode().getId())
                .containsExactly("DeadLetterQueueNotEmptyAlarm", "RejectedHitsAlarm", "QueueOldestMessageAgeAlarm",
                        "ProcessorErrorsAlarm", "ProcessorThrottlesAlarm", "ApiServerErrorsAlarm");
    }

    @Test
    void deadLetterQueueNotEmptyAtTheFirstMessage() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getDeadLetterQueueAlarm(), 1, 1);
        assertMetric(alarm, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", 60, 1);
        assertThat(alarm.get("Dimensions").toString())
                .contains(defaults().logicalId(defaults().connector().getDeadLetterQueue()), "QueueName");
        assertThat((String) alarm.get("AlarmDescription")).contains("could not be delivered", "rejected queue");
    }

    @Test
    void deadLetterQueueOldestMessageNearsTheEndOfItsRetention() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getDeadLetterQueueExpiryAlarm(), 3, 3);
        assertMetric(alarm, "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", 300, 252 * 3600);
        assertThat(252 * 3600).as("75 % of the dead-letter queue's retention").isEqualTo(14 * 24 * 3600 * 3 / 4);
        assertThat(alarm.get("Dimensions").toString())
                .contains(defaults().logicalId(defaults().connector().getDeadLetterQueue()));
        assertThat((String) alarm.get("AlarmDescription")).contains("14 days", "replay");
    }

    @Test
    void rejectedHitsPerFiveMinutesAtTheThreshold() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getRejectedHitsAlarm(), 2, 3);
        assertMetric(alarm, "AWS/SQS", "NumberOfMessagesSent", "Sum", 300, 100);
        assertThat(alarm.get("Dimensions").toString())
                .contains(defaults().logicalId(defaults().connector().getRejectedQueue()), "QueueName")
                .doesNotContain(defaults().logicalId(defaults().connector().getDeadLetterQueue()));
        assertThat((String) alarm.get("AlarmDescription")).contains("100", "rejected", "5 minutes");
    }

    @Test
    void theProcessorNotKeepingUpIsTheQueuesAgeOverFifteenMinutes() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getOldestMessageAgeAlarm(), 3, 3);
        assertMetric(alarm, "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", 60, 900);
        assertThat(alarm.get("Dimensions").toString())
                .contains(defaults().logicalId(defaults().connector().getQueue()));
    }

    @Test
    void theQueuesAgeBeyondHalfTheOutageTolerance() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getOutageToleranceAlarm(), 3, 3);
        assertMetric(alarm, "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", 300, 12 * 3600);
        assertThat(alarm.get("Dimensions").toString()).contains(defaults().logicalId(defaults().connector().getQueue()))
                .doesNotContain(defaults().logicalId(defaults().connector().getDeadLetterQueue()));
        assertThat((String) alarm.get("AlarmDescription")).contains("12 hours", "1 day", "dead-letter queue");
    }

    @Test
    void theOutageToleranceAlarmFollowsTheOutageToleranceProp() {
        TestStacks.Synthesized twoDays = TestStacks.synth(minimalProps().outageTolerance(Duration.days(2)).build());
        Map<String, Object> alarm = alarm(twoDays, twoDays.connector().getOutageToleranceAlarm(), 3, 3);
        assertThat(alarm).containsEntry("Threshold", 24 * 3600);
        assertThat((String) alarm.get("AlarmDescription")).contains("1 day", "2 days");
    }

    @Test
    void destinationConfigurationErrorsFromTheProcessorsMetricOfThisConnector() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getDestinationConfigurationErrorsAlarm(),
                2, 3);
        assertMetric(alarm, "PinpointGtmConnector", "DestinationConfigurationErrors", "Sum", 300, 1);
        assertThat(alarm)
                .containsEntry("Dimensions", List.of(Map.of("Name", "Connector",
                        "Value", Names.uniqueId(defaults().connector()))));
    }

    @Test
    void processorErrorsAndThrottles() {
        String function = defaults().logicalId(defaults().connector().getProcessor());
        for (Alarm a : List.of(defaults().connector().getProcessorErrorsAlarm(),
                defaults().connector().getProcessorThrottlesAlarm())) {
            Map<String, Object> alarm = alarm(defaults(), a, 3, 5);
            assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("Statistic", "Sum")
                    .containsEntry("Period", 60).containsEntry("Threshold", 1);
            assertThat(alarm.get("Dimensions").toString()).contains(function);
        }
        assertThat(alarm(defaults(), defaults().connector().getProcessorErrorsAlarm()))
                .containsEntry("MetricName", "Errors");
        assertThat(alarm(defaults(), defaults().connector().getProcessorThrottlesAlarm()))
                .containsEntry("MetricName", "Throttles");
    }

    @Test
    void apiServerErrors() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getApiServerErrorsAlarm(), 3, 5);
        assertThat(alarm).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("MetricName", "5XXError")
                .containsEntry("Statistic", "Sum").containsEntry("Period", 60).containsEntry("Threshold", 1);
    }

    @Test
    void apiClientErrorsAsARateOfRequests() {
        Map<String, Object> alarm = alarm(defaults(), defaults().connector().getApiClientErrorRateAlarm(), 3, 3);
        // API Gateway's Average of 4XXError is 4xx answers divided by requests (Count).
        assertThat(alarm).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("MetricName", "4XXError")
                .containsEntry("Statistic", "Average").containsEntry("Period", 300).containsEntry("Threshold", 0.1);
        assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "ApiName",
                "Value", defaults().connector().getRestApi().getRestApiName())));
        assertThat((String) alarm.get("AlarmDescription")).contains("10 %", "429", "413", "403");
    }

    @Test
    void thresholdsAndDatapointsAreConfigurable() {
        PinpointGtmConnector c = configured.connector();
        assertThat(alarm(configured, c.getDeadLetterQueueAlarm(), 2, 2)).containsEntry("Threshold", 5);
        assertThat(alarm(configured, c.getDeadLetterQueueExpiryAlarm(), 1, 1)).containsEntry("Threshold", 7 * 86400);
        assertThat(alarm(configured, c.getRejectedHitsAlarm(), 1, 2)).containsEntry("Threshold", 25);
        assertThat((String) alarm(configured, c.getRejectedHitsAlarm()).get("AlarmDescription")).contains("25");
        assertThat(alarm(configured, c.getOldestMessageAgeAlarm(), 4, 6)).containsEntry("Threshold", 1800);
        assertThat(alarm(configured, c.getOutageToleranceAlarm(), 2, 4)).containsEntry("Threshold", 12 * 3600);
        assertThat(alarm(configured, c.getDestinationConfigurationErrorsAlarm(), 1, 1)).containsEntry("Threshold", 3);
        assertThat(alarm(configured, c.getProcessorErrorsAlarm(), 5, 10)).containsEntry("Threshold", 2);
        assertThat(alarm(configured, c.getProcessorThrottlesAlarm(), 2, 2)).containsEntry("Threshold", 7);
        assertThat(alarm(configured, c.getApiServerErrorsAlarm(), 1, 3)).containsEntry("Threshold", 4);
        assertThat(alarm(configured, c.getApiClientErrorRateAlarm(), 6, 12)).containsEntry("Threshold", 0.25);
        assertThat((String) alarm(configured, c.getApiClientErrorRateAlarm()).get("AlarmDescription")).contains("25 %");
    }

    @Test
    void withoutATopicAlarmsHaveNoActions() {
        defaults().template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", Match.absent(), "OKActions", Match.absent())));
    }

    @Test
    void aTopicIsNotifiedOnAlarmAndRecoveryByEveryAlarm() {
        String topic = configured.template().findResources("AWS::SNS::Topic").keySet().iterator().next();
        configured.template().resourceCountIs("AWS::CloudWatch::Alarm", 10);
        configured.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)),
                "OKActions", List.of(Map.of("Ref", topic)))));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedAlarmTopicStillNotifies() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack ->
                minimalProps().alarmTopic(new Topic(stack, "Alerts")).build());
        String topic = synthesized.template().findResources("AWS::SNS::Topic").keySet().iterator().next();
        synthesized.template().resourceCountIs("AWS::CloudWatch::Alarm", 10);
        synthesized.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)))));
    }

    @Test
    void noneCreatesNoAlarmAndKeepsTheMetrics() {
        for (ConnectorAlarms off : List.of(ConnectorAlarms.none(), ConnectorAlarms.builder().enabled(false).build())) {
            TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().alarms(off).build());
            PinpointGtmConnector c = synthesized.connector();
            synthesized.template().resourceCountIs("AWS::CloudWatch::Alarm", 0);
            assertThat(c.getAlarms()).isEmpty();
            assertThat(c.getDeadLetterQueueAlarm()).isNull();
            assertThat(c.getDeadLetterQueueExpiryAlarm()).isNull();
            assertThat(c.getRejectedHitsAlarm()).isNull();
            assertThat(c.getOldestMessageAgeAlarm()).isNull();
            assertThat(c.getOutageToleranceAlarm()).isNull();
            assertThat(c.getDestinationConfigurationErrorsAlarm()).isNull();
            assertThat(c.getProcessorErrorsAlarm()).isNull();
            assertThat(c.getProcessorThrottlesAlarm()).isNull();
            assertThat(c.getApiServerErrorsAlarm()).isNull();
            assertThat(c.getApiClientErrorRateAlarm()).isNull();
            assertThat(c.metricDelivered().getMetricName()).isEqualTo("Delivered");
        }
    }
}
