package io.github.pinpointgtm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.apigateway.ContentHandling;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;

/**
 * What {@code /events} answers: the pixel (GET 200, a 43-byte transparent GIF), the beacon acknowledgement
 * (POST 202, JSON), 413 when the hit is too large for SQS, 500/503 when SQS refused the message otherwise (never a
 * 2xx then), and the CORS preflight (204). Every response is uncacheable and carries the CORS headers of
 * {@link CorsResponses}.
 *
 * <p>Why 413 needs a template: API Gateway selects an AWS integration's response by SQS's HTTP status only, and SQS
 * refuses a message over the queue's maximum size with the same 400 as a configuration error
 * ({@code InvalidParameterValue}, "... Reason: Message must be shorter than N bytes."). The 4xx response's template
 * reads SQS's error text and overrides the status to 413 for that one case, so an anonymous client sending oversized
 * hits gets a 4xx and cannot raise the API's 5xx alarm; any other SQS 4xx still answers 500.
 */
public final class EventResponses {

    /** A 43-byte transparent 1x1 GIF, base64; the integration response converts it to binary. */
    public static final String TRANSPARENT_GIF = "R0lGODlhAQABAPAAAP///wAAACH5BAUAAAAALAAAAAABAAEAAAICRAEAOw==";

    private static final String NO_CACHE = "'no-cache, no-store, must-revalidate'";
    private static final String CONTENT_TYPE = "method.response.header.Content-Type";
    private static final String CACHE_CONTROL = "method.response.header.Cache-Control";
    private static final String HEADER = "method.response.header.";

    /** The text of SQS's error for a message over the queue's maximum size (the size follows it). */
    public static final String SQS_MESSAGE_TOO_LONG = "Message must be shorter than";
    /** Every SQS 4xx except 413, written so that no status matches two selection patterns. */
    private static final String CLIENT_ERROR_EXCEPT_413 = "4(0\\d|1[0-24-9]|[2-9]\\d)";
    private static final String NOT_QUEUED =
            "{\"message\":\"The hit could not be queued.\",\"requestId\":\"$context.requestId\"}";
    private static final String TOO_LARGE =
            "{\"message\":\"The hit is too large to be queued.\",\"requestId\":\"$context.requestId\"}";

    private final CorsResponses cors;

    /** @param cors the CORS part of every response */
    public EventResponses(CorsResponses cors) {
        this.cors = cors;
    }

    /** @return the GET integration response for a queued hit: 200 with the GIF */
    public IntegrationResponse pixel() {
        String template = cors.template(TRANSPARENT_GIF);
        Map<String, String> templates = new LinkedHashMap<>();
        // The template is chosen by the request's Accept header: give every candidate the same body.
        templates.put("application/json", template);
        templates.put("image/gif", template);
        return IntegrationResponse.builder()
                .statusCode("200")
                .responseParameters(headers("'image/gif'"))
                .responseTemplates(templates)
                .contentHandling(ContentHandling.CONVERT_TO_BINARY)
                .build();
    }

    /** @return the POST integration response for a queued hit: 202 with the request id */
    public IntegrationResponse accepted() {
        return IntegrationResponse.builder()
                .statusCode("202")
                .responseParameters(headers("'application/json'"))
                .responseTemplates(Map.of("application/json",
                        cors.template("{\"accepted\":true,\"requestId\":\"$context.requestId\"}")))
                .build();
    }

    /**
     * @return the integration responses when SQS refused the message: 413 answers 413; another 4xx answers 413 when
     *         SQS's error says the message is too long, else 500 (configuration, permissions); a 5xx answers 503
     */
    public List<IntegrationResponse> sendMessageFailures() {
        String tooLargeOrNotQueued = "#if($input.body.contains('" + SQS_MESSAGE_TOO_LONG + "'))"
                + "#set($context.responseOverride.status = 413)" + TOO_LARGE + "#{else}" + NOT_QUEUED + "#{end}";
        return List.of(failure("413", "413", TOO_LARGE),
                failure(CLIENT_ERROR_EXCEPT_413, "500", tooLargeOrNotQueued),
                failure("5\\d{2}", "503", NOT_QUEUED));
    }

    /**
     * @param successStatus 200 for GET, 202 for POST
     * @return the method responses of the method: success, 413, 500 and 503
     */
    public List<MethodResponse> methodResponses(String successStatus) {
        List<String> headers = List.of("Content-Type", "Cache-Control");
        return List.of(methodResponse(successStatus, headers), methodResponse("413", headers),
                methodResponse("500", headers), methodResponse("503", headers));
    }

    /**
     * @param allowedRequestHeaders the headers a browser may send (Content-Type, and the authorizer's header)
     * @return the MOCK integration answering the CORS preflight with 204
     */
    public MockIntegration preflight(List<String> allowedRequestHeaders) {
        Map<String, String> parameters = new LinkedHashMap<>(cors.staticHeaders());
        parameters.put(HEADER + "Access-Control-Allow-Methods", "'GET,POST,OPTIONS'");
        parameters.put(HEADER + "Access-Control-Allow-Headers", "'" + String.join(",", allowedRequestHeaders) + "'");
        parameters.put(HEADER + "Access-Control-Max-Age", "'600'");
        return MockIntegration.Builder.create()
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 204}"))
                .integrationResponses(List.of(IntegrationResponse.builder()
                        .statusCode("204")
                        .responseParameters(parameters)
                        .responseTemplates(Map.of("application/json", cors.template("")))
                        .build()))
                .build();
    }

    /** @return the method responses of the preflight */
    public List<MethodResponse> preflightMethodResponses() {
        return List.of(methodResponse("204", List.of(
                "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age")));
    }

    private IntegrationResponse failure(String selectionPattern, String status, String body) {
        return IntegrationResponse.builder()
                .selectionPattern(selectionPattern)
                .statusCode(status)
                .responseParameters(headers("'application/json'"))
                .responseTemplates(Map.of("application/json", cors.template(body)))
                .build();
    }

    private Map<String, String> headers(String contentType) {
        Map<String, String> parameters = new LinkedHashMap<>(cors.staticHeaders());
        parameters.put(CONTENT_TYPE, contentType);
        parameters.put(CACHE_CONTROL, NO_CACHE);
        return parameters;
    }

    private static MethodResponse methodResponse(String status, List<String> headers) {
        Map<String, Boolean> parameters = new LinkedHashMap<>();
        for (String header : headers) {
            parameters.put(HEADER + header, true);
        }
        parameters.put(CorsResponses.VARY, true);
        parameters.put(CorsResponses.ALLOW_ORIGIN, false);
        return MethodResponse.builder().statusCode(status).responseParameters(parameters).build();
    }
}
