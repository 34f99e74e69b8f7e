package io.github.pinpointgtm;

import java.util.List;
import java.util.regex.Pattern;

import io.github.pinpointgtm.internal.AllowedOrigins;
import io.github.pinpointgtm.internal.RetrySchedule;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * The configuration of a {@link PinpointGtmConnector}. Immutable; create it with {@link #builder()}.
 *
 * <p>Only {@code allowedOrigins} and the destination ({@code pinpointApplicationId} or {@code destination}) are
 * required; every other property has a secure, production-ready default stated in its Javadoc.
 */
public final class PinpointGtmConnectorProps {

    private static final Pattern EVENT_TYPE = Pattern.compile("[^,\\s](?:[^,]*[^,\\s])?");
    private static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.hours(24);
    private static final Pattern METRICS_NAMESPACE = Pattern.compile("[0-9A-Za-z.\\-_/#:]{1,255}");

    private final EventDestination destination;
    private final List<String> allowedOrigins;
    private final boolean allowRequestsWithoutOrigin;
    private final List<String> allowedEventTypes;
    private final boolean userAttributesEnabled;
    private final BotHandling botHits;
    private final Duration clientTimestampMaxSkew;
    private final boolean includeSourceIp;
    private final boolean includeFullReferer;
    private final boolean logPersonalData;
    private final ConnectorAuthorization authorization;
    private final IdentityVerification identityVerification;
    private final IKey encryptionKey;
    private final int maxReceiveCount;
    private final Duration outageTolerance;
    private final int batchSize;
    private final Duration maxBatchingWindow;
    private final int maxConcurrency;
    private final int processorMemorySize;
    private final Duration processorTimeout;
    private final int deliveryConcurrency;
    private final boolean snapStart;
    private final int throttlingRateLimit;
    private final int throttlingBurstLimit;
    private final boolean tracing;
    private final EdgeProtection edgeProtection;
    private final ConnectorAlarms alarms;
    private final RetentionDays logRetention;
    private final boolean createApiGatewayCloudWatchRole;
    private final String metricsNamespace;
    private final Duration rejectedRetention;

    private PinpointGtmConnectorProps(Builder b, EventDestination destination, List<String> allowedOrigins,
            List<String> allowedEventTypes, EdgeProtection edgeProtection, ConnectorAlarms alarms,
            int resolvedMaxReceiveCount, Duration resolvedOutageTolerance) {
        this.destination = destination;
        this.allowedOrigins = allowedOrigins;
        this.allowRequestsWithoutOrigin = b.allowRequestsWithoutOrigin;
        this.allowedEventTypes = allowedEventTypes;
        this.userAttributesEnabled = b.userAttributesEnabled;
        this.botHits = b.botHits;
        this.clientTimestampMaxSkew = b.clientTimestampMaxSkew;
        this.includeSourceIp = b.includeSourceIp;
        this.includeFullReferer = b.includeFullReferer;
        this.logPersonalData = b.logPersonalData;
        this.authorization = b.authorization;
        this.identityVerification = b.identityVerification;
        this.encryptionKey = b.encryptionKey;
        this.maxReceiveCount = resolvedMaxReceiveCount;
        this.outageTolerance = resolvedOutageTolerance;
        this.batchSize = b.batchSize;
        this.maxBatchingWindow = b.maxBatchingWindow;
        this.maxConcurrency = b.maxConcurrency;
        this.processorMemorySize = b.processorMemorySize;
        this.processorTimeout = b.processorTimeout;
        this.deliveryConcurrency = b.deliveryConcurrency;
        this.snapStart = b.snapStart;
        this.throttlingRateLimit = b.throttlingRateLimit;
        this.throttlingBurstLimit = b.throttlingBurstLimit;
        this.tracing = b.tracing;
        this.edgeProtection = edgeProtection;
        this.alarms = alarms;
        this.logRetention = b.logRetention;
        this.createApiGatewayCloudWatchRole = b.createApiGatewayCloudWatchRole;
        this.metricsNamespace = b.metricsNamespace;
        this.rejectedRetention = b.rejectedRetention;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return where events are delivered (required: set {@code destination} or its Pinpoint shorthand
     *         {@code pinpointApplicationId})
     */
    public EventDestination getDestination() {
        return destination;
    }

    /** @return the allowed origins (required), or {@code ["*"]} for any origin */
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    /** @return whether a hit with neither Origin nor Referer is accepted; default {@code false} */
    public boolean isAllowRequestsWithoutOrigin() {
        return allowRequestsWithoutOrigin;
    }

    /** @return the event-type allowlist; default empty (any event type) */
    public List<String> getAllowedEventTypes() {
        return allowedEventTypes;
    }

    /**
     * @return whether {@code usat_*} parameters are delivered as user attributes (Pinpoint: the endpoint's; other
     *         destinations: the event's {@code userAttributes}); default {@code false}
     */
    public boolean isUserAttributesEnabled() {
        return userAttributesEnabled;
    }

    /** @return what happens to hits whose User-Agent is a bot's; default {@link BotHandling#REJECT} */
    public BotHandling getBotHits() {
        return botHits;
    }

    /** @return how far a client timestamp may differ from the request time; default 5 minutes */
    public Duration getClientTimestampMaxSkew() {
        return clientTimestampMaxSkew;
    }

    /** @return whether the client IP is written to the envelope and the access log; default {@code false} */
    public boolean isIncludeSourceIp() {
        return includeSourceIp;
    }

    /**
     * @return whether the envelope keeps the whole {@code Referer} (the page URL) rather than only its origin;
     *         default {@code false}
     */
    public boolean isIncludeFullReferer() {
        return includeFullReferer;
    }

    /** @return whether the processor may log endpoint ids, IPs and user agents in full; default {@code false} */
    public boolean isLogPersonalData() {
        return logPersonalData;
    }

    /** @return who may send hits; default {@link ConnectorAuthorization#none()} */
    public ConnectorAuthorization getAuthorization() {
        return authorization;
    }

    /**
     * @return how endpoint ids sent by the browser are verified; default {@code null} (not verified: any caller may
     *         send any {@code endpoint_id})
     */
    public IdentityVerification getIdentityVerification() {
        return identityVerification;
    }

    /**
     * @return the KMS key of the queue, the rejected queue and the dead-letter queue; default {@code null}
     *         (SQS-managed server-side encryption)
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /**
     * @return the main queue's redrive {@code maxReceiveCount}: on that receive the processor dead-letters a message
     *         it would retry (reason {@code retries-exhausted}); derived from {@link #getOutageTolerance()} (55 for the
     *         default 24 hours) unless set with the deprecated {@link Builder#maxReceiveCount(int)}
     */
    public int getMaxReceiveCount() {
        return maxReceiveCount;
    }

    /**
     * @return the destination outage (or misconfiguration) the connector rides out without dead-lettering a valid
     *         event; default 24 hours. With the deprecated {@link Builder#maxReceiveCount(int)}, the outage that count
     *         rides out.
     */
    public Duration getOutageTolerance() {
        return outageTolerance;
    }

    /** @return the maximum messages per processor invocation; default 100 */
    public int getBatchSize() {
        return batchSize;
    }

    /** @return how long the event source gathers a batch; default 5 seconds */
    public Duration getMaxBatchingWindow() {
        return maxBatchingWindow;
    }

    /** @return the maximum concurrent processor invocations of the event source; default 10 */
    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    /** @return the processor's memory in MiB; default 1024 */
    public int getProcessorMemorySize() {
        return processorMemorySize;
    }

    /** @return the processor's timeout; default 30 seconds */
    public Duration getProcessorTimeout() {
        return processorTimeout;
    }

    /** @return parallel destination requests per invocation; default 4 */
    public int getDeliveryConcurrency() {
        return deliveryConcurrency;
    }

    /** @return whether SnapStart is on (published versions, alias {@code live}); default {@code true} */
    public boolean isSnapStart() {
        return snapStart;
    }

    /** @return the stage's steady-state request rate limit (requests per second); default 1000 */
    public int getThrottlingRateLimit() {
        return throttlingRateLimit;
    }

    /** @return the stage's burst limit (requests); default 2000 */
    public int getThrottlingBurstLimit() {
        return throttlingBurstLimit;
    }

    /** @return whether X-Ray tracing is on for the stage and the processor; default {@code false} */
    public boolean isTracing() {
        return tracing;
    }

    /** @return what protects the stage; default {@link EdgeProtection#defaults()} (a web ACL the connector creates) */
    public EdgeProtection getEdgeProtection() {
        return edgeProtection;
    }

    /**
     * @return the ARN of the application's web ACL ({@link EdgeProtection#existingWebAcl}), or {@code null}
     * @deprecated use {@link #getEdgeProtection()}
     */
    @Deprecated
    public String getWebAclArn() {
        return edgeProtection.getExistingWebAclArn();
    }

    /** @return the alarms, their thresholds and topic; default {@link ConnectorAlarms#defaults()} */
    public ConnectorAlarms getAlarms() {
        return alarms;
    }

    /**
     * @return the SNS topic notified by every alarm; default {@code null} (alarms without actions)
     * @deprecated use {@code getAlarms().getTopic()}
     */
    @Deprecated
    public ITopic getAlarmTopic() {
        return alarms.getTopic();
    }

    /** @return the retention of the access log and processor log groups; default one month */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /** @return whether to set the account-level API Gateway CloudWatch role; default {@code false} */
    public boolean isCreateApiGatewayCloudWatchRole() {
        return createApiGatewayCloudWatchRole;
    }

    /** @return the CloudWatch namespace of the processor's metrics; default {@code PinpointGtmConnector} */
    public String getMetricsNamespace() {
        return metricsNamespace;
    }

    /** @return how long the rejected queue keeps hits the policy refused; default 4 days */
    public Duration getRejectedRetention() {
        return rejectedRetention;
    }


    /** Builds {@link PinpointGtmConnectorProps}; {@link #build()} validates every value. */
    public static final class Builder {
        private String pinpointApplicationId;
        private EventDestination destination;
        private List<String> allowedOrigins;
        private boolean allowRequestsWithoutOrigin = false;
        private List<String> allowedEventTypes = List.of();
        private boolean userAttributesEnabled = false;
        private BotHandling botHits = BotHandling.REJECT;
        private Duration clientTimestampMaxSkew = Duration.minutes(5);
        private boolean includeSourceIp = false;
        private boolean includeFullReferer = false;
        private boolean logPersonalData = false;
        private ConnectorAuthorization authorization = ConnectorAuthorization.none();
        private IdentityVerification identityVerification;
        private IKey encryptionKey;
        private Integer maxReceiveCount;
        private Duration outageTolerance;
        private int batchSize = 100;
        private Duration maxBatchingWindow = Duration.seconds(5);
        private int maxConcurrency = 10;
        private int processorMemorySize = 1024;
        private Duration processorTimeout = Duration.seconds(30);
        private int deliveryConcurrency = 4;
        private boolean snapStart = true;
        private int throttlingRateLimit = 1000;
        private int throttlingBurstLimit = 2000;
        private boolean tracing = false;
        private EdgeProtection edgeProtection;
        private String webAclArn;
        private ITopic alarmTopic;
        private ConnectorAlarms alarms;
        private RetentionDays logRetention = RetentionDays.ONE_MONTH;
        private boolean createApiGatewayCloudWatchRole = false;
        private String metricsNamespace = "PinpointGtmConnector";
        private Duration rejectedRetention = Duration.days(4);

        private Builder() {
        }

        /**
         * Shorthand for {@code destination(EventDestination.pinpoint(applicationId))}. Set exactly one of
         * {@code pinpointApplicationId} and {@code destination}.
         *
         * @param pinpointApplicationId the Pinpoint project id (32 lowercase hex characters); no default
         * @return this builder
         */
        public Builder pinpointApplicationId(String pinpointApplicationId) {
            this.pinpointApplicationId = pinpointApplicationId;
            return this;
        }

        /**
         * Where events are delivered. Set exactly one of {@code destination} and {@code pinpointApplicationId};
         * no default. The factories:
         * <ul>
         *   <li>{@link EventDestination#pinpoint(String)}: Amazon Pinpoint {@code PutEvents};</li>
         *   <li>{@link EventDestination#kinesisStream(software.amazon.awscdk.services.kinesis.IStream)}: Amazon
         *       Kinesis Data Streams;</li>
         *   <li>{@link EventDestination#firehose(software.amazon.awscdk.services.kinesisfirehose.IDeliveryStream)}:
         *       Amazon Data Firehose;</li>
         *   <li>{@link EventDestination#eventBridge(software.amazon.awscdk.services.events.IEventBus)} (or with
         *       {@link EventBridgeDestinationOptions}): Amazon EventBridge;</li>
         *   <li>{@link EventDestination#customerProfiles(String, String)}: Amazon Connect Customer Profiles.</li>
         * </ul>
         * The processor's IAM role gets exactly the write permission of the chosen destination.
         *
         * @param destination where events are delivered
         * @return this builder
         */
        public Builder destination(EventDestination destination) {
            this.destination = destination;
            return this;
        }

        /**
         * The origins ({@code scheme://host[:port]}) of the sites allowed to send hits: they get CORS headers and
         * the processor rejects hits from other origins (a browser-level control, not authentication).
         * {@code List.of("*")} allows any origin and must be the only entry. Required; no default.
         *
         * @param allowedOrigins the allowed origins
         * @return this builder
         */
        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
            return this;
        }

        /**
         * @param allow accept hits that carry neither Origin nor Referer (e.g. server-side GTM); default false (they
         *              go to the rejected queue with reason {@code origin-missing})
         * @return this builder
         */
        public Builder allowRequestsWithoutOrigin(boolean allow) {
            this.allowRequestsWithoutOrigin = allow;
            return this;
        }

        /**
         * @param allowedEventTypes the event types accepted (others go to the rejected queue); default empty,
         *                          meaning any event type. Entries must not contain commas or surrounding spaces.
         * @return this builder
         */
        public Builder allowedEventTypes(List<String> allowedEventTypes) {
            this.allowedEventTypes = allowedEventTypes;
            return this;
        }

        /**
         * @param enabled deliver {@code usat_*} parameters as user attributes (Pinpoint: they update the endpoint;
         *                other destinations: the event's {@code userAttributes}); default false (an anonymous caller
         *                must not rewrite profiles)
         * @return this builder
         */
        public Builder userAttributesEnabled(boolean enabled) {
            this.userAttributesEnabled = enabled;
            return this;
        }

        /**
         * @param botHits what happens to a hit whose User-Agent is a bot's (a crawler, monitor, preview fetcher,
         *                headless browser or HTTP library): {@link BotHandling#REJECT} to the rejected queue with
         *                reason {@code bot}, or {@link BotHandling#DELIVER_FLAGGED} delivered with the event attribute
         *                {@code is_bot=true}; default {@link BotHandling#REJECT}
         * @return this builder
         */
        public Builder botHits(BotHandling botHits) {
            this.botHits = botHits;
            return this;
        }

        /**
         * @param maxSkew how far a client's {@code ts} may differ from API Gateway's request time before the
         *                request time is used instead; 0 seconds to 1 day, whole seconds; default 5 minutes
         * @return this builder
         */
        public Builder clientTimestampMaxSkew(Duration maxSkew) {
            this.clientTimestampMaxSkew = maxSkew;
            return this;
        }

        /**
         * @param include write the client IP to the envelope and the access log (personal data); default false
         * @return this builder
         */
        public Builder includeSourceIp(boolean include) {
            this.includeSourceIp = include;
            return this;
        }

        /**
         * @param include keep the whole {@code Referer} header (the page's URL, whose path and query can carry
         *                personal data) in the envelope; default false: only its origin
         *                ({@code scheme://host[:port]}), which is all the origin check needs. Campaign parameters
         *                travel in {@code page_url} either way.
         * @return this builder
         */
        public Builder includeFullReferer(boolean include) {
            this.includeFullReferer = include;
            return this;
        }

        /**
         * @param log let the processor log endpoint ids, IPs and user agents in full; default false (masked)
         * @return this builder
         */
        public Builder logPersonalData(boolean log) {
            this.logPersonalData = log;
            return this;
        }

        /**
         * @param authorization who may send hits; default {@link ConnectorAuthorization#none()}
         * @return this builder
         */
        public Builder authorization(ConnectorAuthorization authorization) {
            this.authorization = authorization;
            return this;
        }

        /**
         * Requires an HMAC signature ({@code endpoint_sig}) with every {@code endpoint_id} the browser sends, made by
         * the site's backend with a key kept in Secrets Manager; ids from an authorizer are trusted as they are.
         *
         * @param verification e.g. {@code IdentityVerification.hmacSha256(secret, "anon-")}; default {@code null}
         *                     (endpoint ids are not verified)
         * @return this builder
         */
        public Builder identityVerification(IdentityVerification verification) {
            this.identityVerification = verification;
            return this;
        }

        /**
         * @param encryptionKey a customer-managed KMS key for the queue, the rejected queue and the dead-letter queue;
         *                      default none (SQS-managed server-side encryption, SSE-SQS)
         * @return this builder
         */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * @param maxReceiveCount the main queue's redrive {@code maxReceiveCount}, 2 to 1000 and within what SQS's
         *                        14-day retention allows; default derived from {@link #outageTolerance(Duration)}
         * @return this builder
         * @deprecated set {@link #outageTolerance(Duration)} instead: the count follows from the outage to ride out
         *             and the processor's backoff (the README gives the formula); the two are mutually exclusive
         */
        @Deprecated
        public Builder maxReceiveCount(int maxReceiveCount) {
            this.maxReceiveCount = maxReceiveCount;
            return this;
        }

        /**
         * The destination outage (or misconfiguration) the connector must ride out without dead-lettering a valid
         * event. The processor postpones a message it must retry by an exponential backoff (30 s doubling up to 1
         * hour, with jitter over the upper half); the main queue's {@code maxReceiveCount} is the smallest whose
         * shortest course of backoffs covers this tolerance, and its retention is the longest course plus a day (at
         * least 4 days). On the last receive the processor dead-letters the message with reason
         * {@code retries-exhausted}.
         *
         * @param tolerance whole seconds, at least 1 second, at most what SQS's 14-day retention allows (about 6 days
         *                  with the default processor timeout and batching window); default 24 hours
         * @return this builder
         */
        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = tolerance;
            return this;
        }

        /**
         * @param batchSize messages per processor invocation, 1 to 10,000 (above 10 needs a batching window of at
         *                  least 1 second); default 100
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param window how long the event source gathers a batch, 0 to 300 seconds; default 5 seconds
         * @return this builder
         */
        public Builder maxBatchingWindow(Duration window) {
            this.maxBatchingWindow = window;
            return this;
        }

        /**
         * @param maxConcurrency concurrent processor invocations of the event source, 2 to 1000; default 10
         * @return this builder
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /**
         * @param memorySize the processor's memory in MiB, 128 to 10,240; default 1024 (more memory is more CPU,
         *                   which a Java function's start-up needs)
         * @return this builder
         */
        public Builder processorMemorySize(int memorySize) {
            this.processorMemorySize = memorySize;
            return this;
        }

        /**
         * @param timeout the processor's timeout, 1 second to 15 minutes, whole seconds; default 30 seconds. The
         *                queue's visibility timeout is 6 times this plus the batching window.
         * @return this builder
         */
        public Builder processorTimeout(Duration timeout) {
            this.processorTimeout = timeout;
            return this;
        }

        /**
         * @param deliveryConcurrency parallel destination requests per invocation, 1 to 64; default 4
         * @return this builder
         */
        public Builder deliveryConcurrency(int deliveryConcurrency) {
            this.deliveryConcurrency = deliveryConcurrency;
            return this;
        }

        /**
         * @param snapStart SnapStart on published versions, with the event source on the {@code live} alias;
         *                  default true
         * @return this builder
         */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /**
         * @param rateLimit the stage's steady-state rate limit in requests per second, 1 to 1,000,000; default 1000
         * @return this builder
         */
        public Builder throttlingRateLimit(int rateLimit) {
            this.throttlingRateLimit = rateLimit;
            return this;
        }

        /**
         * @param burstLimit the stage's burst limit in requests, 1 to 1,000,000; default 2000
         * @return this builder
         */
        public Builder throttlingBurstLimit(int burstLimit) {
            this.throttlingBurstLimit = burstLimit;
            return this;
        }

        /**
         * @param tracing X-Ray tracing for the stage and the processor; default false
         * @return this builder
         */
        public Builder tracing(boolean tracing) {
            this.tracing = tracing;
            return this;
        }

        /**
         * What protects the stage before API Gateway:
         * <ul>
         *   <li>{@link EdgeProtection#defaults()} (the default): a REGIONAL AWS WAF web ACL the connector creates and
         *       associates with the stage: a rate limit of 10,000 requests per client IP per 5 minutes, the AWS
         *       managed IP reputation and known-bad-inputs rule groups, and 413 for query strings over 8,192 bytes
         *       and bodies over 16,384 bytes; no WAF logging;</li>
         *   <li>{@link EdgeProtection#webAcl(EdgeProtectionOptions)}: the same with other limits, the per-endpoint_id
         *       rate limit, the anonymous-IP list or WAF logging;</li>
         *   <li>{@link EdgeProtection#existingWebAcl(String)}: the application's own web ACL;</li>
         *   <li>{@link EdgeProtection#none()}: no web ACL.</li>
         * </ul>
         * A web ACL costs a monthly fee per ACL and rule plus a price per million requests (see the README's "Cost").
         *
         * @param edgeProtection what protects the stage; default {@link EdgeProtection#defaults()}
         * @return this builder
         */
        public Builder edgeProtection(EdgeProtection edgeProtection) {
            this.edgeProtection = edgeProtection;
            return this;
        }

        /**
         * @param webAclArn a WAFv2 web ACL with REGIONAL scope to associate with the stage (its ARN,
         *                  {@code arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>}); default none
         * @return this builder
         * @deprecated use {@code edgeProtection(EdgeProtection.existingWebAcl(webAclArn))}; setting both is an error
         */
        @Deprecated
        public Builder webAclArn(String webAclArn) {
            this.webAclArn = webAclArn;
            return this;
        }

        /**
         * The alarms on lost, refused and waiting hits, on the destination and on the processor: thresholds, M-of-N
         * datapoints and the SNS topic they notify (see {@link ConnectorAlarms}).
         *
         * @param alarms the alarms; default {@link ConnectorAlarms#defaults()} (every alarm, no topic);
         *               {@link ConnectorAlarms#none()} creates none
         * @return this builder
         */
        public Builder alarms(ConnectorAlarms alarms) {
            this.alarms = alarms;
            return this;
        }

        /**
         * @param alarmTopic an SNS topic every alarm notifies (on alarm and back to OK); default none. If the topic
         *                   is encrypted, its key policy must let {@code cloudwatch.amazonaws.com} use the key.
         * @return this builder
         * @deprecated use {@code alarms(ConnectorAlarms.builder().topic(alarmTopic).build())}; setting both is an
         *             error
         */
        @Deprecated
        public Builder alarmTopic(ITopic alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        /**
         * @param logRetention retention of the access log and processor log groups; default one month
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /**
         * API Gateway writes access and execution logs with ONE role per account and region (the account
         * setting {@code cloudWatchRoleArn}); a stage with logging fails to deploy until it is set. Default false:
         * the setting is account-wide, so it belongs to the account's baseline, and two stacks that both set it
         * overwrite each other. Set true to create the role (with the AWS managed policy
         * {@code AmazonAPIGatewayPushToCloudWatchLogs}, retained on stack deletion) and the account setting here.
         *
         * @param create whether to create the account-level API Gateway CloudWatch role; default false
         * @return this builder
         */
        public Builder createApiGatewayCloudWatchRole(boolean create) {
            this.createApiGatewayCloudWatchRole = create;
            return this;
        }

        /**
         * @param metricsNamespace the CloudWatch namespace of the processor's metrics; default
         *                         {@code PinpointGtmConnector}
         * @return this builder
         */
        public Builder metricsNamespace(String metricsNamespace) {
            this.metricsNamespace = metricsNamespace;
            return this;
        }

        /**
         * How long the rejected queue keeps the hits the policy refused (malformed, foreign origin, event type,
         * limits, identity) for a person to read them, or to send them to the main queue again after a policy change.
         *
         * @param retention 1 minute to 14 days (SQS's range), whole seconds; default 4 days (SQS's default)
         * @return this builder
         */
        public Builder rejectedRetention(Duration retention) {
            this.rejectedRetention = retention;
            return this;
        }

        /**
         * @return the validated, immutable props
         * @throws IllegalArgumentException naming the property that is missing or out of range
         */
        public PinpointGtmConnectorProps build() {
            if (pinpointApplicationId != null && destination != null) {
                throw new IllegalArgumentException("pinpointApplicationId and destination are mutually exclusive: "
                        + "set exactly one (pinpointApplicationId(id) is shorthand for "
                        + "destination(EventDestination.pinpoint(id)))");
            }
            if (pinpointApplicationId == null && destination == null) {
                throw new IllegalArgumentException("a destination is required: set destination(EventDestination."
                        + "pinpoint | kinesisStream | firehose | eventBridge | customerProfiles(...)), or "
                        + "pinpointApplicationId for Amazon Pinpoint");
            }
            EventDestination resolvedDestination = pinpointApplicationId != null
                    ? EventDestination.pinpoint(pinpointApplicationId)
                    : destination;
            List<String> origins = AllowedOrigins.validate(allowedOrigins);
            List<String> eventTypes = validateEventTypes(allowedEventTypes);
            requireNonNull(authorization, "authorization");
            requireNonNull(logRetention, "logRetention");
            requireNonNull(botHits, "botHits");
            requireRange("batchSize", batchSize, 1, 10_000);
            requireRange("maxConcurrency", maxConcurrency, 2, 1000);
            requireRange("processorMemorySize", processorMemorySize, 128, 10_240);
            requireRange("deliveryConcurrency", deliveryConcurrency, 1, 64);
            requireRange("throttlingRateLimit", throttlingRateLimit, 1, 1_000_000);
            requireRange("throttlingBurstLimit", throttlingBurstLimit, 1, 1_000_000);
            long skew = wholeSeconds("clientTimestampMaxSkew", clientTimestampMaxSkew);
            requireRange("clientTimestampMaxSkew (seconds)", skew, 0, 86_400);
            long window = wholeSeconds("maxBatchingWindow", maxBatchingWindow);
            requireRange("maxBatchingWindow (seconds)", window, 0, 300);
            long rejectedRetentionSeconds = wholeSeconds("rejectedRetention", rejectedRetention);
            requireRange("rejectedRetention (seconds)", rejectedRetentionSeconds, 60, 1_209_600);
            long timeout = wholeSeconds("processorTimeout", processorTimeout);
            requireRange("processorTimeout (seconds)", timeout, 1, 900);
            if (maxReceiveCount != null && outageTolerance != null) {
                throw new IllegalArgumentException("maxReceiveCount and outageTolerance are mutually exclusive: "
                        + "maxReceiveCount is deprecated, set outageTolerance alone");
            }
            RetrySchedule retries = new RetrySchedule(timeout, window);
            int resolvedMaxReceiveCount;
            Duration resolvedOutageTolerance;
            if (maxReceiveCount != null) {
                retries.requireRetentionFits(maxReceiveCount);
                resolvedMaxReceiveCount = maxReceiveCount;
                resolvedOutageTolerance = Duration.seconds(RetrySchedule.toleranceSeconds(maxReceiveCount));
            } else {
                resolvedOutageTolerance = outageTolerance != null ? outageTolerance : DEFAULT_OUTAGE_TOLERANCE;
                resolvedMaxReceiveCount = retries.maxReceiveCountForTolerance(
                        wholeSeconds("outageTolerance", resolvedOutageTolerance));
            }
            if (batchSize > 10 && window < 1) {
                throw new IllegalArgumentException("batchSize " + batchSize
                        + " needs a maxBatchingWindow of at least 1 second (SQS allows more than 10 messages per "
                        + "batch only with a batching window)");
            }
            EdgeProtection resolvedEdgeProtection = resolveEdgeProtection();
            requireNonNull(metricsNamespace, "metricsNamespace");
            if (!METRICS_NAMESPACE.matcher(metricsNamespace).matches() || metricsNamespace.startsWith(":")
                    || metricsNamespace.startsWith("AWS/")) {
                throw new IllegalArgumentException("metricsNamespace must be 1-255 characters of [0-9A-Za-z.-_/#:], "
                        + "not start with ':' or 'AWS/', got '" + metricsNamespace + "'");
            }
            return new PinpointGtmConnectorProps(this, resolvedDestination, origins, eventTypes,
                    resolvedEdgeProtection, resolveAlarms(), resolvedMaxReceiveCount, resolvedOutageTolerance);
        }

        /** {@code alarmTopic} is the deprecated spelling of {@code alarms(ConnectorAlarms...topic(topic))}. */
        private ConnectorAlarms resolveAlarms() {
            if (alarmTopic != null && alarms != null) {
                throw new IllegalArgumentException("alarmTopic and alarms are mutually exclusive: alarmTopic is "
                        + "deprecated, use alarms(ConnectorAlarms.builder().topic(alarmTopic)...build()) alone");
            }
            if (alarmTopic != null) {
                return ConnectorAlarms.builder().topic(alarmTopic).build();
            }
            return alarms != null ? alarms : ConnectorAlarms.defaults();
        }

        /** {@code webAclArn} is the deprecated spelling of {@code edgeProtection(existingWebAcl(arn))}. */
        private EdgeProtection resolveEdgeProtection() {
            if (webAclArn != null && edgeProtection != null) {
                throw new IllegalArgumentException("webAclArn and edgeProtection are mutually exclusive: webAclArn is "
                        + "deprecated, use edgeProtection(EdgeProtection.existingWebAcl(webAclArn)) alone");
            }
            if (webAclArn != null) {
                return EdgeProtection.existingWebAcl(webAclArn);
            }
            return edgeProtection != null ? edgeProtection : EdgeProtection.defaults();
        }

        private static List<String> validateEventTypes(List<String> eventTypes) {
            requireNonNull(eventTypes, "allowedEventTypes");
            for (String eventType : eventTypes) {
                if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
                    throw new IllegalArgumentException("allowedEventTypes: '" + eventType
                            + "' must be non-empty, without commas and without leading or trailing whitespace");
                }
            }
            return List.copyOf(eventTypes);
        }

        private static void requireNonNull(Object value, String prop) {
            if (value == null) {
                throw new IllegalArgumentException(prop + " must not be null");
            }
        }

        private static void requireRange(String prop, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(prop + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static long wholeSeconds(String prop, Duration duration) {
            requireNonNull(duration, prop);
            double millis = duration.toMilliseconds().doubleValue();
            if (millis % 1000 != 0) {
                throw new IllegalArgumentException(prop + " must be a whole number of seconds, got " + duration.toHumanString());
            }
            return (long) (millis / 1000);
        }
    }
}
