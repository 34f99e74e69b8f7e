package io.github.pinpointgtm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.AccessLogFields;
import io.github.pinpointgtm.internal.AnonymousEndpointJustification;
import io.github.pinpointgtm.internal.ConnectorAlarmSet;
import io.github.pinpointgtm.internal.ConnectorMetrics;
import io.github.pinpointgtm.internal.CorsResponses;
import io.github.pinpointgtm.internal.EdgeWebAcl;
import io.github.pinpointgtm.internal.EventResponses;
import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.internal.LogFingerprintSalt;
import io.github.pinpointgtm.internal.IdentityKeyAccess;
import io.github.pinpointgtm.internal.NagSuppressions;
import io.github.pinpointgtm.internal.ProcessorCode;
import io.github.pinpointgtm.internal.ProcessorEnvironment;
import io.github.pinpointgtm.internal.RetrySchedule;
import io.github.pinpointgtm.internal.SynthWarnings;
import io.github.pinpointgtm.internal.RejectedHits;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.Authorizer;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
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
 * events that cannot be delivered to the dead-letter queue, each with a reason; transient failures are retried. By default an AWS WAF web ACL created with the connector
 * guards the stage (see {@link EdgeProtection}).
 *
 * <pre>{@code
 * PinpointGtmConnector connector = new PinpointGtmConnector(this, "Connector",
 *     PinpointGtmConnectorProps.builder()
 *         .pinpointApplicationId("0123456789abcdef0123456789abcdef")
 *         // or: .destination(EventDestination.firehose(deliveryStream))
 *         .allowedOrigins(List.of("https://www.example.com"))
 *         .build());
 * }</pre>
 */
public class PinpointGtmConnector extends Construct {

    /** The processor's handler (the processor module's contract). */
    public static final String PROCESSOR_HANDLER = "io.github.pinpointgtm.runtime.SqsEventHandler::handleRequest";
    /** The alias the event source invokes when SnapStart is on. */
    public static final String LIVE_ALIAS = "live";
    /** Media types treated as binary: see {@link #createRestApi}. */
    static final List<String> BINARY_MEDIA_TYPES = List.of("image/gif", "image/*");
    /** The queues' maximum message size: 1 MiB, the largest SQS accepts. */
    static final int MAX_MESSAGE_SIZE_BYTES = 1_048_576;

    private final PinpointGtmConnectorProps props;
    private final CorsResponses cors;
    private final EventResponses responses;
    private final Queue deadLetterQueue;
    private final Queue rejectedQueue;
    private final Queue queue;
    private final LogGroup processorLogGroup;
    private final Function processor;
    private final Alias processorAlias;
    private final LogGroup accessLogGroup;
    private final RestApi restApi;
    private final Resource eventsResource;
    private final Authorizer authorizer;
    private final EdgeWebAcl edgeWebAcl;
    private final CfnWebACLAssociation webAclAssociation;
    private final ConnectorMetrics metrics;
    private final ConnectorAlarmSet alarms;

    /**
     * @param scope the parent construct
     * @param id    the construct id
     * @param props the configuration (see {@link PinpointGtmConnectorProps#builder()})
     * @throws IllegalArgumentException if {@code props} is null
     */
    public PinpointGtmConnector(Construct scope, String id, PinpointGtmConnectorProps props) {
        super(scope, id);
        if (props == null) {
            throw new IllegalArgumentException("props is required: build them with PinpointGtmConnectorProps.builder()");
        }
        this.props = props;
        this.metrics = new ConnectorMetrics(props.getMetricsNamespace(), ConnectorMetrics.connectorName(this));
        validateAgainstStack(props);
        warnAboutRisks(props);
        this.cors = new CorsResponses(props.getAllowedOrigins());
        this.responses = new EventResponses(cors);

        this.deadLetterQueue = createDeadLetterQueue();
        this.rejectedQueue = RejectedHits.createQueue(encrypted(Queue.Builder.create(this, "RejectedQueue")),
                props.getRejectedRetention());
        this.queue = createQueue();
        this.processorLogGroup = LogGroup.Builder.create(this, "ProcessorLogs")
                .retention(props.getLogRetention())
                .build();
        this.processor = createProcessor();
        this.processorAlias = props.isSnapStart()
                ? Alias.Builder.create(this, "ProcessorLiveAlias")
                        .aliasName(LIVE_ALIAS)
                        .version(processor.getCurrentVersion())
                        .build()
                : null;
        SqsEventSource eventSource = SqsEventSource.Builder.create(queue)
                .batchSize(props.getBatchSize())
                .maxBatchingWindow(props.getMaxBatchingWindow())
                .maxConcurrency(props.getMaxConcurrency())
                .reportBatchItemFailures(true)
                .build();
        // The event source's grant (consume messages, this queue only) includes ChangeMessageVisibility and
        // GetQueueUrl, all the processor's backoff needs: no statement of its own.
        if (processorAlias != null) {
            processorAlias.addEventSource(eventSource);
        } else {
            processor.addEventSource(eventSource);
        }

        this.accessLogGroup = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.getLogRetention())
                .build();
        this.restApi = createRestApi();
        this.authorizer = props.getAuthorization().createAuthorizer(this);
        this.eventsResource = restApi.getRoot().addResource("events");
        List<Method> eventMethods = addEventMethods();
        addGatewayResponses();
        this.edgeWebAcl = createWebAcl();
        this.webAclAssociation = associateWebAcl(eventMethods);

