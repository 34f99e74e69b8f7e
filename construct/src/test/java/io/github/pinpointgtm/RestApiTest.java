package io.github.pinpointgtm;

import static io.github.pinpointgtm.TemplateLookup.integration;
import static io.github.pinpointgtm.TemplateLookup.integrationResponse;
import static io.github.pinpointgtm.TemplateLookup.method;
import static io.github.pinpointgtm.TemplateLookup.requestTemplate;
import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The REST API: endpoint, methods, SQS integration, responses, stage, access logs, WAF, account role. */
class RestApiTest {

    private static final String WEB_ACL_ARN =
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/a1b2c3d4-5678-90ab-cdef-123456789abc";

    private static TestStacks.Synthesized customised;

    @BeforeAll
    static void synthesize() {
        customised = TestStacks.synth(minimalProps()
                .allowedOrigins(List.of("https://www.example.com", "https://shop.example.com"))
                .includeSourceIp(true)
                .throttlingRateLimit(50)
                .throttlingBurstLimit(100)
                .tracing(true)
                .edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN))
                .logRetention(RetentionDays.THREE_MONTHS)
                .createApiGatewayCloudWatchRole(true)
                .build());
    }

    @Test
    void isARegionalApiTreatingOnlyImagesAsBinary() {
        defaults().template().hasResourceProperties("AWS::ApiGateway::RestApi", Map.of(
                "EndpointConfiguration", Map.of("Types", List.of("REGIONAL")),
                "BinaryMediaTypes", List.of("image/gif", "image/*")));
    }

    @Test
    void hasOneEventsResourceWithGetPostAndOptions() {
        defaults().template().hasResourceProperties("AWS::ApiGateway::Resource", Map.of("PathPart", "events"));
        defaults().template().resourceCountIs("AWS::ApiGateway::Resource", 1);
        defaults().template().resourceCountIs("AWS::ApiGateway::Method", 3);
    }

    @Test
    void getAndPostSendTheEnvelopeToTheQueueThroughSqsSendMessage() {
        String queue = defaults().logicalId(defaults().connector().getQueue());
        for (String httpMethod : List.of("GET", "POST")) {
            Map<String, Object> integration = integration(defaults().template(), httpMethod);
            assertThat(integration).containsEntry("Type", "AWS")
                    .containsEntry("IntegrationHttpMethod", "POST")
                    .containsEntry("PassthroughBehavior", "NEVER")
                    .containsEntry("RequestParameters", Map.of(
                            "integration.request.header.Content-Type", "'application/x-www-form-urlencoded'"));
            String uri = integration.get("Uri").toString();
            assertThat(uri).contains(":apigateway:", ":sqs:path/", "AWS::AccountId", queue, "QueueName");
            assertThat(integration.get("Credentials").toString()).contains("ApiGatewayRole");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestTemplatesAreTheRenderedEnvelopeForJsonPlainTextAndFormBodies() {
        String get = EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false, null, null, false));
        String post = EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(true, null, null, false));
        List<String> contentTypes = List.of("application/json", "text/plain", "application/x-www-form-urlencoded");
        for (String httpMethod : List.of("GET", "POST")) {
            Map<String, Object> templates = (Map<String, Object>) integration(defaults().template(), httpMethod)
                    .get("RequestTemplates");
            assertThat(templates).as(httpMethod).containsOnlyKeys(contentTypes);
        }
        for (String contentType : contentTypes) {
            assertThat(requestTemplate(defaults().template(), "GET", contentType)).isEqualTo(get);
            assertThat(requestTemplate(defaults().template(), "POST", contentType)).isEqualTo(post);
        }
    }

    @Test
    void includeSourceIpPutsTheIpInTheEnvelope() {
        assertThat(requestTemplate(customised.template(), "GET", "application/json")).isEqualTo(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false, null, null, true)));
        assertThat(requestTemplate(customised.template(), "POST", "text/plain")).isEqualTo(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(true, null, null, true)));
    }

    @Test
    void includeFullRefererKeepsThePageUrlInTheEnvelope() {
        TestStacks.Synthesized full = TestStacks.synth(minimalProps().includeFullReferer(true).build());

        assertThat(requestTemplate(full.template(), "GET", "application/json")).isEqualTo(EnvelopeRequestTemplate
                .render(new EnvelopeTemplateOptions(false, null, null, false, java.util.Set.of(), true)));
        assertThat(requestTemplate(full.template(), "POST", "text/plain")).isEqualTo(EnvelopeRequestTemplate
                .render(new EnvelopeTemplateOptions(true, null, null, false, java.util.Set.of(), true)));
        assertThat(requestTemplate(defaults().template(), "GET", "application/json"))
                .contains(EnvelopeRequestTemplate.REFERER_TO_ORIGIN);
    }

    @Test
    void getAnswersTheGifAsBinaryWithNoCacheHeaders() {
        Map<String, Object> ok = integrationResponse(defaults().template(), "GET", "200");
        assertThat(ok).containsEntry("ContentHandling", "CONVERT_TO_BINARY").doesNotContainKey("SelectionPattern");
        assertThat(ok.get("ResponseParameters")).isEqualTo(Map.of(
                "method.response.header.Vary", "'Origin'",
                "method.response.header.Content-Type", "'image/gif'",
                "method.response.header.Cache-Control", "'no-cache, no-store, must-revalidate'"));
    }

    @Test
    void postAnswers202WithJson() {
        Map<String, Object> accepted = integrationResponse(defaults().template(), "POST", "202");
        assertThat(accepted).doesNotContainKey("ContentHandling").doesNotContainKey("SelectionPattern");
        assertThat(accepted.get("ResponseParameters")).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("method.response.header.Content-Type", "'application/json'");
    }

    @Test
    void aFailedSendMessageNeverAnswers2xx() {
        for (String httpMethod : List.of("GET", "POST")) {
            assertThat(integrationResponse(defaults().template(), httpMethod, "413"))
                    .containsEntry("SelectionPattern", "413");
            assertThat(integrationResponse(defaults().template(), httpMethod, "500"))
                    .containsEntry("SelectionPattern", "4(0\\d|1[0-24-9]|[2-9]\\d)");
            assertThat(integrationResponse(defaults().template(), httpMethod, "503"))
                    .containsEntry("SelectionPattern", "5\\d{2}");
        }
    }

    @Test
    void methodResponsesDeclareEveryStatusAndHeader() {
        Map<String, Object> get = method(defaults().template(), "GET");
        assertThat(get.get("MethodResponses").toString())
                .contains("StatusCode=200", "StatusCode=413", "StatusCode=500", "StatusCode=503",
                        "method.response.header.Access-Control-Allow-Origin=false",
                        "method.response.header.Vary=true", "method.response.header.Cache-Control=true");
        assertThat(method(defaults().template(), "POST").get("MethodResponses").toString()).contains("StatusCode=202");
    }

    @Test
    void withoutAuthorizationGetAndPostAreOpen() {
        assertThat(method(defaults().template(), "GET")).containsEntry("AuthorizationType", "NONE");
        assertThat(method(defaults().template(), "POST")).containsEntry("AuthorizationType", "NONE");
        defaults().template().resourceCountIs("AWS::ApiGateway::Authorizer", 0);
    }

    @Test
    void optionsIsAnUnauthorizedMockPreflight() {
        Map<String, Object> options = method(defaults().template(), "OPTIONS");
        assertThat(options).containsEntry("AuthorizationType", "NONE");
        assertThat(integration(defaults().template(), "OPTIONS")).containsEntry("Type", "MOCK")
                .containsEntry("RequestTemplates", Map.of("application/json", "{\"statusCode\": 204}"));
        assertThat(integrationResponse(defaults().template(), "OPTIONS", "204").get("ResponseParameters"))
                .isEqualTo(Map.of(
                        "method.response.header.Vary", "'Origin'",
                        "method.response.header.Access-Control-Allow-Methods", "'GET,POST,OPTIONS'",
                        "method.response.header.Access-Control-Allow-Headers", "'Content-Type'",
                        "method.response.header.Access-Control-Max-Age", "'600'"));
    }

    @Test
    void stageThrottlesLogsErrorsOnlyAndNeverLogsFullRequests() {
        defaults().template().hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "TracingEnabled", false,
                "MethodSettings", List.of(Map.of(
                        "HttpMethod", "*",
                        "ResourcePath", "/*",
                        "LoggingLevel", "ERROR",
                        "DataTraceEnabled", false,
                        "ThrottlingRateLimit", 1000,
                        "ThrottlingBurstLimit", 2000))));
        customised.template().hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "TracingEnabled", true,
                "MethodSettings", List.of(Match.objectLike(Map.of(
                        "ThrottlingRateLimit", 50,
                        "ThrottlingBurstLimit", 100)))));
    }

    @Test
    void accessLogsAreJsonInTheirOwnLogGroupWithoutPersonalDataByDefault() throws Exception {
        String logGroup = defaults().logicalId(defaults().connector().getAccessLogGroup());
        Map<String, Object> stage = onlyResource(defaults().template(), "AWS::ApiGateway::Stage");
        @SuppressWarnings("unchecked")
        Map<String, Object> accessLog = (Map<String, Object>) stage.get("AccessLogSetting");
        assertThat(accessLog.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(logGroup, "Arn")));
        List<String> fields = jsonFieldNames((String) accessLog.get("Format"));
        assertThat(fields).contains("requestId", "status", "responseLatency", "integrationStatus",
                "integrationLatency", "errorResponseType").doesNotContain("ip", "userAgent");
        assertThat(defaults().template().findResources("AWS::Logs::LogGroup").get(logGroup))
                .extracting("Properties").extracting("RetentionInDays").isEqualTo(30);
    }

    @Test
    void accessLogsCarryTheIpOnlyWithIncludeSourceIp() throws Exception {
        Map<String, Object> stage = onlyResource(customised.template(), "AWS::ApiGateway::Stage");
        @SuppressWarnings("unchecked")
        String format = (String) ((Map<String, Object>) stage.get("AccessLogSetting")).get("Format");
        assertThat(jsonFieldNames(format)).contains("ip");
        assertThat(format).contains("\"ip\":\"$context.identity.sourceIp\"");
        assertThat(customised.template().findResources("AWS::Logs::LogGroup").get(
                        customised.logicalId(customised.connector().getAccessLogGroup())))
                .extracting("Properties").extracting("RetentionInDays").isEqualTo(90);
    }

    private static List<String> jsonFieldNames(String json) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            }
        }
        return names;
    }

    @Test
    void gatewayErrorsVaryByOriginAndNameASingleAllowedOrigin() {
        for (String type : List.of("DEFAULT_4XX", "DEFAULT_5XX")) {
            defaults().template().hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                    "ResponseType", type,
                    "ResponseParameters", Map.of(
                            "gatewayresponse.header.Vary", "'Origin'",
                            "gatewayresponse.header.Access-Control-Allow-Origin", "'https://www.example.com'")));
            // Several origins cannot be told apart without VTL: no origin header at all.
            customised.template().hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of(
                    "ResponseType", type,
                    "ResponseParameters", Map.of("gatewayresponse.header.Vary", "'Origin'")));
        }
    }

    @Test
    void theApplicationsWebAclIsAssociatedWithTheStageInsteadOfOneCreated() {
        customised.template().resourceCountIs("AWS::WAFv2::WebACL", 0);
        assertThat(customised.connector().getWebAcl()).isNull();
        String stage = customised.logicalId(customised.connector().getRestApi().getDeploymentStage());
        Map<String, Object> association = onlyResource(customised.template(), "AWS::WAFv2::WebACLAssociation");
        assertThat(association).containsEntry("WebACLArn", WEB_ACL_ARN);
        assertThat(association.get("ResourceArn").toString()).contains("/restapis/", "/stages/", stage);
    }

    @Test
    void theAccountLevelCloudWatchRoleIsOptInAndRetained() {
        defaults().template().resourceCountIs("AWS::ApiGateway::Account", 0);
        customised.template().resourceCountIs("AWS::ApiGateway::Account", 1);
        customised.template().hasResource("AWS::IAM::Role", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                        "Statement", List.of(Match.objectLike(Map.of(
                                "Principal", Map.of("Service", "apigateway.amazonaws.com")))))))),
                "Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(Match.objectLike(Map.of(
                        "id", "AwsSolutions-IAM4")))))));
    }

    @Test
    void eventsUrlPointsAtTheEventsResourceOfTheStage() {
        String url = defaults().stack().resolve(defaults().connector().getEventsUrl()).toString();
        String stage = defaults().logicalId(defaults().connector().getRestApi().getDeploymentStage());
        assertThat(url).contains(defaults().logicalId(defaults().connector().getRestApi()), ".execute-api.", stage)
                .endsWith("/events]]}");
    }

    @Test
    void theApiNameIsUniquePerConnector() {
        String name = (String) onlyResource(defaults().template(), "AWS::ApiGateway::RestApi").get("Name");
        assertThat(name).contains("Connector").isNotEqualTo("Api");
    }
}
