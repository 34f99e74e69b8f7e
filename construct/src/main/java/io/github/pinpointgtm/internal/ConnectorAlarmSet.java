package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.pinpointgtm.AlarmDatapoints;
import io.github.pinpointgtm.ConnectorAlarms;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The connector's CloudWatch alarms, as {@link ConnectorAlarms} configures them. Each is created in the connector's
 * own scope with the id {@code <name>Alarm}, so its logical id does not change when alarms are added or removed.
 */
public final class ConnectorAlarmSet {

    private static final Duration MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    /**
     * What the alarms watch.
     *
     * @param queue           the queue API Gateway writes to
     * @param deadLetterQueue valid events that could not be delivered
     * @param rejectedQueue   hits the policy refused
     * @param processor       the processor function
     * @param restApi         the events API
     * @param metrics         the processor's metrics
     * @param outageTolerance the outage the connector rides out before retries run out ({@code outageTolerance}):
     *                        the outage tolerance alarm's threshold is half of it
     */
    public record Watched(IQueue queue, IQueue deadLetterQueue, IQueue rejectedQueue, IFunction processor,
                          RestApi restApi, ConnectorMetrics metrics, Duration outageTolerance) {
    }

    private final Construct scope;
    private final ConnectorAlarms config;
    private final List<Alarm> all = new ArrayList<>();
    private Alarm deadLetterQueue;
    private Alarm deadLetterQueueAge;
    private Alarm rejectedHits;
    private Alarm queueAge;
    private Alarm outageTolerance;
    private Alarm destinationConfigurationErrors;
    private Alarm processorErrors;
    private Alarm processorThrottles;
    private Alarm apiServerErrors;
    private Alarm apiClientErrorRate;

    private ConnectorAlarmSet(Construct scope, ConnectorAlarms config) {
        this.scope = scope;
        this.config = config;
    }

    /**
     * Creates the alarms, none when {@link ConnectorAlarms#isEnabled()} is false.
     *
     * @param scope   the connector
     * @param config  thresholds, datapoints and topic
     * @param watched the resources and metrics the alarms watch
     * @return the alarms
     */
    public static ConnectorAlarmSet create(Construct scope, ConnectorAlarms config, Watched watched) {
        ConnectorAlarmSet set = new ConnectorAlarmSet(scope, config);
        if (config.isEnabled()) {
            set.createAll(watched);
        }
        return set;
    }

    /**
     * @param outageTolerance the outage the connector rides out
     * @return the age of the queue's oldest message that breaches the outage tolerance alarm: half the tolerance
     */
    public static Duration outageToleranceAlarmAge(Duration outageTolerance) {
        // CloudWatch thresholds and CDK durations here are whole seconds: round half of an odd tolerance down.
        return Duration.seconds(Math.floor(outageTolerance.toSeconds().doubleValue() / 2));
    }

    private void createAll(Watched watched) {
        deadLetterQueue = alarm("DeadLetterQueueNotEmpty",
                "Valid events could not be delivered (the destination refused them, or their retries ran out): each "
                        + "message is a real customer event; read its 'reason' attribute (none when SQS's redrive "
                        + "moved it after a crashed invocation on its last receive), fix the cause, then replay the messages. Hits the policy "
                        + "refuses are in the rejected queue instead",
                watched.deadLetterQueue().metricApproximateNumberOfMessagesVisible(maximum(MINUTE)),
                config.getDeadLetterQueueThreshold(), config.getDeadLetterQueueDatapoints());
        rejectedHits = alarm("RejectedHits", RejectedHits.alarmDescription(config.getRejectedHitsThreshold()),
                RejectedHits.perPeriod(watched.rejectedQueue()), config.getRejectedHitsThreshold(),
                config.getRejectedHitsDatapoints());
        queueAge = alarm("QueueOldestMessageAge",
                "Hits wait in the queue for more than " + config.getQueueAgeThreshold().toHumanString()
                        + ": the processor is not keeping up (failing, throttled, too slow) or the destination is "
                        + "failing; read the processor's errors and DestinationConfigurationErrors",
                watched.queue().metricApproximateAgeOfOldestMessage(maximum(MINUTE)),
                config.getQueueAgeThreshold().toSeconds().doubleValue(), config.getQueueAgeDatapoints());
        processorErrors = alarm("ProcessorErrors",
                "The processor Lambda failed (whole batches retried): read its log group for the error",
                watched.processor().metricErrors(sum(MINUTE)), config.getProcessorErrorsThreshold(),
                config.getProcessorErrorsDatapoints());
        processorThrottles = alarm("ProcessorThrottles",
                "The processor Lambda was throttled: raise the account's concurrency or lower maxConcurrency "
                        + "elsewhere in the account",
                watched.processor().metricThrottles(sum(MINUTE)), config.getProcessorThrottlesThreshold(),
                config.getProcessorThrottlesDatapoints());
        apiServerErrors = alarm("ApiServerErrors",
                "The events API answered 5xx: hits were not queued (SQS refused them: permissions, a disabled KMS "
                        + "key, an SQS outage); a hit too large to queue answers 413, a 4xx",
                watched.restApi().metricServerError(sum(MINUTE)), config.getApiServerErrorsThreshold(),
                config.getApiServerErrorsDatapoints());
        createOutageAlarms(watched);
    }