        this.alarms = ConnectorAlarmSet.create(this, props.getAlarms(), new ConnectorAlarmSet.Watched(queue,
                deadLetterQueue, rejectedQueue, processor, restApi, metrics, props.getOutageTolerance()));
    }

    /*
     * Rules that need the stack (props alone cannot know it). A regional web ACL can only protect a stage in its
     * own region and account.
     */
    private void validateAgainstStack(PinpointGtmConnectorProps props) {
        String webAclArn = props.getEdgeProtection().getExistingWebAclArn();
        if (webAclArn == null || Token.isUnresolved(webAclArn)) {
            return;
        }
        String[] arn = webAclArn.split(":", 6);
        Stack stack = Stack.of(this);
        if (!Token.isUnresolved(stack.getRegion()) && !arn[3].equals(stack.getRegion())) {
            throw new IllegalArgumentException("webAclArn is in region " + arn[3] + " but the stack deploys to "
                    + stack.getRegion() + ": a regional web ACL protects only stages in its own region");
        }
        if (!Token.isUnresolved(stack.getAccount()) && !arn[4].equals(stack.getAccount())) {
            throw new IllegalArgumentException("webAclArn belongs to account " + arn[4] + " but the stack deploys to "
                    + stack.getAccount() + ": a web ACL protects only resources of its own account");
        }
    }

    // ------------------------------------------------------------------ edge

    private EdgeWebAcl createWebAcl() {
        EdgeProtectionOptions options = props.getEdgeProtection().getOptions();
        if (options == null) {
            return null;
        }
        String logDestinationArn = options.getLogDestination() == null ? null
                : options.getLogDestination().destinationArn(this);
        ConnectorAuthorization authorization = props.getAuthorization();
        return new EdgeWebAcl(this, options, logDestinationArn, authorization.credentialQueryParameters(),
                authorization.credentialHeaders());
    }

    /** Associates the created or the application's web ACL with the stage, which answers for anonymous methods. */
    private CfnWebACLAssociation associateWebAcl(List<Method> eventMethods) {
        String webAclArn = edgeWebAcl != null ? edgeWebAcl.getWebAcl().getAttrArn()
                : props.getEdgeProtection().getExistingWebAclArn();
        if (webAclArn == null) {
            return null;
        }
        if (props.getAuthorization().authorizationType() == AuthorizationType.NONE) {
            justifyAnonymousMethods(eventMethods);
        }
        return CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
                .resourceArn(restApi.getDeploymentStage().getStageArn())
                .webAclArn(webAclArn)
                .build();
    }

    /** cdk-nag's APIG4 and COG4 on the open methods, answered by the controls present. */
    private void justifyAnonymousMethods(List<Method> methods) {
        String webAcl = edgeWebAcl != null ? edgeWebAcl.describeControls()
                : "the application's AWS WAF web ACL " + props.getEdgeProtection().getExistingWebAclArn();
        new AnonymousEndpointJustification(webAcl)
                .stageThrottling(props.getThrottlingRateLimit(), props.getThrottlingBurstLimit())
                .originPolicy(props.getAllowedOrigins())
                .eventTypeAllowlist(!props.getAllowedEventTypes().isEmpty())
                .identityVerification(props.getIdentityVerification() != null)
                .suppressOn(methods);
    }

    /* Risky but valid combinations: warnings with stable ids, listed in the README, acknowledgeable. */
    private void warnAboutRisks(PinpointGtmConnectorProps props) {
        IdentityVerification identity = props.getIdentityVerification();
        SynthWarnings.addTo(this, SynthWarnings.of(new SynthWarnings.Inputs(
                props.getAuthorization().authorizationType() == AuthorizationType.NONE, identity != null,
                identity != null && identity.getAnonymousPrefix() != null,
                props.getDestination().getDestinationType(), props.getAllowedOrigins(),
                props.isAllowRequestsWithoutOrigin(), props.isUserAttributesEnabled(), props.getAllowedEventTypes())));
    }

    // ---------------------------------------------------------------- queues

    private Queue createDeadLetterQueue() {
        Queue dlq = encrypted(Queue.Builder.create(this, "DeadLetterQueue"))
                .retentionPeriod(ConnectorAlarms.DEAD_LETTER_QUEUE_RETENTION)
                .enforceSsl(true)
                .build();
        return dlq;
    }

    private Queue createQueue() {
        long timeout = props.getProcessorTimeout().toSeconds().longValue();
        long window = props.getMaxBatchingWindow().toSeconds().longValue();
        return encrypted(Queue.Builder.create(this, "Queue"))
                // AWS: at least 6 times the function timeout, plus the batching window.
                .visibilityTimeout(Duration.seconds(6 * timeout + window))
                // Long enough for the processor's last receive of a message it keeps retrying (RetrySchedule).
                .retentionPeriod(Duration.seconds(
                        new RetrySchedule(timeout, window).retentionSeconds(props.getMaxReceiveCount())))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(props.getMaxReceiveCount())
                        .build())
                .enforceSsl(true)
                .build();
    }

    private Queue.Builder encrypted(Queue.Builder builder) {
        // SQS's largest message: a beacon body URL-encoded into the envelope can grow to three times its size,
        // and a message SQS refuses is a lost hit. Every queue alike, so every message can be set aside.
        builder.maxMessageSizeBytes(MAX_MESSAGE_SIZE_BYTES);
        IKey key = props.getEncryptionKey();
        return key == null
                ? builder.encryption(QueueEncryption.SQS_MANAGED)
                : builder.encryption(QueueEncryption.KMS).encryptionMasterKey(key);
    }

    // ------------------------------------------------------------- processor

    private Function createProcessor() {
        Role role = Role.Builder.create(this, "ProcessorRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("pinpoint-gtm-connector processor: its log group, its destination, its queues only")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(processorLogGroup.getLogGroupArn()))
                .build());
        // The processor itself sends undeliverable events to the DLQ and refused hits to the rejected queue, with a
        // reason attribute. Only SendMessage: grantSendMessages would add GetQueueAttributes and GetQueueUrl.
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(rejectedQueue.getQueueArn()))
                .build());
        grantKeyForSending(role);
        props.getDestination().grantDelivery(this, role);

        ProcessorEnvironment environment = new ProcessorEnvironment(
                props.getDestination().getDestinationType(),
                props.getDestination().processorEnvironment(),
                deadLetterQueue.getQueueUrl(),
                rejectedQueue.getQueueUrl())
                .allowedOrigins(props.getAllowedOrigins())
                .allowMissingOrigin(props.isAllowRequestsWithoutOrigin())
                .allowedEventTypes(props.getAllowedEventTypes())
                .userAttributesEnabled(props.isUserAttributesEnabled())
                .deliverBotHitsFlagged(props.getBotHits() == BotHandling.DELIVER_FLAGGED)
                .clientTimestampMaxSkewSeconds(props.getClientTimestampMaxSkew().toSeconds().longValue())
                .deliveryConcurrency(props.getDeliveryConcurrency())
                .maxReceiveCount(props.getMaxReceiveCount())
                .metricsNamespace(props.getMetricsNamespace())
                .connectorName(metrics.getConnectorName())
                .logPersonalData(props.isLogPersonalData())
                .logFingerprintSalt(LogFingerprintSalt.of(this));
        IdentityVerification identity = props.getIdentityVerification();
        if (identity != null) {
            IdentityKeyAccess.grantRead(role, identity.getSecret());
            environment.identityVerification(identity.getSecret().getSecretArn(), identity.getAnonymousPrefix());
        }

        Function.Builder builder = Function.Builder.create(this, "Processor")
                .description("pinpoint-gtm-connector processor: queued GTM hits to customer events")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(PROCESSOR_HANDLER)
                .code(Code.fromAsset(ProcessorCode.jar(props.getDestination().getDestinationType()).toString()))
                .memorySize(props.getProcessorMemorySize())
                .timeout(props.getProcessorTimeout())
                .role(role)
                .logGroup(processorLogGroup)
                .environment(new LinkedHashMap<>(environment.toMap()));
        if (props.isSnapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (props.isTracing()) {
            builder.tracing(Tracing.ACTIVE);
        }
        Function function = builder.build();
        NagSuppressions.suppress(function, "AwsSolutions-L1",
                "The embedded processor jar is built and tested on the java21 runtime; moving it to a newer "
                        + "runtime is a deliberate, tested release of this library.");
        if (props.isTracing()) {
            NagSuppressions.suppress(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                    "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions.",
                    List.of("Resource::*"));
        }
        return function;
    }

    private void grantKeyForSending(Role role) {
        IKey key = props.getEncryptionKey();
        if (key != null) {
            role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                    .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                    .resources(List.of(key.getKeyArn()))
                    .build());
        }
    }

    // ------------------------------------------------------------------- API

    /*
     * binaryMediaTypes: the GET integration response turns its base64 text into the GIF (CONVERT_TO_BINARY).
     * API Gateway looks at the first media type of the request's Accept header, which for an <img> or GTM pixel is
     * an image type (image/avif, image/webp...): "image/*" matches those and "image/gif" any client that asks for
     * exactly the GIF. Never "*" + "/*": that would make every request body binary, breaking the JSON/text POST
     * templates and the MOCK integration of the CORS preflight.
     */
    private RestApi createRestApi() {
        String apiName = Names.uniqueResourceName(this, UniqueResourceNameOptions.builder().maxLength(128).build());
        RestApi.Builder apiBuilder = RestApi.Builder.create(this, "Api")
                .restApiName(apiName)
                .description("pinpoint-gtm-connector: GTM pixel and beacon endpoint")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .binaryMediaTypes(BINARY_MEDIA_TYPES)
                .cloudWatchRole(props.isCreateApiGatewayCloudWatchRole())
                .deployOptions(StageOptions.builder()
                        .throttlingRateLimit(props.getThrottlingRateLimit())
                        .throttlingBurstLimit(props.getThrottlingBurstLimit())
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        // Full request/response logging would write query strings (endpoint ids) to the logs.
                        .dataTraceEnabled(false)
                        .tracingEnabled(props.isTracing())
                        .accessLogDestination(new LogGroupLogDestination(accessLogGroup))
                        .accessLogFormat(AccessLogFormat.custom(AccessLogFields.json(props.isIncludeSourceIp())))
                        .build());
        if (props.isCreateApiGatewayCloudWatchRole()) {
            // Other APIs of the account log through the same role: keep it when this stack goes.
            apiBuilder.cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN);
        }
        RestApi api = apiBuilder.build();
        NagSuppressions.suppress(api, "AwsSolutions-APIG2",
                "Hits are validated by the processor, which keeps every invalid hit in the rejected queue with "
                        + "a reason; rejecting them at the gateway would lose them.");
        if (props.isCreateApiGatewayCloudWatchRole()) {
            Construct cloudWatchRole = (Construct) api.getNode().tryFindChild("CloudWatchRole");
            if (cloudWatchRole != null) {
                NagSuppressions.suppress(cloudWatchRole, "AwsSolutions-IAM4",
                        "The account-level API Gateway logging role uses the AWS-maintained policy "
                                + "AmazonAPIGatewayPushToCloudWatchLogs, which API Gateway documents for it.",
                        List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs"));
            }
        }
        return api;
    }

    /** @return GET and POST, the methods that take hits */
    private List<Method> addEventMethods() {
        ConnectorAuthorization authorization = props.getAuthorization();
        Role integrationRole = Role.Builder.create(this, "ApiGatewayRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("pinpoint-gtm-connector API: sqs:SendMessage on its queue only")
                .build();
        integrationRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .build());
        grantKeyForSending(integrationRole);

        Method get = eventsResource.addMethod("GET",
                sendMessageIntegration(integrationRole, false, responses.pixel()), eventMethodOptions("200"));
        Method post = eventsResource.addMethod("POST",
                sendMessageIntegration(integrationRole, true, responses.accepted()), eventMethodOptions("202"));
        eventsResource.addMethod("OPTIONS", responses.preflight(authorization.allowedRequestHeaders()),
                MethodOptions.builder()
                        .authorizationType(AuthorizationType.NONE)
                        .methodResponses(responses.preflightMethodResponses())
                        .build());
        // cdk-nag exempts OPTIONS methods from its authorization rules itself: no suppression needed here.
        if (authorization.authorizationType() == AuthorizationType.CUSTOM) {
            for (Method method : List.of(get, post)) {
                NagSuppressions.suppress(method, "AwsSolutions-COG4",
                        "A Lambda REQUEST authorizer reading a query-string token authorizes this method: an <img> "
                                + "pixel cannot send the header a Cognito authorizer needs.");
            }
        }
        return List.of(get, post);
    }

    private MethodOptions eventMethodOptions(String successStatus) {
        ConnectorAuthorization authorization = props.getAuthorization();
        MethodOptions.Builder options = MethodOptions.builder()
                .authorizationType(authorization.authorizationType())
                .methodResponses(responses.methodResponses(successStatus));
        if (authorizer != null) {
            options.authorizer(authorizer);
        }
        return options.build();
    }

    private AwsIntegration sendMessageIntegration(Role role, boolean includeBody, IntegrationResponse success) {
        ConnectorAuthorization authorization = props.getAuthorization();
        String template = EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(includeBody,
                authorization.identityReference(), authorization.identitySource(), props.isIncludeSourceIp(),
                authorization.credentialQueryParameters(), props.isIncludeFullReferer()));
        // A pixel GET carries no Content-Type (API Gateway then uses the application/json template);
        // sendBeacon(url, string) sends text/plain;charset=UTF-8.
        Map<String, String> requestTemplates = new LinkedHashMap<>();
        requestTemplates.put("application/json", template);
        requestTemplates.put("text/plain", template);
        return AwsIntegration.Builder.create()
                .service("sqs")
                .integrationHttpMethod("POST")
                .path(Stack.of(this).getAccount() + "/" + queue.getQueueName())
                .options(IntegrationOptions.builder()
                        .credentialsRole(role)
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        .requestParameters(Map.of("integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"))
                        .requestTemplates(requestTemplates)
                        .integrationResponses(withFailures(success))
                        .build())
                .build();
    }

    private List<IntegrationResponse> withFailures(IntegrationResponse success) {
        List<IntegrationResponse> all = new ArrayList<>();
        all.add(success);
        // SQS refused the message (configuration, permissions, size): never a 2xx then.
        all.addAll(responses.sendMessageFailures());
        return all;
    }

    private void addGatewayResponses() {
        Map<String, String> headers = cors.gatewayResponseHeaders();
        restApi.addGatewayResponse("Default4xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_4_XX).responseHeaders(headers).build());
        restApi.addGatewayResponse("Default5xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_5_XX).responseHeaders(headers).build());
    }

    // --------------------------------------------------------------- getters

    /** @return the REST API */
    public RestApi getRestApi() {
        return restApi;
    }

    /** @return the queue API Gateway writes envelopes to */
    public Queue getQueue() {
        return queue;
    }

    /**
     * @return the dead-letter queue: valid events that could not be delivered (refused by the destination, or
     *         received {@code maxReceiveCount} times without success)
     */
    public Queue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * @return the rejected queue: hits the processor's policy refused (malformed, foreign origin, event type, limits,
     *         identity), each with its {@code reason} and {@code detail} message attributes
     */
    public Queue getRejectedQueue() {
        return rejectedQueue;
    }

    /** @return the processor Lambda function */
    public Function getProcessor() {
        return processor;
    }

    /** @return the processor's {@code live} alias the event source invokes, or {@code null} without SnapStart */
    public Alias getProcessorAlias() {
        return processorAlias;
    }

    /** @return the processor's log group */
    public LogGroup getProcessorLogGroup() {
        return processorLogGroup;
    }

    /** @return the API's access log group */
    public LogGroup getAccessLogGroup() {
        return accessLogGroup;
    }

    /** @return the URL of {@code /events} to configure in GTM (a token) */
    public String getEventsUrl() {
        return restApi.urlForPath(eventsResource.getPath());
    }

    /** @return the authorizer of GET and POST, or {@code null} without authorization */
    public Authorizer getAuthorizer() {
        return authorizer;
    }

    /** @return the WAF web ACL association of the stage, or {@code null} with {@link EdgeProtection#none()} */
    public CfnWebACLAssociation getWebAclAssociation() {
        return webAclAssociation;
    }

    /**
     * @return the web ACL the connector created ({@link EdgeProtection#defaults()} or
     *         {@link EdgeProtection#webAcl}), or {@code null} with {@link EdgeProtection#existingWebAcl} or
     *         {@link EdgeProtection#none()}
     */
    public CfnWebACL getWebAcl() {
        return edgeWebAcl == null ? null : edgeWebAcl.getWebAcl();
    }

    /**
     * The requests the created web ACL blocked (all rules together): watch it for floods and for real visitors
     * caught by a limit.
     *
     * @param options the statistic, period and so on; default: sum over 5 minutes
     * @return the metric, or {@code null} when the connector created no web ACL
     */
    public Metric metricWebAclBlockedRequests(MetricOptions options) {
        return edgeWebAcl == null ? null : edgeWebAcl.metricBlockedRequests(options);
    }

    /** @return the created web ACL's logging configuration, or {@code null} without a WAF log destination */
    public CfnLoggingConfiguration getWebAclLogging() {
        return edgeWebAcl == null ? null : edgeWebAcl.getLogging();
    }

    /**
     * @return the alarm on messages in the dead-letter queue (at least {@code deadLetterQueueThreshold}), or
     *         {@code null} with {@link ConnectorAlarms#none()}
     */
    public Alarm getDeadLetterQueueAlarm() {
        return alarms.deadLetterQueue();
    }

    /**
     * @return the alarm on the dead-letter queue's oldest message nearing the end of its retention, or {@code null}
     *         with {@link ConnectorAlarms#none()}
     */
    public Alarm getDeadLetterQueueExpiryAlarm() {
        return alarms.deadLetterQueueAge();
    }

    /**
     * @return the alarm on the rate of rejected hits (at least {@code rejectedHitsThreshold} sent to the rejected
     *         queue within 5 minutes), or {@code null} with {@link ConnectorAlarms#none()}
     */
    public Alarm getRejectedHitsAlarm() {
        return alarms.rejectedHits();
    }

    /**
     * @return the alarm on the age of the queue's oldest message (the processor not keeping up; 15 minutes by
     *         default), or {@code null} with {@link ConnectorAlarms#none()}
     */
    public Alarm getOldestMessageAgeAlarm() {
        return alarms.queueAge();
    }

    /**
     * @return the alarm on the queue's oldest message beyond half the outage the connector rides out, or
     *         {@code null} with {@link ConnectorAlarms#none()}
     */
    public Alarm getOutageToleranceAlarm() {
        return alarms.outageTolerance();
    }

    /**
     * @return the alarm on the destination's configuration errors, or {@code null} with {@link ConnectorAlarms#none()}
     */
    public Alarm getDestinationConfigurationErrorsAlarm() {
        return alarms.destinationConfigurationErrors();
    }

    /** @return the alarm on processor errors, or {@code null} with {@link ConnectorAlarms#none()} */
    public Alarm getProcessorErrorsAlarm() {
        return alarms.processorErrors();
    }

    /** @return the alarm on processor throttles, or {@code null} with {@link ConnectorAlarms#none()} */
    public Alarm getProcessorThrottlesAlarm() {
        return alarms.processorThrottles();
    }

    /** @return the alarm on API 5xx answers, or {@code null} with {@link ConnectorAlarms#none()} */
    public Alarm getApiServerErrorsAlarm() {
        return alarms.apiServerErrors();
    }

    /** @return the alarm on the rate of API 4xx answers, or {@code null} with {@link ConnectorAlarms#none()} */
    public Alarm getApiClientErrorRateAlarm() {
        return alarms.apiClientErrorRate();
    }

    /** @return every alarm of the connector; empty with {@link ConnectorAlarms#none()} */
    public List<Alarm> getAlarms() {
        return alarms.all();
    }

    // --------------------------------------------------------------- metrics

    /** @return messages whose event the destination accepted (Sum over 5 minutes) */
    public Metric metricDelivered() {
        return metricDelivered(null);
    }

    /**
     * @param options the statistic, period and so on; default Sum over 5 minutes
     * @return messages whose event the destination accepted (the processor's {@code Delivered})
     */
    public Metric metricDelivered(MetricOptions options) {
        return metrics.count(ConnectorMetrics.DELIVERED, options);
    }

    /** @return messages the dead-letter queue took (Sum over 5 minutes) */
    public Metric metricDeadLettered() {
        return metricDeadLettered(null);
    }

    /**
     * @param options the statistic, period and so on; default Sum over 5 minutes
     * @return messages the processor sent to the dead-letter queue (its {@code DeadLettered}); SQS's own moves
     *         after {@code maxReceiveCount} receives are not among them
     */
    public Metric metricDeadLettered(MetricOptions options) {
        return metrics.count(ConnectorMetrics.DEAD_LETTERED, options);
    }

    /** @return hits the rejected queue took, every reason together (Sum over 5 minutes) */
    public Metric metricRejected() {
        return metrics.count(ConnectorMetrics.REJECTED, null);
    }

    /**
     * @param reason the policy's reason: {@code malformed-envelope}, {@code unsupported-envelope-version},
     *               {@code malformed-body}, {@code missing-event-type}, {@code missing-endpoint-id},
     *               {@code invalid-metric}, {@code invalid-event-id}, {@code invalid-consent},
     *               {@code origin-missing}, {@code origin-not-allowed}, {@code event-type-not-allowed},
     *               {@code identity-unverified}, {@code bot} or {@code limit-exceeded}
     * @return hits the policy refused for that reason (Sum over 5 minutes)
     * @throws IllegalArgumentException naming {@code reason} when it is none of these
     */
    public Metric metricRejected(String reason) {
        return metricRejected(reason, null);
    }

    /**
     * @param reason  the policy's reason (see {@link #metricRejected(String)})
     * @param options the statistic, period and so on; default Sum over 5 minutes
     * @return hits the policy refused for that reason (the processor's {@code Rejected} by {@code reason})
     * @throws IllegalArgumentException naming {@code reason} when it is not one of the policy's reasons
     */
    public Metric metricRejected(String reason, MetricOptions options) {
        return metrics.rejected(reason, options);
    }

    /** @return messages reported for retry (Sum over 5 minutes) */
    public Metric metricRetried() {
        return metricRetried(null);
    }

    /**
     * @param options the statistic, period and so on; default Sum over 5 minutes
     * @return messages reported for retry (the processor's {@code Retried})
     */
    public Metric metricRetried(MetricOptions options) {
        return metrics.count(ConnectorMetrics.RETRIED, options);
    }

    /** @return milliseconds per destination request (Average over 5 minutes) */
    public Metric metricDestinationLatency() {
        return metricDestinationLatency(null);
    }

    /**
     * @param options the statistic (e.g. {@code p99}), period and so on; default Average over 5 minutes
     * @return milliseconds per destination request (the processor's {@code DestinationLatency})
     */
    public Metric metricDestinationLatency(MetricOptions options) {
        return metrics.destinationLatency(options);
    }

    /** @return the destination's answers that the connector is misconfigured (Sum over 5 minutes) */
    public Metric metricDestinationConfigurationErrors() {
        return metricDestinationConfigurationErrors(null);
    }

    /**
     * @param options the statistic, period and so on; default Sum over 5 minutes
     * @return the destination's answers that the connector is misconfigured (the processor's
     *         {@code DestinationConfigurationErrors}: once per distinct error and invocation)
     */
    public Metric metricDestinationConfigurationErrors(MetricOptions options) {
        return metrics.count(ConnectorMetrics.DESTINATION_CONFIGURATION_ERRORS, options);
    }

}
