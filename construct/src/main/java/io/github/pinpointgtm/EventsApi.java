package io.github.pinpointgtm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.AccessLogFields;
import io.github.pinpointgtm.internal.ConnectorQueues;
import io.github.pinpointgtm.internal.CorsResponses;
import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.internal.EventResponses;
import io.github.pinpointgtm.internal.EventsDomain;
import io.github.pinpointgtm.internal.NagSuppressions;
import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.Authorizer;
import software.amazon.awscdk.services.apigateway.AwsIntegration;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
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
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The events API, created in the connector's scope: the access log group ({@code AccessLogs}), the REGIONAL REST API
 * ({@code Api}) with its throttled, logged stage, the authorizer, the events resource ({@code eventsPath}, default
 * {@code /events}) with GET (pixel) and POST (beacon) methods whose SQS integrations ({@code ApiGatewayRole}:
 * {@code sqs:SendMessage} on the main queue only) write the envelope, the CORS preflight, the custom domain when one is
 * set, and the default 4xx and 5xx gateway responses with CORS headers.
 */
final class EventsApi {

    /** Media types treated as binary: see {@link #createRestApi}. */
    static final List<String> BINARY_MEDIA_TYPES = List.of("image/gif", "image/*");

    private final PinpointGtmConnectorProps props;
    private final CorsResponses cors;
    private final EventResponses responses;
    private final LogGroup accessLogGroup;
    private final RestApi restApi;
    private final Authorizer authorizer;
    private final Resource eventsResource;
    private final EventsDomain eventsDomain;
    private final List<Method> eventMethods;

    /**
     * Creates the API.
     *
     * @param scope  the connector
     * @param props  its props
     * @param queues the queues; the methods write to the main one
     */
    EventsApi(Construct scope, PinpointGtmConnectorProps props, ConnectorQueues queues) {
        this.props = props;
        this.cors = new CorsResponses(props.getAllowedOrigins());
        this.responses = new EventResponses(cors);
        this.accessLogGroup = LogGroup.Builder.create(scope, "AccessLogs")
                .retention(props.getLogRetention())
                .build();
        this.restApi = createRestApi(scope);
        this.authorizer = props.getAuthorization().createAuthorizer(scope);
        this.eventsResource = restApi.getRoot().addResource(props.getEventsPath());
        this.eventsDomain = props.getCustomDomain() == null ? null
                : EventsDomain.create(scope, props.getCustomDomain(), restApi);
        this.eventMethods = addEventMethods(scope, queues);
        addGatewayResponses();
    }

    /*
     * binaryMediaTypes: the GET integration response turns its base64 text into the GIF (CONVERT_TO_BINARY).
     * API Gateway looks at the first media type of the request's Accept header, which for an <img> or GTM pixel is
     * an image type (image/avif, image/webp...): "image/*" matches those and "image/gif" any client that asks for
     * exactly the GIF. Never "*" + "/*": that would make every request body binary, breaking the JSON/text POST
     * templates and the MOCK integration of the CORS preflight.
     */
    private RestApi createRestApi(Construct scope) {
        String apiName = Names.uniqueResourceName(scope, UniqueResourceNameOptions.builder().maxLength(128).build());
        RestApi.Builder apiBuilder = RestApi.Builder.create(scope, "Api")
                .restApiName(apiName)
                .description("pinpoint-gtm-connector: GTM pixel and beacon endpoint")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .binaryMediaTypes(BINARY_MEDIA_TYPES)
                .disableExecuteApiEndpoint(EventsDomain.disablesExecuteApiEndpoint(props.getCustomDomain()))
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
    private List<Method> addEventMethods(Construct scope, ConnectorQueues queues) {
        ConnectorAuthorization authorization = props.getAuthorization();
        Role integrationRole = Role.Builder.create(scope, "ApiGatewayRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("pinpoint-gtm-connector API: sqs:SendMessage on its queue only")
                .build();
        PrincipalPolicy.allow(integrationRole, List.of("sqs:SendMessage"), queues.queue().getQueueArn());
        queues.grantKeyForSending(integrationRole);

        String queuePath = Stack.of(scope).getAccount() + "/" + queues.queue().getQueueName();
        Method get = eventsResource.addMethod("GET",
                sendMessageIntegration(integrationRole, queuePath, false, responses.pixel()),
                eventMethodOptions("200"));
        Method post = eventsResource.addMethod("POST",
                sendMessageIntegration(integrationRole, queuePath, true, responses.accepted()),
                eventMethodOptions("202"));
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
        MethodOptions.Builder options = MethodOptions.builder()
                .authorizationType(props.getAuthorization().authorizationType())
                .methodResponses(responses.methodResponses(successStatus));
        if (authorizer != null) {
            options.authorizer(authorizer);
        }
        return options.build();
    }

    private AwsIntegration sendMessageIntegration(Role role, String queuePath, boolean includeBody,
            IntegrationResponse success) {
        ConnectorAuthorization authorization = props.getAuthorization();
        Map<String, String> requestTemplates = EnvelopeRequestTemplate.byContentType(new EnvelopeTemplateOptions(
                includeBody, authorization.identityReference(), authorization.identitySource(),
                props.isIncludeSourceIp(), authorization.credentialQueryParameters(), props.isIncludeFullReferer()));
        List<IntegrationResponse> integrationResponses = new ArrayList<>();
        integrationResponses.add(success);
        // SQS refused the message (configuration, permissions, size): never a 2xx then.
        integrationResponses.addAll(responses.sendMessageFailures());
        return AwsIntegration.Builder.create()
                .service("sqs")
                .integrationHttpMethod("POST")
                .path(queuePath)
                .options(IntegrationOptions.builder()
                        .credentialsRole(role)
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        .requestParameters(Map.of("integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"))
                        .requestTemplates(requestTemplates)
                        .integrationResponses(integrationResponses)
                        .build())
                .build();
    }

    private void addGatewayResponses() {
        Map<String, String> headers = cors.gatewayResponseHeaders();
        restApi.addGatewayResponse("Default4xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_4_XX).responseHeaders(headers).build());
        restApi.addGatewayResponse("Default5xx", GatewayResponseOptions.builder()
                .type(ResponseType.DEFAULT_5_XX).responseHeaders(headers).build());
    }

    /** @return the REST API */
    RestApi restApi() {
        return restApi;
    }

    /** @return the stage's access log group */
    LogGroup accessLogGroup() {
        return accessLogGroup;
    }

    /** @return the authorizer of GET and POST, or {@code null} without authorization */
    Authorizer authorizer() {
        return authorizer;
    }

    /** @return GET and POST on the events resource, the methods that take hits (the OPTIONS preflight is not one) */
    List<Method> eventMethods() {
        return eventMethods;
    }

    /**
     * @return the URL of the events resource (a token): with a {@link CustomDomain},
     *         {@code https://<domainName>/[<basePath>/]<eventsPath>}; otherwise the stage's URL and the events path
     */
    String eventsUrl() {
        return eventsDomain != null ? eventsDomain.eventsUrl(props.getEventsPath())
                : restApi.urlForPath(eventsResource.getPath());
    }

    /** @return the custom domain name, or {@code null} without a {@link CustomDomain} */
    DomainName eventsDomain() {
        return eventsDomain == null ? null : eventsDomain.getDomainName();
    }
}
