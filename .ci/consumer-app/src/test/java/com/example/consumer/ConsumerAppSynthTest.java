package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.ConnectorAuthorization;
import io.github.pinpointgtm.PinpointGtmConnector;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.sns.Topic;

/**
 * A user's CDK app, built outside the connector's reactor: it sees the connector only through its published
 * coordinates. It synthesizes the connector with the public API and checks what a user is promised.
 */
class ConsumerAppSynthTest {

    private static final String APP_ID = "0123456789abcdef0123456789abcdef";
    private static Template template;
    private static PinpointGtmConnector connector;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        Stack stack = new Stack(app, "ConsumerStack", StackProps.builder()
                .env(Environment.builder().account("111122223333").region("eu-west-1").build())
                .build());
        Function authorizerFunction = Function.Builder.create(stack, "TokenAuthorizer")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({principalId: 'x'});"))
                .build();
        connector = new PinpointGtmConnector(stack, "Connector", PinpointGtmConnectorProps.builder()
                .pinpointApplicationId(APP_ID)
                .allowedOrigins(List.of("https://www.example.com"))
                .authorization(ConnectorAuthorization.lambda(authorizerFunction, "token"))
                .alarmTopic(new Topic(stack, "Alarms"))
                .build());
        template = Template.fromStack(stack);
    }

    @Test
    void gettersExposeTheResources() {
        assertThat(connector.getRestApi()).isNotNull();
        assertThat(connector.getQueue()).isNotNull();
        assertThat(connector.getDeadLetterQueue()).isNotNull();
        assertThat(connector.getProcessor()).isNotNull();
        assertThat(connector.getEventsUrl()).isNotBlank();
        assertThat(connector.getWebAcl()).isNotNull();
    }

    @Test
    void aWebAclCreatedByDefaultProtectsTheStage() {
        template.hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of("Scope", "REGIONAL")));
        template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    }

    @Test
    void regionalRestApiWithPixelBeaconAndPreflightMethods() {
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")))));
        template.hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "events",
                "ParentId", Match.anyValue(), "RestApiId", Match.anyValue()));
        for (String method : List.of("GET", "POST")) {
            template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                    "HttpMethod", method,
                    "AuthorizationType", "CUSTOM",
                    "Integration", Match.objectLike(Map.of(
                            "Type", "AWS",
                            "IntegrationHttpMethod", "POST",
                            "PassthroughBehavior", "NEVER",
                            "RequestParameters", Map.of("integration.request.header.Content-Type",
                                    "'application/x-www-form-urlencoded'"))))));
        }
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "OPTIONS", "AuthorizationType", "NONE")));
    }

    @Test
    void pixelAnswersWithTheTransparentGif() {
        Object gifResponse = Match.objectLike(Map.of(
                "StatusCode", "200",
                "ContentHandling", "CONVERT_TO_BINARY",
                "ResponseTemplates", Match.objectLike(Map.of("image/gif",
                        Match.stringLikeRegexp("R0lGODlhAQABAPAAAP///wAAACH5BAUAAAAALAAAAAABAAEAAAICRAEAOw==")))));
        Object integration = Match.objectLike(Map.of(
                "IntegrationResponses", Match.arrayWith(List.of(gifResponse))));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET", "Integration", integration)));
    }

    @Test
    void encryptedTlsOnlyQueuesWithFourteenDayDeadLetterQueueAndFourDayRejectedQueue() {
        // The main queue, the dead-letter queue (undeliverable events) and the rejected queue (policy refusals).
        template.resourceCountIs("AWS::SQS::Queue", 3);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "MessageRetentionPeriod", 1209600, "SqsManagedSseEnabled", true)));
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "MessageRetentionPeriod", 345600, "SqsManagedSseEnabled", true,
                "RedrivePolicy", Match.absent())));
        // The default outage tolerance (24 hours) derives 55 receives of backoff.
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "VisibilityTimeout", 185,
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 55)))));
        template.resourceCountIs("AWS::SQS::QueuePolicy", 3);
    }

    @Test
    void javaArmProcessorWithPartialBatchResponses() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "Handler", "io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "BatchSize", 100,
                "MaximumBatchingWindowInSeconds", 5,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void putEventsIsGrantedOnExactlyOneApplication() {
        List<Object> putEventsResources = new ArrayList<>();
        for (Object policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) policy)
                    .get("Properties")).get("PolicyDocument");
            for (Object statement : (List<Object>) document.get("Statement")) {
                Map<String, Object> fields = (Map<String, Object>) statement;
                if (String.valueOf(fields.get("Action")).contains("mobiletargeting:")) {
                    assertThat(fields.get("Action")).isEqualTo("mobiletargeting:PutEvents");
                    putEventsResources.add(fields.get("Resource"));
                }
            }
        }
        assertThat(putEventsResources).hasSize(1);
        assertThat(String.valueOf(putEventsResources.get(0)))
                .contains(":mobiletargeting:eu-west-1:111122223333:apps/" + APP_ID + "/events")
                .doesNotContain("*");
    }

    @Test
    void throttledStageWithAccessLogsAndAlarms() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "AccessLogSetting", Match.objectLike(Map.of("Format", Match.stringLikeRegexp("requestId"))),
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 1000, "ThrottlingBurstLimit", 2000)))))));
        // The 0.1.0 alarms plus rejected hits, destination configuration errors, the API's 4xx rate, the dead-letter
        // queue nearing its retention and the queue nearing the outage tolerance; the deprecated alarmTopic still
        // notifies every one.
        assertThat(template.findResources("AWS::CloudWatch::Alarm")).hasSize(10);
        template.allResourcesProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^Alarms"))))));
    }
}
