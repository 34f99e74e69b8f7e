package io.github.pinpointgtm;

import static io.github.pinpointgtm.TemplateLookup.integration;
import static io.github.pinpointgtm.TemplateLookup.integrationResponse;
import static io.github.pinpointgtm.TemplateLookup.responseTemplate;
import static io.github.pinpointgtm.TestStacks.anyOrigin;
import static io.github.pinpointgtm.TestStacks.twoOrigins;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl.RenderedTemplate;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hit too large for SQS answers 413, not 500, so an anonymous client cannot raise the API's 5xx alarm with
 * oversized hits; every other SQS 4xx still answers 500. Checked on the synthesized integration responses, their
 * selection patterns, and their templates rendered on Velocity 1.7 and the API Gateway stand-in with SQS's own
 * error bodies as the integration response.
 */
class TooLargeHitResponsesTest {

    private static final String SHOP = TestStacks.SHOP;
    /** SQS's answer (query protocol, HTTP 400) to a MessageBody over the queue's maximum message size. */
    private static final String SQS_TOO_LONG_XML = "<?xml version=\"1.0\"?><ErrorResponse "
            + "xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type>"
            + "<Code>InvalidParameterValue</Code><Message>One or more parameters are invalid. Reason: Message must be "
            + "shorter than 1048576 bytes.</Message><Detail/></Error><RequestId>r-9</RequestId></ErrorResponse>";
    /** The same error in SQS's JSON protocol. */
    private static final String SQS_TOO_LONG_JSON =
            "{\"__type\":\"com.amazon.coral.service#InvalidParameterValueException\",\"message\":\"One or more "
                    + "parameters are invalid. Reason: Message must be shorter than 1048576 bytes.\"}";
    /** Other SQS 4xx answers: configuration and permission problems, which must stay 5xx to the client. */
    private static final List<String> OTHER_SQS_CLIENT_ERRORS = List.of(
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource "
                    + "https://sqs.eu-west-1.amazonaws.com/ is denied.</Message></Error></ErrorResponse>",
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>Value  for parameter "
                    + "MessageBody is invalid. Reason: Message must contain at least one character.</Message></Error>"
                    + "</ErrorResponse>",
            "<ErrorResponse><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>"
                    + "The specified queue does not exist.</Message></Error></ErrorResponse>",
            "{\"__type\":\"com.amazonaws.sqs#KmsAccessDenied\",\"message\":\"KMS access denied\"}",
            "");
    private static final String NOT_QUEUED = "{\"message\":\"The hit could not be queued.\",\"requestId\":\"req-1\"}";
    private static final String TOO_LARGE =
            "{\"message\":\"The hit is too large to be queued.\",\"requestId\":\"req-1\"}";

    /** The integration's response to the client: rendered on Velocity 1.7, which must agree with the stand-in. */
    private static RenderedTemplate render(String template, String sqsAnswer) {
        ApiGatewayRequest response = ApiGatewayRequest.builder().requestId("req-1")
                .header("Origin", SHOP).body(sqsAnswer).build();
        RenderedTemplate onVelocity17 = ApiGatewayVtl.renderOnVelocity17(template, response);
        assertThat(onVelocity17).isEqualTo(ApiGatewayVtl.render(template, response));
        return onVelocity17;
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void everySqsStatusMatchesExactlyOneFailureResponse(String httpMethod) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> responses = (List<Map<String, Object>>) integration(twoOrigins(), httpMethod)
                .get("IntegrationResponses");
        for (int status = 400; status <= 599; status++) {
            String code = Integer.toString(status);
            List<Object> selected = responses.stream()
                    .filter(response -> response.containsKey("SelectionPattern")
                            && code.matches((String) response.get("SelectionPattern")))
                    .map(response -> response.get("StatusCode")).toList();
            String expected = status == 413 ? "413" : status < 500 ? "500" : "503";
            assertThat(selected).as("SQS status " + code).containsExactly(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void theTooLargeResponsesAreUncacheableJsonWithTheCorsHeaders(String httpMethod) {
        for (String status : List.of("413", "500")) {
            assertThat(integrationResponse(twoOrigins(), httpMethod, status).get("ResponseParameters"))
                    .isEqualTo(Map.of(
                    "method.response.header.Vary", "'Origin'",
                    "method.response.header.Content-Type", "'application/json'",
                    "method.response.header.Cache-Control", "'no-cache, no-store, must-revalidate'"));
        }
        assertThat(integrationResponse(anyOrigin(), httpMethod, "500").get("ResponseParameters"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("method.response.header.Access-Control-Allow-Origin", "'*'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void sqsRefusingAMessageAsTooLongAnswers413WithTheOriginHeader(String httpMethod) {
        for (String sqsAnswer : List.of(SQS_TOO_LONG_XML, SQS_TOO_LONG_JSON)) {
            RenderedTemplate rendered = render(responseTemplate(twoOrigins(), httpMethod, "500", "application/json"),
                    sqsAnswer);

            assertThat(rendered.statusOverride()).isEqualTo(413);
            assertThat(rendered.output()).isEqualTo(TOO_LARGE);
            assertThat(rendered.headerOverrides()).isEqualTo(Map.of("Access-Control-Allow-Origin", SHOP));
        }
        RenderedTemplate anyOriginRendered = render(
                responseTemplate(anyOrigin(), httpMethod, "500", "application/json"), SQS_TOO_LONG_XML);
        assertThat(anyOriginRendered.statusOverride()).isEqualTo(413);
        assertThat(anyOriginRendered.output()).isEqualTo(TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void everyOtherSqsClientErrorStays500(String httpMethod) {
        for (String sqsAnswer : OTHER_SQS_CLIENT_ERRORS) {
            RenderedTemplate rendered = render(responseTemplate(twoOrigins(), httpMethod, "500", "application/json"),
                    sqsAnswer);

            assertThat(rendered.statusOverride()).as(sqsAnswer).isNull();
            assertThat(rendered.output()).isEqualTo(NOT_QUEUED);
            assertThat(rendered.headerOverrides()).isEqualTo(Map.of("Access-Control-Allow-Origin", SHOP));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void sqsAnswering413Answers413AndSqs5xxStays503(String httpMethod) {
        RenderedTemplate tooLarge = render(responseTemplate(twoOrigins(), httpMethod, "413", "application/json"), "");
        assertThat(tooLarge.statusOverride()).isNull();
        assertThat(tooLarge.output()).isEqualTo(TOO_LARGE);

        RenderedTemplate unavailable = render(responseTemplate(twoOrigins(), httpMethod, "503", "application/json"),
                SQS_TOO_LONG_XML);
        assertThat(unavailable.statusOverride()).isNull();
        assertThat(unavailable.output()).isEqualTo(NOT_QUEUED);
    }
}
