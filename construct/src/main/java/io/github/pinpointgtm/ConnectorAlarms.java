package io.github.pinpointgtm;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * The CloudWatch alarms a {@link PinpointGtmConnector} creates, their thresholds, when they fire (M of N periods, see
 * {@link AlarmDatapoints}) and the SNS topic they notify. Immutable; {@link #defaults()}, {@link #none()} or
 * {@link #builder()}. Set it with {@link PinpointGtmConnectorProps.Builder#alarms}.
 *
 * <p>Every alarm treats missing data as not breaching (no traffic is no problem) and compares with "greater than or
 * equal to". What each alarm means and what to do is in the README's "Alarms" section.
 */
public final class ConnectorAlarms {

    /** How long the dead-letter queue keeps a message: the limit of {@link Builder#deadLetterQueueAgeThreshold}. */
    public static final Duration DEAD_LETTER_QUEUE_RETENTION = Duration.days(14);

    private static final ConnectorAlarms NONE = builder().enabled(false).build();

    private final boolean enabled;
    private final ITopic topic;
    private final int deadLetterQueueThreshold;
    private final AlarmDatapoints deadLetterQueueDatapoints;
    private final Duration deadLetterQueueAgeThreshold;
    private final AlarmDatapoints deadLetterQueueAgeDatapoints;
    private final int rejectedHitsThreshold;
    private final AlarmDatapoints rejectedHitsDatapoints;
    private final Duration queueAgeThreshold;
    private final AlarmDatapoints queueAgeDatapoints;
    private final AlarmDatapoints outageToleranceDatapoints;
    private final int destinationConfigurationErrorsThreshold;
    private final AlarmDatapoints destinationConfigurationErrorsDatapoints;
    private final int processorErrorsThreshold;
    private final AlarmDatapoints processorErrorsDatapoints;
    private final int processorThrottlesThreshold;
    private final AlarmDatapoints processorThrottlesDatapoints;
    private final int apiServerErrorsThreshold;
    private final AlarmDatapoints apiServerErrorsDatapoints;
    private final double apiClientErrorRateThreshold;
    private final AlarmDatapoints apiClientErrorRateDatapoints;

    private ConnectorAlarms(Builder b) {
        this.enabled = b.enabled;
        this.topic = b.topic;
        this.deadLetterQueueThreshold = b.deadLetterQueueThreshold;
        this.deadLetterQueueDatapoints = b.deadLetterQueueDatapoints;
        this.deadLetterQueueAgeThreshold = b.deadLetterQueueAgeThreshold;
        this.deadLetterQueueAgeDatapoints = b.deadLetterQueueAgeDatapoints;
        this.rejectedHitsThreshold = b.rejectedHitsThreshold;
        this.rejectedHitsDatapoints = b.rejectedHitsDatapoints;
        this.queueAgeThreshold = b.queueAgeThreshold;
        this.queueAgeDatapoints = b.queueAgeDatapoints;
        this.outageToleranceDatapoints = b.outageToleranceDatapoints;
        this.destinationConfigurationErrorsThreshold = b.destinationConfigurationErrorsThreshold;
        this.destinationConfigurationErrorsDatapoints = b.destinationConfigurationErrorsDatapoints;
        this.processorErrorsThreshold = b.processorErrorsThreshold;
        this.processorErrorsDatapoints = b.processorErrorsDatapoints;
        this.processorThrottlesThreshold = b.processorThrottlesThreshold;
        this.processorThrottlesDatapoints = b.processorThrottlesDatapoints;
        this.apiServerErrorsThreshold = b.apiServerErrorsThreshold;
        this.apiServerErrorsDatapoints = b.apiServerErrorsDatapoints;
        this.apiClientErrorRateThreshold = b.apiClientErrorRateThreshold;
        this.apiClientErrorRateDatapoints = b.apiClientErrorRateDatapoints;
    }

    /** @return every alarm with its default threshold and datapoints, notifying no topic */
    public static ConnectorAlarms defaults() {
        return builder().build();
    }

    /** @return no alarms at all (the connector's metrics remain, for alarms of your own) */
    public static ConnectorAlarms none() {
        return NONE;
    }

    /** @return a new builder, every value at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the connector creates its alarms; default {@code true} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @return the SNS topic every alarm notifies on alarm and back to OK, or {@code null} (the default: none) */
    public ITopic getTopic() {
        return topic;
    }

    /** @return messages in the dead-letter queue that fire its alarm; default 1 */
    public int getDeadLetterQueueThreshold() {
        return deadLetterQueueThreshold;
    }

    /** @return datapoints of the dead-letter queue alarm (1-minute periods); default 1 of 1 */
    public AlarmDatapoints getDeadLetterQueueDatapoints() {
        return deadLetterQueueDatapoints;
    }

    /**
     * @return age of the dead-letter queue's oldest message that fires its alarm; default 252 hours (75 % of 14
     *         days)
     */
    public Duration getDeadLetterQueueAgeThreshold() {
        return deadLetterQueueAgeThreshold;
    }

    /** @return datapoints of the dead-letter queue age alarm (5-minute periods); default 3 of 3 */
    public AlarmDatapoints getDeadLetterQueueAgeDatapoints() {
        return deadLetterQueueAgeDatapoints;
    }

    /** @return hits reaching the rejected queue within 5 minutes that fire its alarm; default 100 */
    public int getRejectedHitsThreshold() {
        return rejectedHitsThreshold;
    }

    /** @return datapoints of the rejected hits alarm (5-minute periods); default 2 of 3 */
    public AlarmDatapoints getRejectedHitsDatapoints() {
        return rejectedHitsDatapoints;
    }

    /** @return age of the queue's oldest message that fires the queue age alarm; default 15 minutes */
    public Duration getQueueAgeThreshold() {
        return queueAgeThreshold;
    }

    /** @return datapoints of the queue age alarm (1-minute periods); default 3 of 3 */
    public AlarmDatapoints getQueueAgeDatapoints() {
        return queueAgeDatapoints;
    }

    /** @return datapoints of the outage tolerance alarm (5-minute periods); default 3 of 3 */
    public AlarmDatapoints getOutageToleranceDatapoints() {
        return outageToleranceDatapoints;
    }

    /** @return destination configuration errors within 5 minutes that fire their alarm; default 1 */
    public int getDestinationConfigurationErrorsThreshold() {
        return destinationConfigurationErrorsThreshold;
    }

    /** @return datapoints of the destination configuration errors alarm (5-minute periods); default 2 of 3 */
    public AlarmDatapoints getDestinationConfigurationErrorsDatapoints() {
        return destinationConfigurationErrorsDatapoints;
    }

    /** @return processor errors within a minute that breach; default 1 */
    public int getProcessorErrorsThreshold() {
        return processorErrorsThreshold;
    }

    /** @return datapoints of the processor errors alarm (1-minute periods); default 3 of 5 */
    public AlarmDatapoints getProcessorErrorsDatapoints() {
        return processorErrorsDatapoints;
    }

    /** @return processor throttles within a minute that breach; default 1 */
    public int getProcessorThrottlesThreshold() {
        return processorThrottlesThreshold;
    }

    /** @return datapoints of the processor throttles alarm (1-minute periods); default 3 of 5 */
    public AlarmDatapoints getProcessorThrottlesDatapoints() {
        return processorThrottlesDatapoints;
    }

    /** @return API 5xx answers within a minute that breach; default 1 */
    public int getApiServerErrorsThreshold() {
        return apiServerErrorsThreshold;
    }

    /** @return datapoints of the API 5xx alarm (1-minute periods); default 3 of 5 */
    public AlarmDatapoints getApiServerErrorsDatapoints() {
        return apiServerErrorsDatapoints;
    }

    /** @return the share of API requests answered 4xx within 5 minutes that breaches; default 0.1 (10 %) */
    public double getApiClientErrorRateThreshold() {
        return apiClientErrorRateThreshold;
    }

    /** @return datapoints of the API 4xx rate alarm (5-minute periods); default 3 of 3 */
    public AlarmDatapoints getApiClientErrorRateDatapoints() {
        return apiClientErrorRateDatapoints;
    }

    /** Builds {@link ConnectorAlarms}; {@link #build()} validates every value and names it in its error. */
    public static final class Builder {
        private boolean enabled = true;
        private ITopic topic;
        private int deadLetterQueueThreshold = 1;
        private AlarmDatapoints deadLetterQueueDatapoints = AlarmDatapoints.of(1, 1);
        private Duration deadLetterQueueAgeThreshold = Duration.hours(252);
        private AlarmDatapoints deadLetterQueueAgeDatapoints = AlarmDatapoints.of(3, 3);
        private int rejectedHitsThreshold = 100;
        private AlarmDatapoints rejectedHitsDatapoints = AlarmDatapoints.of(2, 3);
        private Duration queueAgeThreshold = Duration.minutes(15);
        private AlarmDatapoints queueAgeDatapoints = AlarmDatapoints.of(3, 3);
        private AlarmDatapoints outageToleranceDatapoints = AlarmDatapoints.of(3, 3);
        private int destinationConfigurationErrorsThreshold = 1;
        private AlarmDatapoints destinationConfigurationErrorsDatapoints = AlarmDatapoints.of(2, 3);
        private int processorErrorsThreshold = 1;
        private AlarmDatapoints processorErrorsDatapoints = AlarmDatapoints.of(3, 5);
        private int processorThrottlesThreshold = 1;
        private AlarmDatapoints processorThrottlesDatapoints = AlarmDatapoints.of(3, 5);
        private int apiServerErrorsThreshold = 1;
        private AlarmDatapoints apiServerErrorsDatapoints = AlarmDatapoints.of(3, 5);
        private double apiClientErrorRateThreshold = 0.1;
        private AlarmDatapoints apiClientErrorRateDatapoints = AlarmDatapoints.of(3, 3);

        private Builder() {
        }

        /**
         * @param enabled whether the connector creates its alarms; default {@code true}. {@code false} is
         *                {@link ConnectorAlarms#none()}: no alarm, whatever else is set
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @param topic an SNS topic every alarm notifies, on alarm and back to OK; default none. If the topic is
         *              encrypted, its key policy must let {@code cloudwatch.amazonaws.com} use the key
         * @return this builder
         */
        public Builder topic(ITopic topic) {
            this.topic = topic;
            return this;
        }

        /**
         * The dead-letter queue holds only valid events that could not be delivered, each a real customer event, so
         * its alarm fires at the first message: the queue's {@code ApproximateNumberOfMessagesVisible} (Maximum per
         * minute).
         *
         * @param messages messages that fire the alarm, at least 1; default 1
         * @return this builder
         */
        public Builder deadLetterQueueThreshold(int messages) {
            this.deadLetterQueueThreshold = messages;
            return this;
        }

        /**
         * @param datapoints when the dead-letter queue alarm fires, in 1-minute periods; default 1 of 1 (the count
         *                   stays until someone moves the messages, so it cannot flap)
         * @return this builder
         */
        public Builder deadLetterQueueDatapoints(AlarmDatapoints datapoints) {
            this.deadLetterQueueDatapoints = datapoints;
            return this;
        }

        /**
         * The dead-letter queue keeps a message {@link #DEAD_LETTER_QUEUE_RETENTION 14 days}, then SQS deletes it: this
         * alarm warns while there is time to replay it ({@code ApproximateAgeOfOldestMessage}, Maximum per 5 minutes).
         *
         * @param age the oldest message's age that fires the alarm, whole seconds, at least 1 minute and less than
         *            14 days; default 252 hours (75 % of 14 days: three and a half days left)
         * @return this builder
         */
        public Builder deadLetterQueueAgeThreshold(Duration age) {
            this.deadLetterQueueAgeThreshold = age;
            return this;
        }

        /**
         * @param datapoints when the dead-letter queue age alarm fires, in 5-minute periods; default 3 of 3
         * @return this builder
         */
        public Builder deadLetterQueueAgeDatapoints(AlarmDatapoints datapoints) {
            this.deadLetterQueueAgeDatapoints = datapoints;
            return this;
        }

        /**
         * A public endpoint always receives some junk, so the rejected hits alarm watches a rate, not the first
         * message: the messages sent to the rejected queue (SQS's {@code NumberOfMessagesSent}, Sum per 5 minutes).
         * Set it above your usual junk and below what a broken tag on your site produces.
         *
         * @param hits rejected hits per 5 minutes that breach, at least 1; default 100
         * @return this builder
         */
        public Builder rejectedHitsThreshold(int hits) {
            this.rejectedHitsThreshold = hits;
            return this;
        }

        /**
         * @param datapoints when the rejected hits alarm fires, in 5-minute periods; default 2 of 3 (one burst of
         *                   junk does not page)
         * @return this builder
         */
        public Builder rejectedHitsDatapoints(AlarmDatapoints datapoints) {
            this.rejectedHitsDatapoints = datapoints;
            return this;
        }

        /**
         * The processor is not keeping up: the queue's oldest message is older than this
         * ({@code ApproximateAgeOfOldestMessage}, Maximum per minute). It fires early in a destination outage too,
         * while the outage tolerance alarm says when the outage starts to cost events.
         *
         * @param age the oldest message's age that breaches, whole seconds, at least 1 minute; default 15 minutes
         * @return this builder
         */
        public Builder queueAgeThreshold(Duration age) {
            this.queueAgeThreshold = age;
            return this;
        }

        /**
         * @param datapoints when the queue age alarm fires, in 1-minute periods; default 3 of 3
         * @return this builder
         */
        public Builder queueAgeDatapoints(AlarmDatapoints datapoints) {
            this.queueAgeDatapoints = datapoints;
            return this;
        }

        /**
         * The outage tolerance alarm fires when the queue's oldest message is older than half the outage the
         * connector rides out ({@code outageTolerance}, default 24 hours, so 12 hours): past the tolerance, retries run out and events go to the
         * dead-letter queue. Its threshold follows from the tolerance; only its datapoints are set here.
         *
         * @param datapoints when the outage tolerance alarm fires, in 5-minute periods; default 3 of 3
         * @return this builder
         */
        public Builder outageToleranceDatapoints(AlarmDatapoints datapoints) {
            this.outageToleranceDatapoints = datapoints;
            return this;
        }

        /**
         * The destination answered that the connector is misconfigured (access denied, an unknown stream, bus, domain
         * or application, a disabled KMS key): the processor's {@code DestinationConfigurationErrors} metric (Sum
         * per 5 minutes). The events are retried, not lost, until the outage tolerance runs out.
         *
         * @param errors errors per 5 minutes that breach, at least 1; default 1
         * @return this builder
         */
        public Builder destinationConfigurationErrorsThreshold(int errors) {
            this.destinationConfigurationErrorsThreshold = errors;
            return this;
        }

        /**
         * @param datapoints when the destination configuration errors alarm fires, in 5-minute periods; default 2 of
         *                   3 (an access denied while a new role propagates does not page)
         * @return this builder
         */
        public Builder destinationConfigurationErrorsDatapoints(AlarmDatapoints datapoints) {
            this.destinationConfigurationErrorsDatapoints = datapoints;
            return this;
        }

        /**
         * @param errors the processor's Lambda {@code Errors} per minute (Sum) that breach, at least 1; default 1
         * @return this builder
         */
        public Builder processorErrorsThreshold(int errors) {
            this.processorErrorsThreshold = errors;
            return this;
        }

        /**
         * @param datapoints when the processor errors alarm fires, in 1-minute periods; default 3 of 5
         * @return this builder
         */
        public Builder processorErrorsDatapoints(AlarmDatapoints datapoints) {
            this.processorErrorsDatapoints = datapoints;
            return this;
        }

        /**
         * @param throttles the processor's Lambda {@code Throttles} per minute (Sum) that breach, at least 1;
         *                  default 1
         * @return this builder
         */
        public Builder processorThrottlesThreshold(int throttles) {
            this.processorThrottlesThreshold = throttles;
            return this;
        }

        /**
         * @param datapoints when the processor throttles alarm fires, in 1-minute periods; default 3 of 5
         * @return this builder
         */
        public Builder processorThrottlesDatapoints(AlarmDatapoints datapoints) {
            this.processorThrottlesDatapoints = datapoints;
            return this;
        }

        /**
         * A 5xx from the events API is a hit that was not queued (SQS refused it: permissions, a disabled KMS key,
         * an SQS outage).
         *
         * @param errors the API's {@code 5XXError} per minute (Sum) that breach, at least 1; default 1
         * @return this builder
         */
        public Builder apiServerErrorsThreshold(int errors) {
            this.apiServerErrorsThreshold = errors;
            return this;
        }

        /**
         * @param datapoints when the API 5xx alarm fires, in 1-minute periods; default 3 of 5
         * @return this builder
         */
        public Builder apiServerErrorsDatapoints(AlarmDatapoints datapoints) {
            this.apiServerErrorsDatapoints = datapoints;
            return this;
        }

        /**
         * Hits the API refused: 429 (stage throttling), 413 (too large to queue), 403 (an authorizer's refusal, or
         * the web ACL's block), other 4xx. A refused hit is lost to the connector: the browser does not retry a pixel. The alarm watches
         * the rate, the API's {@code 4XXError} with the Average statistic, which API Gateway defines as 4xx answers
         * divided by requests ({@code Count}) in the period, so it scales with traffic.
         *
         * @param rate the share of requests answered 4xx per 5 minutes that breaches, above 0 and at most 1; default
         *             0.1 (10 %)
         * @return this builder
         */
        public Builder apiClientErrorRateThreshold(double rate) {
            this.apiClientErrorRateThreshold = rate;
            return this;
        }

        /**
         * @param datapoints when the API 4xx rate alarm fires, in 5-minute periods; default 3 of 3 (a few refused
         *                   hits in a quiet period make a high rate once; a quarter of an hour of them is a problem)
         * @return this builder
         */
        public Builder apiClientErrorRateDatapoints(AlarmDatapoints datapoints) {
            this.apiClientErrorRateDatapoints = datapoints;
            return this;
        }

        /**
         * @return the validated, immutable alarms
         * @throws IllegalArgumentException naming the value that is missing or out of range
         */
        public ConnectorAlarms build() {
            atLeastOne("deadLetterQueueThreshold", deadLetterQueueThreshold);
            atLeastOne("rejectedHitsThreshold", rejectedHitsThreshold);
            atLeastOne("destinationConfigurationErrorsThreshold", destinationConfigurationErrorsThreshold);
            atLeastOne("processorErrorsThreshold", processorErrorsThreshold);
            atLeastOne("processorThrottlesThreshold", processorThrottlesThreshold);
            atLeastOne("apiServerErrorsThreshold", apiServerErrorsThreshold);
            if (!(apiClientErrorRateThreshold > 0 && apiClientErrorRateThreshold <= 1)) {
                throw new IllegalArgumentException("alarms: apiClientErrorRateThreshold must be above 0 and at most 1 "
                        + "(a share of requests), got " + apiClientErrorRateThreshold);
            }
            long deadLetterAge = age("deadLetterQueueAgeThreshold", deadLetterQueueAgeThreshold);
            long retention = DEAD_LETTER_QUEUE_RETENTION.toSeconds().longValue();
            if (deadLetterAge >= retention) {
                throw new IllegalArgumentException("alarms: deadLetterQueueAgeThreshold must be less than the "
                        + "dead-letter queue's retention of 14 days (messages older than that are gone), got "
                        + deadLetterQueueAgeThreshold.toHumanString());
            }
            age("queueAgeThreshold", queueAgeThreshold);
            present("deadLetterQueueDatapoints", deadLetterQueueDatapoints);
            present("deadLetterQueueAgeDatapoints", deadLetterQueueAgeDatapoints);
            present("rejectedHitsDatapoints", rejectedHitsDatapoints);
            present("queueAgeDatapoints", queueAgeDatapoints);
            present("outageToleranceDatapoints", outageToleranceDatapoints);
            present("destinationConfigurationErrorsDatapoints", destinationConfigurationErrorsDatapoints);
            present("processorErrorsDatapoints", processorErrorsDatapoints);
            present("processorThrottlesDatapoints", processorThrottlesDatapoints);
            present("apiServerErrorsDatapoints", apiServerErrorsDatapoints);
            present("apiClientErrorRateDatapoints", apiClientErrorRateDatapoints);
            return new ConnectorAlarms(this);
        }

        private static void atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("alarms: " + name + " must be at least 1, got " + value);
            }
        }

        private static void present(String name, Object value) {
            if (value == null) {
                throw new IllegalArgumentException("alarms: " + name + " must not be null");
            }
        }

        /** @return the age in whole seconds, at least a minute */
        private static long age(String name, Duration age) {
            present(name, age);
            double millis = age.toMilliseconds().doubleValue();
            if (millis % 1000 != 0 || millis < 60_000) {
                throw new IllegalArgumentException("alarms: " + name + " must be a whole number of seconds, at "
                        + "least 1 minute, got " + age.toHumanString());
            }
            return (long) (millis / 1000);
        }
    }
}