    /** The alarms of a failing destination and of lost hits at either end. */
    private void createOutageAlarms(Watched watched) {
        destinationConfigurationErrors = alarm("DestinationConfigurationErrors",
                "The destination says the connector is misconfigured (access denied, an unknown stream, bus, domain "
                        + "or application, a disabled KMS key): events are retried, not lost, until the outage "
                        + "tolerance runs out; read the processor's log for the error and fix the destination or "
                        + "its permissions",
                watched.metrics().count(ConnectorMetrics.DESTINATION_CONFIGURATION_ERRORS, sum(FIVE_MINUTES)),
                config.getDestinationConfigurationErrorsThreshold(),
                config.getDestinationConfigurationErrorsDatapoints());
        Duration outageAge = outageToleranceAlarmAge(watched.outageTolerance());
        outageTolerance = alarm("QueueNearOutageTolerance",
                "Hits have waited in the queue for more than " + outageAge.toHumanString() + ", half the outage of "
                        + watched.outageTolerance().toHumanString() + " the connector rides out: after that their retries run "
                        + "out and they go to the dead-letter queue; restore the destination now",
                watched.queue().metricApproximateAgeOfOldestMessage(maximum(FIVE_MINUTES)),
                outageAge.toSeconds().doubleValue(), config.getOutageToleranceDatapoints());
        deadLetterQueueAge = alarm("DeadLetterQueueNearExpiry",
                "A dead letter has waited more than " + config.getDeadLetterQueueAgeThreshold().toHumanString()
                        + " of the dead-letter queue's " + ConnectorAlarms.DEAD_LETTER_QUEUE_RETENTION.toHumanString()
                        + ": SQS deletes it at the end of that time; replay or save it now",
                watched.deadLetterQueue().metricApproximateAgeOfOldestMessage(maximum(FIVE_MINUTES)),
                config.getDeadLetterQueueAgeThreshold().toSeconds().doubleValue(),
                config.getDeadLetterQueueAgeDatapoints());
        apiClientErrorRate = alarm("ApiClientErrorRate",
                "More than " + Math.round(config.getApiClientErrorRateThreshold() * 100) + " % of the events API's "
                        + "requests were answered 4xx (429 throttled, 413 too large, 403 refused by an authorizer or the "
                        + "web ACL): "
                        + "those hits are lost; read the access log's status codes, then raise the stage throttling "
                        + "or fix the tag",
                watched.restApi().metricClientError(MetricOptions.builder()
                        .statistic("Average").period(FIVE_MINUTES).build()),
                config.getApiClientErrorRateThreshold(), config.getApiClientErrorRateDatapoints());
    }

    private static MetricOptions maximum(Duration period) {
        return MetricOptions.builder().statistic("Maximum").period(period).build();
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().statistic("Sum").period(period).build();
    }

    private Alarm alarm(String name, String description, IMetric metric, double threshold,
                        AlarmDatapoints datapoints) {
        Alarm alarm = Alarm.Builder.create(scope, name + "Alarm")
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(datapoints.getEvaluationPeriods())
                .datapointsToAlarm(datapoints.getDatapointsToAlarm())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        if (config.getTopic() != null) {
            SnsAction action = new SnsAction(config.getTopic());
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
        all.add(alarm);
        return alarm;
    }

    /** @return every alarm, in the order of creation; empty when alarms are off */
    public List<Alarm> all() {
        return List.copyOf(all);
    }

    /** @return messages in the dead-letter queue, or null when alarms are off */
    public Alarm deadLetterQueue() {
        return deadLetterQueue;
    }

    /** @return the dead-letter queue's oldest message nearing its retention, or null when alarms are off */
    public Alarm deadLetterQueueAge() {
        return deadLetterQueueAge;
    }

    /** @return the rate of rejected hits, or null when alarms are off */
    public Alarm rejectedHits() {
        return rejectedHits;
    }

    /** @return the queue's oldest message (the processor not keeping up), or null when alarms are off */
    public Alarm queueAge() {
        return queueAge;
    }

    /** @return the queue's oldest message beyond half the outage tolerance, or null when alarms are off */
    public Alarm outageTolerance() {
        return outageTolerance;
    }

    /** @return the destination's configuration errors, or null when alarms are off */
    public Alarm destinationConfigurationErrors() {
        return destinationConfigurationErrors;
    }

    /** @return the processor's errors, or null when alarms are off */
    public Alarm processorErrors() {
        return processorErrors;
    }

    /** @return the processor's throttles, or null when alarms are off */
    public Alarm processorThrottles() {
        return processorThrottles;
    }

    /** @return the API's 5xx answers, or null when alarms are off */
    public Alarm apiServerErrors() {
        return apiServerErrors;
    }

    /** @return the API's 4xx rate, or null when alarms are off */
    public Alarm apiClientErrorRate() {
        return apiClientErrorRate;
    }
}
