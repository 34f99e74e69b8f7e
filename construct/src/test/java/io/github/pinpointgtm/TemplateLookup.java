package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Reads API Gateway method definitions out of a synthesized template. */
final class TemplateLookup {

    private TemplateLookup() {
    }

    /** @return the Properties of the only method with this HTTP method */
    @SuppressWarnings("unchecked")
    static Map<String, Object> method(Template template, String httpMethod) {
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("HttpMethod", httpMethod)))));
        if (methods.size() != 1) {
            throw new AssertionError("expected one " + httpMethod + " method, found " + methods.keySet());
        }
        return (Map<String, Object>) methods.values().iterator().next().get("Properties");
    }

    /** @return the method's integration */
    @SuppressWarnings("unchecked")
    static Map<String, Object> integration(Template template, String httpMethod) {
        return (Map<String, Object>) method(template, httpMethod).get("Integration");
    }

    /** @return the method's integration response with this status code */
    @SuppressWarnings("unchecked")
    static Map<String, Object> integrationResponse(Template template, String httpMethod, String statusCode) {
        List<Map<String, Object>> responses =
                (List<Map<String, Object>>) integration(template, httpMethod).get("IntegrationResponses");
        return responses.stream().filter(r -> statusCode.equals(r.get("StatusCode"))).findFirst()
                .orElseThrow(() -> new AssertionError(httpMethod + " has no integration response " + statusCode));
    }

    /** @return the response template of that integration response for a content type */
    @SuppressWarnings("unchecked")
    static String responseTemplate(Template template, String httpMethod, String statusCode, String contentType) {
        Map<String, String> templates = (Map<String, String>) integrationResponse(template, httpMethod, statusCode)
                .get("ResponseTemplates");
        String responseTemplate = templates.get(contentType);
        if (responseTemplate == null) {
            throw new AssertionError(httpMethod + " " + statusCode + " has no " + contentType + " template");
        }
        return responseTemplate;
    }

    /** @return the integration's request template for a content type */
    @SuppressWarnings("unchecked")
    static String requestTemplate(Template template, String httpMethod, String contentType) {
        return ((Map<String, String>) integration(template, httpMethod).get("RequestTemplates")).get(contentType);
    }
}
