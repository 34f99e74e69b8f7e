package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.examples.ConnectorExampleStack;
import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.examples.ExampleSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * What the local pipeline runs, read from the example stack's synthesized CloudFormation template: the very mapping
 * templates, queue settings, event source mapping and processor environment that would deploy.
 *
 * @param getRequestTemplates  the GET method's request templates, by Content-Type
 * @param postRequestTemplates the POST method's request templates, by Content-Type
 * @param getResponses         the GET method's integration responses, in template order
 * @param postResponses        the POST method's integration responses
 * @param preflightResponse    the OPTIONS method's (MOCK) integration response
 * @param visibilityTimeoutSeconds the queue's visibility timeout
 * @param maxReceiveCount      the queue's redrive policy: receives before SQS moves a message to the DLQ
 * @param batchSize            the event source mapping's batch size
 * @param maxBatchingWindowSeconds the event source mapping's batching window
 * @param reportBatchItemFailures  whether the mapping reads partial batch responses
 * @param functionTimeoutSeconds   the processor's timeout
 * @param processorEnvironment the processor's environment variables, CloudFormation references resolved to local
 *                             names by {@link CloudFormationReferences} (a stream's, delivery stream's or bus's
 *                             name or ARN); the DLQ's and the rejected queue's URLs are left out: the local
 *                             queues' URLs replace them
 */
