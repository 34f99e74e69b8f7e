package io.github.pinpointgtm;

import static io.github.pinpointgtm.TemplateLookup.integrationResponse;
import static io.github.pinpointgtm.TemplateLookup.method;
import static io.github.pinpointgtm.TemplateLookup.requestTemplate;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import io.github.pinpointgtm.testkit.vtl.SqsFormBody;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apigateway.IdentitySource;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;

/** The authorization modes: authorizers on GET and POST (never OPTIONS) and the identity in the envelope. */
class ConnectorAuthorizationTest {

    private static TestStacks.Synthesized cognito;
    private static TestStacks.Synthesized cognitoClaim;
    private static TestStacks.Synthesized lambdaToken;
    private static TestStacks.Synthesized lambdaGeneral;

    static IFunction authorizerFunction(Stack stack) {
        return Function.Builder.create(stack, "AuthorizerFunction")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({});"))
                .build();
    }

    @BeforeAll
    static void synthesize() {
        cognito = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users")))
                .build());
        cognitoClaim = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack, "Users"), "cognito:username"))
                .build());
        lambdaToken = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.lambda(authorizerFunction(stack), "token"))
                .build());
        lambdaGeneral = TestStacks.synth(stack -> minimalProps()
                .authorization(ConnectorAuthorization.lambda(ConnectorAuthorization.LambdaAuthorizerOptions.builder()
                        .handler(authorizerFunction(stack))
                        .identitySources(List.of(IdentitySource.header("X-Pixel-Key"),
                                IdentitySource.queryString("site")))
                        .identityContextKey("visitorId")
                        .resultsCacheTtl(Duration.minutes(1))
                        .build()))
                .build());
    }

    private static String authorizerId(TestStacks.Synthesized synthesized) {
        return synthesized.stack().getLogicalId((CfnElement) synthesized.connector().getAuthorizer()
                .getNode().getDefaultChild());
    }

    private static void assertAuthorizedEventMethods(TestStacks.Synthesized synthesized, String type) {
        for (String httpMethod : List.of("GET", "POST")) {
            assertThat(method(synthesized.template(), httpMethod))
                    .containsEntry("AuthorizationType", type)
                    .containsEntry("AuthorizerId", Map.of("Ref", authorizerId(synthesized)));
        }
        assertThat(method(synthesized.template(), "OPTIONS"))
                .containsEntry("AuthorizationType", "NONE")
                .doesNotContainKey("AuthorizerId");
    }

    @Test
    void cognitoAuthorizesGetAndPostWithTheUserPool() {
        String pool = cognito.template().findResources("AWS::Cognito::UserPool").keySet().iterator().next();
        cognito.template().hasResourceProperties("AWS::ApiGateway::Authorizer", Map.of(
                "Type", "COGNITO_USER_POOLS",
                "IdentitySource", "method.request.header.Authorization",
                "ProviderARNs", List.of(Map.of("Fn::GetAtt", List.of(pool, "Arn")))));
        assertAuthorizedEventMethods(cognito, "COGNITO_USER_POOLS");
    }

    @Test
    void cognitoIdentityIsTheSubClaimByDefault() {
        assertThat(requestTemplate(cognito.template(), "GET", "application/json")).isEqualTo(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false,
                        "$context.authorizer.claims.sub", "cognito:sub", false)));
        assertThat(requestTemplate(cognito.template(), "POST", "text/plain")).isEqualTo(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(true,
                        "$context.authorizer.claims.sub", "cognito:sub", false)));
    }

    @Test
    void aCognitoClaimThatIsNoVtlIdentifierIsReadByIndex() {
        String template = requestTemplate(cognitoClaim.template(), "GET", "application/json");
        assertThat(template).isEqualTo(EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false,
                "$context.authorizer.claims['cognito:username']", "cognito:cognito:username", false)));
        Map<String, String> envelope = renderEnvelope(template, ApiGatewayRequest.builder()
                .queryParameter("event", "purchase")
                .claim("cognito:username", "alice")
                .build());
        assertThat(envelope).containsEntry("identity", "alice").containsEntry("identitySource", "cognito:cognito:username");
    }

    @Test
    void cognitoPreflightAllowsTheAuthorizationHeader() {
        assertThat(integrationResponse(cognito.template(), "OPTIONS", "204").get("ResponseParameters"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("method.response.header.Access-Control-Allow-Headers", "'Content-Type,Authorization'");
    }

    @Test
    void lambdaTokenAuthorizerReadsTheQueryStringAndCachesFiveMinutes() {
        String function = lambdaToken.template().findResources("AWS::Lambda::Function").keySet().stream()
                .filter(id -> id.startsWith("AuthorizerFunction")).findFirst().orElseThrow();
        Map<String, Object> authorizer = TestStacks.onlyResource(lambdaToken.template(), "AWS::ApiGateway::Authorizer");
        assertThat(authorizer).containsEntry("Type", "REQUEST")
                .containsEntry("IdentitySource", "method.request.querystring.token")
                .containsEntry("AuthorizerResultTtlInSeconds", 300);
        assertThat(authorizer.get("AuthorizerUri").toString()).contains(function);
        assertAuthorizedEventMethods(lambdaToken, "CUSTOM");
        // API Gateway must be allowed to invoke the authorizer function.
        lambdaToken.template().hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "FunctionName", Map.of("Fn::GetAtt", List.of(function, "Arn")),
                "Principal", "apigateway.amazonaws.com",
                "SourceArn", software.amazon.awscdk.assertions.Match.anyValue()));
    }

    @Test
    void lambdaIdentityIsThePrincipalIdByDefault() {
        String template = requestTemplate(lambdaToken.template(), "GET", "application/json");
        assertThat(template).isEqualTo(EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false,
                "$context.authorizer.principalId", "lambda:principalId", false, java.util.Set.of("token"))));
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .queryParameter("event", "page_view")
                .queryParameter("token", "secret")
                .authorizer("principalId", "visitor-42")
                .build();
        Map<String, String> envelope = renderEnvelope(template, request);
        assertThat(envelope).containsEntry("identity", "visitor-42").containsEntry("identitySource", "lambda:principalId");
        assertThat(ApiGatewayVtl.render(template, request).output()).as("the token is a credential: never queued")
                .contains("page_view").doesNotContain("secret");
    }

    @Test
    void theGeneralLambdaFormConfiguresSourcesCacheAndIdentityKey() {
        Map<String, Object> authorizer = TestStacks.onlyResource(lambdaGeneral.template(), "AWS::ApiGateway::Authorizer");
        assertThat(authorizer).containsEntry("Type", "REQUEST")
                .containsEntry("IdentitySource", "method.request.header.X-Pixel-Key,method.request.querystring.site")
                .containsEntry("AuthorizerResultTtlInSeconds", 60);
        assertThat(requestTemplate(lambdaGeneral.template(), "POST", "application/json")).isEqualTo(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(true,
                        "$context.authorizer.visitorId", "lambda:visitorId", false, java.util.Set.of("site"))));
        assertThat(integrationResponse(lambdaGeneral.template(), "OPTIONS", "204").get("ResponseParameters"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("method.response.header.Access-Control-Allow-Headers", "'Content-Type,X-Pixel-Key'");
        assertAuthorizedEventMethods(lambdaGeneral, "CUSTOM");
    }

    @Test
    void noneHasNoIdentityInTheEnvelope() {
        Template open = TestStacks.synth(minimalProps().build()).template();
        Map<String, String> envelope = renderEnvelope(requestTemplate(open, "GET", "application/json"),
                ApiGatewayRequest.builder().queryParameter("event", "purchase")
                        .authorizer("principalId", "forged").build());
        assertThat(envelope).containsEntry("identity", "").containsEntry("identitySource", "");
    }

    @Test
    void invalidAuthorizationArgumentsAreRejectedWithTheirName() {
        Stack stack = TestStacks.newStack();
        IFunction function = authorizerFunction(stack);
        assertThatThrownBy(() -> ConnectorAuthorization.cognito(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userPool");
        assertThatThrownBy(() -> ConnectorAuthorization.cognito(new UserPool(stack, "Pool"), "bad claim"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimName");
        assertThatThrownBy(() -> ConnectorAuthorization.lambda(function, "to&ken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenQueryParameter");
        assertThatThrownBy(() -> ConnectorAuthorization.lambda(null, "token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handler");
        assertThatThrownBy(() -> ConnectorAuthorization.LambdaAuthorizerOptions.builder().handler(function).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identitySources");
        assertThatThrownBy(() -> ConnectorAuthorization.LambdaAuthorizerOptions.builder().handler(function)
                .identitySources(List.of("querystring.token")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identitySources");
        assertThatThrownBy(() -> ConnectorAuthorization.LambdaAuthorizerOptions.builder().handler(function)
                .identitySources(List.of(IdentitySource.queryString("t"))).identityContextKey("a.b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identityContextKey");
        assertThatThrownBy(() -> ConnectorAuthorization.LambdaAuthorizerOptions.builder().handler(function)
                .identitySources(List.of(IdentitySource.queryString("t"))).resultsCacheTtl(Duration.hours(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultsCacheTtl");
        assertThatThrownBy(() -> ConnectorAuthorization.lambda((ConnectorAuthorization.LambdaAuthorizerOptions) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("options");
    }

    private static final Pattern STRING_FIELD = Pattern.compile("\"(identity|identitySource)\":\"([^\"]*)\"");

    /** Renders a request template and returns the envelope's identity fields, decoded. */
    private static Map<String, String> renderEnvelope(String template, ApiGatewayRequest request) {
        String formBody = ApiGatewayVtl.render(template, request).output();
        List<Map.Entry<String, String>> parameters = SqsFormBody.parse(formBody);
        assertThat(parameters.get(0)).isEqualTo(Map.entry("Action", "SendMessage"));
        String envelope = parameters.get(1).getValue();
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher matcher = STRING_FIELD.matcher(envelope);
        while (matcher.find()) {
            fields.put(matcher.group(1), URLDecoder.decode(matcher.group(2), StandardCharsets.UTF_8));
        }
        assertThat(fields).containsOnlyKeys("identity", "identitySource");
        return fields;
    }
}
