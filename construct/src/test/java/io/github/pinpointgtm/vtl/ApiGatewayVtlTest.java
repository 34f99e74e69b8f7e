package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayUtil;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-in behaves like API Gateway's Velocity 1.7 where the connector's templates depend on it. */
class ApiGatewayVtlTest {

    private static String render(String template, ApiGatewayRequest request) {
        return ApiGatewayVtl.render(template, request).output();
    }

    @Test
    void treatsAnEmptyStringAsTrueLikeVelocity17() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().header("Origin", "").build();

        assertThat(render("#if($input.params().header.Origin)set#{else}unset#end", request)).isEqualTo("set");
        assertThat(render("#if($input.params().header.Referer)set#{else}unset#end", request)).isEqualTo("unset");
    }

    @Test
    void rendersAMissingReferenceLiterallyUnlessQuiet() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().build();

        assertThat(render("[$context.identity.userAgent][$!context.identity.userAgent]", request))
                .isEqualTo("[$context.identity.userAgent][]");
    }

    @Test
    void keepsTheLastValueOfARepeatedQueryParameterInItsFirstPosition() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .queryParameter("a", "1").queryParameter("b", "2").queryParameter("a", "3").build();

        assertThat(render("#foreach($n in $input.params().querystring.keySet())$n=$input.params().querystring.get($n)"
                + "#if($foreach.hasNext),#end#end", request)).isEqualTo("a=3,b=2");
    }

    @Test
    void searchesPathThenQueryThenHeadersForANamedParameter() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .pathParameter("id", "from-path").queryParameter("id", "from-query").queryParameter("q", "query")
                .header("id", "from-header").header("h", "header").build();

        assertThat(render("$input.params('id') $input.params('q') $input.params('h') [$input.params('none')]",
                request)).isEqualTo("from-path query header []");
        assertThat(render("$input.params().path.id $input.params().header.id", request))
                .isEqualTo("from-path from-header");
    }

    @Test
    void givesTheRawBodyAndItsRootJson() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().body("{\"a\": \"$x\"}").build();

        assertThat(render("$input.body|$input.json('$')", request)).isEqualTo("{\"a\": \"$x\"}|{\"a\": \"$x\"}");
    }

    @Test
    void refusesJsonPathsItDoesNotImplement() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().body("{\"a\":1}").build();

        assertThatThrownBy(() -> render("$input.json('$.a')", request)).hasRootCauseMessage(
                "the API Gateway stand-in supports only $input.json('$'), not '$.a'");
    }

    @Test
    void encodesAndDecodesLikeApiGatewayUtil() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().queryParameter("v", "a b&c=é😀~*").build();

        assertThat(render("#set($v = $input.params().querystring.v)$util.urlEncode($v)|"
                + "$util.urlDecode($util.urlEncode($v))|$util.base64Encode($v)|"
                + "$util.base64Decode($util.base64Encode($v))", request))
                .isEqualTo("a+b%26c%3D%C3%A9%F0%9F%98%80%7E*|a b&c=é😀~*|YSBiJmM9w6nwn5iAfio=|a b&c=é😀~*");
    }

    @Test
    void escapesJavaScriptLikeApiGatewayIncludingTheQuoteThatBreaksJson() {
        ApiGatewayUtil util = new ApiGatewayUtil();

        assertThat(util.escapeJavaScript("it's \"a\" \\ / \b\f\n\r\t \u0001\u001f \u007f é \u20ac 😀"))
                .isEqualTo("it\\'s \\\"a\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0001\\u001F \u007f \\u00E9 \\u20AC"
                        + " \\uD83D\\uDE00");
    }

    @Test
    void providesContextValuesAndAuthorizerClaims() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .requestId("r-1").requestTimeEpoch(42L).httpMethod("POST").sourceIp("192.0.2.9").userAgent("ua")
                .authorizer("principalId", "p").authorizer("tenant", "t").claim("sub", "s")
                .claim("custom:tier", "gold").context("stage", "prod").build();

        assertThat(render("$context.requestId $context.requestTimeEpoch $context.httpMethod"
                + " $context.identity.sourceIp $context.identity.userAgent $context.authorizer.principalId"
                + " $context.authorizer.tenant $context.authorizer.claims.sub"
                + " $context.authorizer.claims['custom:tier'] $context.stage", request))
                .isEqualTo("r-1 42 POST 192.0.2.9 ua p t s gold prod");
    }

    @Test
    void recordsResponseOverridesWithHyphenatedHeaderNames() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().header("origin", "https://a.example").build();

        ApiGatewayVtl.RenderedTemplate rendered = ApiGatewayVtl.render(
                "#set($context.responseOverride.header.Access-Control-Allow-Origin = $input.params().header.origin)"
                        + "#set($context.responseOverride.status = 204)", request);

        assertThat(rendered.output()).isEmpty();
        assertThat(rendered.statusOverride()).isEqualTo(204);
        assertThat(rendered.headerOverrides()).isEqualTo(Map.of("Access-Control-Allow-Origin", "https://a.example"));
    }

    @Test
    void startsEveryRenderingWithAFreshContext() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().build();
        ApiGatewayVtl.render("#set($context.responseOverride.status = 500)", request);

        ApiGatewayVtl.RenderedTemplate second = ApiGatewayVtl.render("", request);

        assertThat(second.statusOverride()).isNull();
        assertThat(second.headerOverrides()).isEmpty();
    }

    @Test
    void keepsWhitespaceAroundDirectivesLikeVelocity17() {
        // 1.7 swallows the newline after a directive but keeps the indentation before it (2.x's default would not).
        ApiGatewayRequest request = ApiGatewayRequest.builder().build();

        assertThat(render("  #set($a = 1)\n  #if(true)\nx\n  #end\ny##\nz", request)).isEqualTo("  x\n  yz");
    }

    @Test
    void iteratesOverNothingForAMissingMap() {
        assertThat(render("[#foreach($x in $context.nothing.keySet())$x#end]", ApiGatewayRequest.builder().build()))
                .isEqualTo("[]");
    }

    @Test
    void refusesASyntaxError() {
        assertThatThrownBy(() -> render("#if(", ApiGatewayRequest.builder().build()))
                .isInstanceOf(RuntimeException.class);
    }
}
