package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.ConnectorQueues;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.constructs.Construct;

/** The events API builder on its own: API, stage, /events methods, SQS integration role, gateway responses. */
class EventsApiTest {

    private record Built(Stack stack, Construct scope, ConnectorQueues queues, EventsApi api, Template template) {
    }

    private static Built build(java.util.function.Function<Stack, PinpointGtmConnectorProps> props) {
        Stack stack = TestStacks.newStack();
        Construct scope = new Construct(stack, "Connector");
        PinpointGtmConnectorProps p = props.apply(stack);
        ConnectorQueues queues = new ConnectorQueues(scope, p);
        EventsApi api = new EventsApi(scope, p, queues);
        return new Built(stack, scope, queues, api, Template.fromStack(stack));
    }

    @Test
    void createsARegionalApiWithALoggedThrottledStageUnderTheConnectorsIds() {
        Built built = build(stack -> minimalProps().throttlingRateLimit(50).throttlingBurstLimit(80).build());

        assertThat(built.scope().getNode().findChild("Api")).isSameAs(built.api().restApi());
        assertThat(built.scope().getNode().findChild("AccessLogs")).isSameAs(built.api().accessLogGroup());
        built.template().hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")),
                "BinaryMediaTypes", EventsApi.BINARY_MEDIA_TYPES)));
        built.template().hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Map.of("Fn::GetAtt",
                        List.of(TestStacks.logicalId(built.stack(), built.api().accessLogGroup()), "Arn")))),
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 80,
                        "LoggingLevel", "ERROR", "DataTraceEnabled", false))))));
    }

    @Test
    void getAndPostTakeHitsAndOptionsAnswersThePreflight() {
        Built built = build(stack -> minimalProps().build());

        assertThat(built.api().eventMethods()).extracting(method -> method.getHttpMethod())
                .containsExactly("GET", "POST");
        built.template().resourceCountIs("AWS::ApiGateway::Method", 3);
        built.template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of(
                "PathPart", "events", "ParentId", Match.anyValue(), "RestApiId", Match.anyValue()));
        built.template().hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "OPTIONS", "AuthorizationType", "NONE",
                "Integration", Match.objectLike(Map.of("Type", "MOCK")))));
        assertThat(built.api().authorizer()).isNull();
        assertThat(built.stack().resolve(built.api().eventsUrl()).toString()).contains("/events");
    }

    @Test
    void theIntegrationsSendToTheMainQueueWithARoleAllowedNothingElse() {
        Built built = build(stack -> minimalProps().build());
        String roleId = TestStacks.logicalId(built.stack(), (Construct) built.scope().getNode().findChild("ApiGatewayRole"));

        built.template().hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET",
                "Integration", Match.objectLike(Map.of(
                        "Type", "AWS",
                        "IntegrationHttpMethod", "POST",
                        "Credentials", Map.of("Fn::GetAtt", List.of(roleId, "Arn")),
                        "PassthroughBehavior", "NEVER",
                        "RequestParameters", Map.of("integration.request.header.Content-Type",
                                "'application/x-www-form-urlencoded'"),
                        "RequestTemplates", Match.objectLike(Map.of(
                                "application/json", Match.anyValue(), "text/plain", Match.anyValue())))))));
        built.template().hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", roleId)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(Map.of(
                        "Action", "sqs:SendMessage", "Effect", "Allow",
                        "Resource", Map.of("Fn::GetAtt", List.of(TestStacks.logicalId(built.stack(), built.queues().queue()),
                                "Arn")))))))));
    }

    @Test
    void gatewayErrorsCarryCorsHeaders() {
        Built built = build(stack -> minimalProps().build());

        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            built.template().hasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.objectLike(Map.of(
                    "ResponseType", type,
                    "ResponseParameters", Map.of(
                            "gatewayresponse.header.Vary", "'Origin'",
                            "gatewayresponse.header.Access-Control-Allow-Origin", "'" + TestStacks.ORIGIN + "'"))));
        }
    }

    @Test
    void aCognitoAuthorizerGuardsGetAndPost() {
        Built built = build(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users"))).build());

        assertThat(built.api().authorizer()).isNotNull();
        for (String method : List.of("GET", "POST")) {
            built.template().hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                    "HttpMethod", method, "AuthorizationType", "COGNITO_USER_POOLS",
                    "AuthorizerId", Map.of("Ref", Match.anyValue()))));
        }
    }
}
