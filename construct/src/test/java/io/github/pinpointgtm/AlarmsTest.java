package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.IConstruct;

/** The operational alarms, their metrics and thresholds, and the optional SNS action. */
class AlarmsTest {

    private static TestStacks.Synthesized defaults;
    private static TestStacks.Synthesized withTopic;

    @BeforeAll
    static void synthesize() {
        defaults = TestStacks.synth(minimalProps().build());
        withTopic = TestStacks.synth(stack -> minimalProps().alarmTopic(new Topic(stack, "Alerts"))
                .rejectedHitsAlarmThreshold(25).build());
    }

    private static String id(TestStacks.Synthesized synthesized, IConstruct construct) {
        return synthesized.stack().getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alarm(TestStacks.Synthesized synthesized, Alarm alarm) {
        return (Map<String, Object>) synthesized.template().findResources("AWS::CloudWatch::Alarm")
                .get(id(synthesized, alarm)).get("Properties");
    }

    @Test
    void thereAreSixAlarmsExposedThroughGetters() {
        PinpointGtmConnector c = defaults.connector();
        defaults.template().resourceCountIs("AWS::CloudWatch::Alarm", 6);
        assertThat(c.getAlarms()).containsExactly(c.getDeadLetterQueueAlarm(), c.getRejectedHitsAlarm(),
                c.getOldestMessageAgeAlarm(), c.getProcessorErrorsAlarm(), c.getProcessorThrottlesAlarm(),
                c.getApiServerErrorsAlarm());
    }

    @Test
    void rejectedHitsPerFiveMinutesAtTheThreshold() {
        Map<String, Object> alarm = alarm(defaults, defaults.connector().getRejectedHitsAlarm());
        assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "NumberOfMessagesSent")
                .containsEntry("Statistic", "Sum")
                .containsEntry("Period", 300)
                .containsEntry("EvaluationPeriods", 1)
                .containsEntry("Threshold", 100)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching");
        assertThat(alarm.get("Dimensions").toString())
                .contains(id(defaults, defaults.connector().getRejectedQueue()), "QueueName")
                .doesNotContain(id(defaults, defaults.connector().getDeadLetterQueue()));
        assertThat((String) alarm.get("AlarmDescription")).contains("100", "rejected", "5 minutes");
    }

    @Test
    void theRejectedHitsThresholdIsConfigurable() {
        Map<String, Object> alarm = alarm(withTopic, withTopic.connector().getRejectedHitsAlarm());
        assertThat(alarm).containsEntry("Threshold", 25);
        assertThat((String) alarm.get("AlarmDescription")).contains("25");
    }

    @Test
    void deadLetterQueueNotEmpty() {
        Map<String, Object> alarm = alarm(defaults, defaults.connector().getDeadLetterQueueAlarm());
        assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Threshold", 1)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching");
        assertThat(alarm.get("Dimensions").toString())
                .contains(id(defaults, defaults.connector().getDeadLetterQueue()), "QueueName");
        assertThat((String) alarm.get("AlarmDescription")).contains("could not be delivered", "rejected queue");
    }

    @Test
    void oldestMessageAgeOfTheQueue() {
        Map<String, Object> alarm = alarm(defaults, defaults.connector().getOldestMessageAgeAlarm());
        assertThat(alarm).containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Threshold", 900);
        assertThat(alarm.get("Dimensions").toString()).contains(id(defaults, defaults.connector().getQueue()));
    }

    @Test
    void processorErrorsAndThrottles() {
        String function = id(defaults, defaults.connector().getProcessor());
        for (Alarm a : List.of(defaults.connector().getProcessorErrorsAlarm(),
                defaults.connector().getProcessorThrottlesAlarm())) {
            Map<String, Object> alarm = alarm(defaults, a);
            assertThat(alarm).containsEntry("Namespace", "AWS/Lambda").containsEntry("Statistic", "Sum")
                    .containsEntry("Threshold", 1);
            assertThat(alarm.get("Dimensions").toString()).contains(function);
        }
        assertThat(alarm(defaults, defaults.connector().getProcessorErrorsAlarm())).containsEntry("MetricName", "Errors");
        assertThat(alarm(defaults, defaults.connector().getProcessorThrottlesAlarm()))
                .containsEntry("MetricName", "Throttles");
    }

    @Test
    void apiServerErrors() {
        Map<String, Object> alarm = alarm(defaults, defaults.connector().getApiServerErrorsAlarm());
        assertThat(alarm).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("MetricName", "5XXError")
                .containsEntry("Statistic", "Sum").containsEntry("Threshold", 1);
    }

    @Test
    void withoutATopicAlarmsHaveNoActions() {
        defaults.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", Match.absent(), "OKActions", Match.absent())));
    }

    @Test
    void aTopicIsNotifiedOnAlarmAndRecovery() {
        String topic = withTopic.template().findResources("AWS::SNS::Topic").keySet().iterator().next();
        withTopic.template().allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", topic)),
                "OKActions", List.of(Map.of("Ref", topic)))));
    }
}
