package io.github.pinpointgtm;

import java.util.List;

import io.github.pinpointgtm.internal.ConnectorAlarmSet;
import io.github.pinpointgtm.internal.ConnectorMetrics;
import io.github.pinpointgtm.internal.ConnectorQueues;
import io.github.pinpointgtm.internal.ScopedErrors;
import software.amazon.awscdk.services.apigateway.Authorizer;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A Google Tag Manager tracking-pixel endpoint that records every hit as a customer event.
 *
 * <p>{@code GET /events?event=...&endpoint_id=...} (the pixel) and {@code POST /events} (sendBeacon, fetch,
 * server-side GTM) on a REGIONAL REST API write an envelope to an encrypted SQS queue through an AWS service
 * integration and answer at once (a 43-byte GIF, or 202). A Java processor Lambda reads the queue in batches and
 * delivers the events to the configured {@link EventDestination} (Amazon Pinpoint, Kinesis Data Streams, Data
 * Firehose, EventBridge or Connect Customer Profiles). Hits the policy refuses go to the rejected queue and valid
 * events that cannot be delivered to the dead-letter queue, each with a reason; transient failures are retried. By
 * default an AWS WAF web ACL created with the connector guards the stage (see {@link EdgeProtection}).
 *
 * <pre>{@code
 * PinpointGtmConnector connector = new PinpointGtmConnector(this, "Connector",
 *     PinpointGtmConnectorProps.builder()
 *         .pinpointApplicationId("0123456789abcdef0123456789abcdef")
 *         // or: .destination(EventDestination.firehose(deliveryStream))
 *         .allowedOrigins(List.of("https://www.example.com"))
 *         .build());
 * }</pre>
 *
 * <p>Getters that may return {@code null} say when; "without alarms" means {@link ConnectorAlarms#none()}.
 */
public class PinpointGtmConnector extends Construct {

    /** The processor's handler (the processor module's contract). */
    public static final String PROCESSOR_HANDLER = "io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest";
    /** The alias the event source invokes when SnapStart is on. */
    public static final String LIVE_ALIAS = "live";

    private final ConnectorMetrics metrics;
    private final ConnectorQueues queues;
    private final ProcessorFunction processor;
    private final EventsApi api;
    private final StageProtection protection;
    private final ConnectorAlarmSet alarms;

    /**
     * @param scope the parent construct
     * @param id    the construct id
     * @param props the configuration (see {@link PinpointGtmConnectorProps#builder()})
     * @throws IllegalArgumentException naming the construct's path, if {@code props} is null or does not fit the stack
     */
    public PinpointGtmConnector(Construct scope, String id, PinpointGtmConnectorProps props) {
        super(scope, id);
        try {
            if (props == null) {
                throw new IllegalArgumentException("props is required: build them with "
                        + "PinpointGtmConnectorProps.builder()");
            }
            this.metrics = new ConnectorMetrics(props.getMetricsNamespace(), ConnectorMetrics.connectorName(this));
            ConnectorWarnings.addTo(this, props);
            this.queues = new ConnectorQueues(this, props);
            this.processor = ProcessorFunction.create(this, props, queues, metrics);
            this.api = new EventsApi(this, props, queues);
            this.protection = new StageProtection(this, props, api);
            this.alarms = ConnectorAlarmSet.create(this, props.getAlarms(), new ConnectorAlarmSet.Watched(
                    queues.queue(), queues.deadLetterQueue(), queues.rejectedQueue(), processor.function(),
                    api.restApi(), metrics, props.getOutageTolerance()));
        } catch (IllegalArgumentException e) {
            throw ScopedErrors.invalid(this, e);
        }
    }

    /** @return the REST API */
    public RestApi getRestApi() { return api.restApi(); }

    /** @return the queue API Gateway writes envelopes to */
    public Queue getQueue() { return queues.queue(); }

    /** @return the dead-letter queue: valid events that could not be delivered, each with its reason */
    public Queue getDeadLetterQueue() { return queues.deadLetterQueue(); }

    /** @return the rejected queue: hits the policy refused, with {@code reason} and {@code detail} attributes */
    public Queue getRejectedQueue() { return queues.rejectedQueue(); }

    /** @return the processor Lambda function */
    public Function getProcessor() { return processor.function(); }

    /** @return the processor's {@code live} alias the event source invokes, or {@code null} without SnapStart */
    public Alias getProcessorAlias() { return processor.alias(); }

    /** @return the processor's log group */
    public LogGroup getProcessorLogGroup() { return processor.logGroup(); }

    /** @return the API's access log group */
    public LogGroup getAccessLogGroup() { return api.accessLogGroup(); }

    /** @return the events URL to configure in GTM (a token): on the {@link CustomDomain} when one is set */
    public String getEventsUrl() { return api.eventsUrl(); }

    /** @return the API Gateway custom domain name, or {@code null} without a {@link CustomDomain} */
    public DomainName getEventsDomain() { return api.eventsDomain(); }

    /** @return the authorizer of GET and POST, or {@code null} with {@link ConnectorAuthorization#none()} */
    public Authorizer getAuthorizer() { return api.authorizer(); }

    /** @return the WAF web ACL association of the stage, or {@code null} with {@link EdgeProtection#none()} */
    public CfnWebACLAssociation getWebAclAssociation() { return protection.association(); }

    /** @return the web ACL the connector created, or {@code null} with {@link EdgeProtection#existingWebAcl} or none */
    public CfnWebACL getWebAcl() { return protection.webAcl(); }

    /** @return the created web ACL's logging configuration, or {@code null} without a web ACL or a log destination */
    public CfnLoggingConfiguration getWebAclLogging() { return protection.webAclLogging(); }

    // ------------------------------------------------------------------ alarms

    /** @return the alarm on messages in the dead-letter queue, or {@code null} without alarms */
    public Alarm getDeadLetterQueueAlarm() { return alarms.deadLetterQueue(); }

    /** @return the alarm on the dead-letter queue's oldest message near expiry, or {@code null} without alarms */
    public Alarm getDeadLetterQueueExpiryAlarm() { return alarms.deadLetterQueueAge(); }

    /** @return the alarm on the rate of rejected hits, or {@code null} without alarms */
    public Alarm getRejectedHitsAlarm() { return alarms.rejectedHits(); }

    /** @return the alarm on the age of the queue's oldest message, or {@code null} without alarms */
    public Alarm getOldestMessageAgeAlarm() { return alarms.queueAge(); }

    /** @return the alarm on the queue's oldest message nearing the outage tolerance, or {@code null} without alarms */
    public Alarm getOutageToleranceAlarm() { return alarms.outageTolerance(); }

    /** @return the alarm on the destination's configuration errors, or {@code null} without alarms */
    public Alarm getDestinationConfigurationErrorsAlarm() { return alarms.destinationConfigurationErrors(); }

    /** @return the alarm on processor errors, or {@code null} without alarms */
    public Alarm getProcessorErrorsAlarm() { return alarms.processorErrors(); }

    /** @return the alarm on processor throttles, or {@code null} without alarms */
    public Alarm getProcessorThrottlesAlarm() { return alarms.processorThrottles(); }

    /** @return the alarm on API 5xx answers, or {@code null} without alarms */
    public Alarm getApiServerErrorsAlarm() { return alarms.apiServerErrors(); }

    /** @return the alarm on the rate of API 4xx answers, or {@code null} without alarms */
    public Alarm getApiClientErrorRateAlarm() { return alarms.apiClientErrorRate(); }

    /** @return every alarm of the connector; empty with {@link ConnectorAlarms#none()} */
    public List<Alarm> getAlarms() { return alarms.all(); }

    // ----------------------------------------------------------------- metrics
    // The processor's metrics, with the connector's dimension; options (statistic, period...) override the default
    // Sum over 5 minutes (Average for the latency).

    /** @return messages whose event the destination accepted (the processor's {@code Delivered}) */
    public Metric metricDelivered() { return metricDelivered(null); }

    /**
     * @param options overrides, or null
     * @return messages whose event the destination accepted
     */
    public Metric metricDelivered(MetricOptions options) { return metrics.count(ConnectorMetrics.DELIVERED, options); }

    /** @return messages the processor dead-lettered (its {@code DeadLettered}; SQS's own redrives not included) */
    public Metric metricDeadLettered() { return metricDeadLettered(null); }

    /**
     * @param options overrides, or null
     * @return messages the processor sent to the dead-letter queue
     */
    public Metric metricDeadLettered(MetricOptions options) {
        return metrics.count(ConnectorMetrics.DEAD_LETTERED, options);
    }

    /** @return hits the rejected queue took, every reason together (the processor's {@code Rejected}) */
    public Metric metricRejected() { return metrics.count(ConnectorMetrics.REJECTED, null); }

    /**
     * @param reason a reason the policy refuses hits for, as in the rejected queue's {@code reason} attribute (e.g.
     *               {@code origin-not-allowed}, {@code identity-unverified}; the README lists them all)
     * @return hits the policy refused for that reason
     * @throws IllegalArgumentException naming {@code reason} when it is not one of the policy's reasons
     */
    public Metric metricRejected(String reason) { return metricRejected(reason, null); }

    /**
     * @param reason  the policy's reason (see {@link #metricRejected(String)})
     * @param options overrides, or null
     * @return hits the policy refused for that reason (the processor's {@code Rejected} by {@code reason})
     * @throws IllegalArgumentException naming {@code reason} when it is not one of the policy's reasons
     */
    public Metric metricRejected(String reason, MetricOptions options) {
        return ScopedErrors.within(this, () -> metrics.rejected(reason, options));
    }

    /** @return messages reported for retry (the processor's {@code Retried}) */
    public Metric metricRetried() { return metricRetried(null); }

    /**
     * @param options overrides, or null
     * @return messages reported for retry
     */
    public Metric metricRetried(MetricOptions options) { return metrics.count(ConnectorMetrics.RETRIED, options); }

    /**
     * @return events a destination failed one by one (throttled or 5xx) and the processor sent again within the
     *         invocation (the processor's {@code RecordsRetriedInCall}); each retry counts once
     */
    public Metric metricRetriedInCall() { return metricRetriedInCall(null); }

    /**
     * @param options overrides, or null
     * @return events sent again within the invocation
     */
    public Metric metricRetriedInCall(MetricOptions options) {
        return metrics.count(ConnectorMetrics.RECORDS_RETRIED_IN_CALL, options);
    }

    /** @return milliseconds per destination request (the processor's {@code DestinationLatency}) */
    public Metric metricDestinationLatency() { return metricDestinationLatency(null); }

    /**
     * @param options overrides (e.g. statistic {@code p99}), or null
     * @return milliseconds per destination request
     */
    public Metric metricDestinationLatency(MetricOptions options) { return metrics.destinationLatency(options); }

    /** @return the destination's answers that the connector is misconfigured, once per error and invocation */
    public Metric metricDestinationConfigurationErrors() { return metricDestinationConfigurationErrors(null); }

    /**
     * @param options overrides, or null
     * @return the destination's answers that the connector is misconfigured
     */
    public Metric metricDestinationConfigurationErrors(MetricOptions options) {
        return metrics.count(ConnectorMetrics.DESTINATION_CONFIGURATION_ERRORS, options);
    }

    /**
     * @param options overrides, or null
     * @return the requests the created web ACL blocked, all rules together (watch it for floods and for real
     *         visitors caught by a limit), or {@code null} when the connector created no web ACL
     */
    public Metric metricWebAclBlockedRequests(MetricOptions options) { return protection.metricBlocked(options); }
}