public record SynthesizedConnector(
        Map<String, String> getRequestTemplates,
        Map<String, String> postRequestTemplates,
        List<IntegrationResponse> getResponses,
        List<IntegrationResponse> postResponses,
        IntegrationResponse preflightResponse,
        int visibilityTimeoutSeconds,
        int maxReceiveCount,
        int batchSize,
        int maxBatchingWindowSeconds,
        boolean reportBatchItemFailures,
        int functionTimeoutSeconds,
        Map<String, String> processorEnvironment) {

    /** The processor's handler, as the construct deploys it. */
    static final String HANDLER = "io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest";
    /** The processor's variables the local pipeline sets itself, to its local queues' URLs. */
    static final String DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
    static final String REJECTED_QUEUE_URL = "REJECTED_QUEUE_URL";
    private static final List<String> LOCAL_QUEUE_URLS = List.of(DEAD_LETTER_QUEUE_URL, REJECTED_QUEUE_URL);

    /**
     * One integration response of a method.
     *
     * @param statusCode       the method response status it maps to
     * @param selectionPattern regex on the integration's status code; {@code null} for the default response
     * @param headers          static response header values by header name (method.response.header.X = 'value')
     * @param templates        response templates by media type
     * @param convertToBinary  {@code contentHandling: CONVERT_TO_BINARY} (the template's output is base64)
     */
    public record IntegrationResponse(int statusCode, String selectionPattern, Map<String, String> headers,
                                      Map<String, String> templates, boolean convertToBinary) {
    }

    /**
     * Synthesizes {@link ConnectorExampleStack} in-process for a destination with the given allowed origins.
     *
     * @param destination    the example's destination (its {@code destination} context value)
     * @param allowedOrigins the origins of the pages that may send hits (e.g. the local gateway's own origin)
     * @param region         the region of the local ARNs the references resolve to
     */
    public static SynthesizedConnector synthesize(ExampleDestination destination, List<String> allowedOrigins,
            String region) {
        ExampleSettings settings = new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID, allowedOrigins,
                ExampleSettings.DEFAULT_STACK_NAME, destination);
        App app = new App();
        ConnectorExampleStack stack = new ConnectorExampleStack(app, settings.stackName(), StackProps.builder().build(),
                settings);
        return from(Template.fromStack(stack), region);
    }

    /**
     * Reads a synthesized template.
     *
     * @param template the example stack's template
     * @param region   the region of the local ARNs the processor environment's references resolve to
     * @throws IllegalStateException when the template lacks a part, or a variable holds a reference that
     *                               {@link CloudFormationReferences} does not resolve
     */
    @SuppressWarnings("unchecked")
    public static SynthesizedConnector from(Template template, String region) {
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        Map<String, Object> get = methodProperties(template, "GET");
        Map<String, Object> post = methodProperties(template, "POST");
        Map<String, Object> options = methodProperties(template, "OPTIONS");
        Map<String, Object> mapping = single(template, "AWS::Lambda::EventSourceMapping", null, "event source mapping");
        // The connector's queue is the one the mapping reads (the stack may hold others, e.g. an EventBridge rule's).
        Map<String, Object> queue = referencedResource(resources, mapping.get("EventSourceArn"), "AWS::SQS::Queue");
        Map<String, Object> redrive = (Map<String, Object>) queue.get("RedrivePolicy");
        if (redrive == null) {
            throw new IllegalStateException("the event source's queue has no redrive policy: " + queue);
        }
        Map<String, Object> function = single(template, "AWS::Lambda::Function",
                Map.of("Properties", Map.of("Handler", HANDLER)), "processor function");
        CloudFormationReferences references = new CloudFormationReferences(resources, region);
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables");
        for (String localQueue : LOCAL_QUEUE_URLS) {
            if (!variables.containsKey(localQueue)) {
                throw new IllegalStateException("the processor's environment lacks " + localQueue + ": " + variables);
            }
        }
        variables.forEach((name, value) -> {
            if (LOCAL_QUEUE_URLS.contains(name)) {
                return;
            }
            try {
                environment.put(name, references.resolve(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("processor variable " + name + ": " + e.getMessage(), e);
            }
        });
        List<?> responseTypes = (List<?>) mapping.getOrDefault("FunctionResponseTypes", List.of());
        List<IntegrationResponse> preflight = integrationResponses(options);
        if (preflight.size() != 1) {
            throw new IllegalStateException("expected one OPTIONS integration response, found " + preflight);
        }
        return new SynthesizedConnector(
                requestTemplates(get), requestTemplates(post),
                integrationResponses(get), integrationResponses(post), preflight.get(0),
                number(queue.get("VisibilityTimeout"), 30),
                number(redrive.get("maxReceiveCount"), 0),
                number(mapping.get("BatchSize"), 10),
                number(mapping.get("MaximumBatchingWindowInSeconds"), 0),
                responseTypes.contains("ReportBatchItemFailures"),
                number(function.get("Timeout"), 3),
                Map.copyOf(environment));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> single(Template template, String type, Map<String, Object> filter,
            String what) {
        Map<String, Map<String, Object>> found = filter == null ? template.findResources(type)
                : template.findResources(type, filter);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + what + " (" + type + "), found " + found.keySet());
        }
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    /** @return the properties of the resource that {@code arn} ({@code Fn::GetAtt [id, Arn]}) names */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> referencedResource(Map<String, Object> resources, Object arn, String type) {
        if (arn instanceof Map<?, ?> getAtt && getAtt.get("Fn::GetAtt") instanceof List<?> pair && !pair.isEmpty()
                && resources.get(String.valueOf(pair.get(0))) instanceof Map<?, ?> resource
                && type.equals(resource.get("Type"))) {
            return (Map<String, Object>) ((Map<String, Object>) resource).getOrDefault("Properties", Map.of());
        }
        throw new IllegalStateException("expected a reference to a " + type + " in the template, found " + arn);
    }

    private static Map<String, Object> methodProperties(Template template, String httpMethod) {
        return single(template, "AWS::ApiGateway::Method", Map.of("Properties", Map.of("HttpMethod", httpMethod)),
                httpMethod + " method");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> requestTemplates(Map<String, Object> method) {
        Map<String, Object> integration = (Map<String, Object>) method.get("Integration");
        Map<String, String> templates = new LinkedHashMap<>();
        ((Map<String, Object>) integration.get("RequestTemplates")).forEach((contentType, text) -> {
            if (!(text instanceof String string)) {
                throw new IllegalStateException("request template for " + contentType + " is not plain text: " + text);
            }
            templates.put(contentType, string);
        });
        return Map.copyOf(templates);
    }

    @SuppressWarnings("unchecked")
    private static List<IntegrationResponse> integrationResponses(Map<String, Object> method) {
        Map<String, Object> integration = (Map<String, Object>) method.get("Integration");
        List<IntegrationResponse> responses = new ArrayList<>();
        for (Map<String, Object> response
                : (List<Map<String, Object>>) integration.getOrDefault("IntegrationResponses", List.of())) {
            Map<String, String> headers = new LinkedHashMap<>();
            ((Map<String, Object>) response.getOrDefault("ResponseParameters", Map.of())).forEach((name, value) -> {
                String header = name.substring(name.lastIndexOf('.') + 1);
                String text = String.valueOf(value);
                if (!text.startsWith("'") || !text.endsWith("'")) {
                    throw new IllegalStateException("only static response parameters are supported, not "
                            + name + " = " + text);
                }
                headers.put(header, text.substring(1, text.length() - 1));
            });
            Map<String, String> templates = new LinkedHashMap<>();
            ((Map<String, Object>) response.getOrDefault("ResponseTemplates", Map.of()))
                    .forEach((type, text) -> templates.put(type, String.valueOf(text)));
            responses.add(new IntegrationResponse(Integer.parseInt(String.valueOf(response.get("StatusCode"))),
                    (String) response.get("SelectionPattern"), Map.copyOf(headers), Map.copyOf(templates),
                    "CONVERT_TO_BINARY".equals(response.get("ContentHandling"))));
        }
        return List.copyOf(responses);
    }

    private static int number(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(String.valueOf(value));
    }
}
