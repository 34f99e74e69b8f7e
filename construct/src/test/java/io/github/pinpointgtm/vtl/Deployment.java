package io.github.pinpointgtm.vtl;

import io.github.pinpointgtm.ConnectorAuthorization;
import io.github.pinpointgtm.PinpointGtmConnector;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * A real {@link PinpointGtmConnector} in a synthesized stack, and the request templates API Gateway would run, read
 * from the synthesized CloudFormation template (never from {@code EnvelopeRequestTemplate} directly).
 *
 * @param name          a readable name for test reports
 * @param getTemplates  the GET method's request templates, by Content-Type
 * @param postTemplates the POST method's request templates, by Content-Type
 * @param responseTemplates every integration response template of every method, by a readable location
 * @param options       the options the templates were meant to be rendered with (for the envelope's expectations)
 * @param withIdentity  puts an authenticated identity where this deployment's authorizer would
 */
record Deployment(String name, Map<String, String> getTemplates, Map<String, String> postTemplates,
                  Map<String, String> responseTemplates, EnvelopeTemplateOptions options,
                  BiFunction<ApiGatewayRequest.Builder, String, ApiGatewayRequest.Builder> withIdentity) {

    /** The construct's authorization modes, each with where its authorizer puts the identity. */
    enum Authorization {
        NONE(stack -> ConnectorAuthorization.none(), new EnvelopeTemplateOptions(false, null, null, false),
                (request, identity) -> request),
        LAMBDA_PRINCIPAL_ID(stack -> ConnectorAuthorization.lambda(authorizer(stack), "token"),
                new EnvelopeTemplateOptions(false, "$context.authorizer.principalId", "lambda:principalId", false,
                        Set.of("token")),
                (request, identity) -> request.authorizer("principalId", identity)),
        LAMBDA_CONTEXT_KEY(stack -> ConnectorAuthorization.lambda(ConnectorAuthorization.LambdaAuthorizerOptions
                        .builder().handler(authorizer(stack)).identitySources(List.of("method.request.querystring.token"))
                        .identityContextKey("endpointId").build()),
                new EnvelopeTemplateOptions(false, "$context.authorizer.endpointId", "lambda:endpointId", false,
                        Set.of("token")),
                (request, identity) -> request.authorizer("principalId", "not the identity")
                        .authorizer("endpointId", identity)),
        COGNITO_SUB(stack -> ConnectorAuthorization.cognito(new UserPool(stack, "Users")),
                new EnvelopeTemplateOptions(false, "$context.authorizer.claims.sub", "cognito:sub", false),
                (request, identity) -> request.claim("sub", identity).claim("email", "not the identity")),
        COGNITO_USERNAME(stack -> ConnectorAuthorization.cognito(new UserPool(stack, "Users"), "cognito:username"),
                new EnvelopeTemplateOptions(false, "$context.authorizer.claims['cognito:username']",
                        "cognito:cognito:username", false),
                (request, identity) -> request.claim("cognito:username", identity).claim("sub", "not it"));

        private final Function<Stack, ConnectorAuthorization> create;
        private final EnvelopeTemplateOptions getOptions;
        private final BiFunction<ApiGatewayRequest.Builder, String, ApiGatewayRequest.Builder> withIdentity;

        Authorization(Function<Stack, ConnectorAuthorization> create, EnvelopeTemplateOptions getOptions,
                BiFunction<ApiGatewayRequest.Builder, String, ApiGatewayRequest.Builder> withIdentity) {
            this.create = create;
            this.getOptions = getOptions;
            this.withIdentity = withIdentity;
        }

        /** The mode whose template writes this {@code identitySource} label ("" for none). */
        static Authorization withIdentitySource(String identitySource) {
            for (Authorization authorization : values()) {
                if (authorization.getOptions.identitySource().equals(identitySource)) {
                    return authorization;
                }
            }
            throw new IllegalArgumentException("no authorization mode writes identitySource '" + identitySource + "'");
        }
    }

    /** Two origins, so the response templates check the request's Origin in VTL. */
    static final List<String> ALLOWED_ORIGINS = List.of("https://www.example.com", "https://shop.example.com");

    private static final Map<String, Deployment> SYNTHESIZED = new ConcurrentHashMap<>();

    /**
     * Every authorization mode, with the source IP on and off, and the full Referer kept or not: what the
     * parameterized proofs run on (and, so each stack is synthesized once, every combination the golden envelopes
     * use).
     */
    static final List<Deployment> ALL = List.of(
            of(Authorization.NONE, false),
            of(Authorization.NONE, true),
            of(Authorization.NONE, false, true),
            of(Authorization.LAMBDA_PRINCIPAL_ID, false),
            of(Authorization.LAMBDA_CONTEXT_KEY, true),
            of(Authorization.COGNITO_SUB, false),
            of(Authorization.COGNITO_USERNAME, true, true));

    /** The connector with this authorization and source-IP setting, keeping only the Referer's origin. */
    static Deployment of(Authorization authorization, boolean includeSourceIp) {
        return of(authorization, includeSourceIp, false);
    }

    /** The connector with these settings, synthesized once per test run. */
    static Deployment of(Authorization authorization, boolean includeSourceIp, boolean includeFullReferer) {
        return SYNTHESIZED.computeIfAbsent(authorization + "/" + includeSourceIp + "/" + includeFullReferer,
                key -> synthesize(authorization, includeSourceIp, includeFullReferer));
    }

    /** The only GET template (GET carries no body, so one template serves every Content-Type). */
    String getTemplate() {
        return single(getTemplates, "GET");
    }

    /** The only distinct POST template (the same for every accepted Content-Type). */
    String postTemplate() {
        return single(postTemplates, "POST");
    }

    /**
     * The template API Gateway runs for a request: chosen by the media type of its Content-Type (without parameters
     * such as {@code charset}, in any case), {@code application/json} when it has none.
     *
     * @throws AssertionError when the method has no template for it (API Gateway would answer 415)
     */
    String requestTemplate(String httpMethod, String contentType) {
        Map<String, String> templates = httpMethod.equals("GET") ? getTemplates : postTemplates;
        String mediaType = contentType == null || contentType.isEmpty() ? "application/json"
                : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        String template = templates.get(mediaType);
        if (template == null) {
            throw new AssertionError(httpMethod + " has no request template for " + mediaType + ": " + templates.keySet());
        }
        return template;
    }

    @Override
    public String toString() {
        return name;
    }

    private static String single(Map<String, String> templates, String method) {
        List<String> distinct = templates.values().stream().distinct().toList();
        if (distinct.size() != 1) {
            throw new AssertionError(method + " should have one template for all content types, has " + templates);
        }
        return distinct.get(0);
    }

    private static software.amazon.awscdk.services.lambda.Function authorizer(Stack stack) {
        return software.amazon.awscdk.services.lambda.Function.Builder.create(stack, "Authorizer")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({});"))
                .build();
    }

    private static Deployment synthesize(Authorization authorization, boolean includeSourceIp,
            boolean includeFullReferer) {
        Stack stack = new Stack(new App(), "Stack");
        new PinpointGtmConnector(stack, "Connector", PinpointGtmConnectorProps.builder()
                .pinpointApplicationId("0123456789abcdef0123456789abcdef")
                .allowedOrigins(ALLOWED_ORIGINS)
                .authorization(authorization.create.apply(stack))
                .includeSourceIp(includeSourceIp)
                .includeFullReferer(includeFullReferer)
                .build());
        Template template = Template.fromStack(stack);
        EnvelopeTemplateOptions get = authorization.getOptions;
        String name = authorization.name().toLowerCase(java.util.Locale.ROOT) + (includeSourceIp ? ", source IP" : "")
                + (includeFullReferer ? ", full Referer" : "");
        return new Deployment(name, requestTemplates(template, "GET"), requestTemplates(template, "POST"),
                responseTemplates(template), new EnvelopeTemplateOptions(false, get.identityReference(),
                        get.identitySource(), includeSourceIp, get.omittedQueryParameters(), includeFullReferer),
                authorization.withIdentity);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> requestTemplates(Template template, String httpMethod) {
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method",
                Map.of("Properties", Map.of("HttpMethod", httpMethod)));
        if (methods.size() != 1) {
            throw new AssertionError("expected one " + httpMethod + " method, found " + methods.keySet());
        }
        Map<String, Object> properties = (Map<String, Object>) methods.values().iterator().next().get("Properties");
        Map<String, Object> integration = (Map<String, Object>) properties.get("Integration");
        Map<String, String> templates = new LinkedHashMap<>();
        ((Map<String, Object>) integration.get("RequestTemplates")).forEach((contentType, text) -> {
            if (!(text instanceof String string)) {
                throw new AssertionError(httpMethod + " request template for " + contentType
                        + " is not plain text: " + text);
            }
            templates.put(contentType, string);
        });
        return Map.copyOf(templates);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> responseTemplates(Template template) {
        Map<String, String> templates = new LinkedHashMap<>();
        template.findResources("AWS::ApiGateway::Method").forEach((logicalId, resource) -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            Map<String, Object> integration = (Map<String, Object>) properties.get("Integration");
            List<Map<String, Object>> responses = integration == null ? List.of()
                    : (List<Map<String, Object>>) integration.getOrDefault("IntegrationResponses", List.of());
            for (Map<String, Object> response : responses) {
                Map<String, Object> byType = (Map<String, Object>) response.getOrDefault("ResponseTemplates", Map.of());
                byType.forEach((contentType, text) -> templates.put(properties.get("HttpMethod") + " "
                        + response.get("StatusCode") + " " + contentType, (String) text));
            }
        });
        return Map.copyOf(templates);
    }
}
