package io.github.pinpointgtm;

import static io.github.pinpointgtm.TemplateLookup.integrationResponse;
import static io.github.pinpointgtm.TemplateLookup.responseTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl.RenderedTemplate;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Template;

/**
 * CORS on every response of {@code /events}: the synthesized response templates, rendered on Velocity 1.7 (what API
 * Gateway runs) and on the API Gateway VTL stand-in, echo an allowed origin, give any other origin no {@code Access-Control-Allow-Origin}, and leave the body
 * exact; {@code Vary: Origin} is always there.
 */
class CorsResponsesTest {

    private static final String SHOP = TestStacks.SHOP;
    private static final String GIF = "R0lGODlhAQABAPAAAP///wAAACH5BAUAAAAALAAAAAABAAEAAAICRAEAOw==";
    private static final String ACAO = "Access-Control-Allow-Origin";

    private static Template listed;
    private static Template anyOrigin;

    @BeforeAll
    static void synthesize() {
        listed = TestStacks.twoOrigins();
        anyOrigin = TestStacks.anyOrigin();
    }

    private static RenderedTemplate render(String template, String headerName, String origin) {
        ApiGatewayRequest.Builder request = ApiGatewayRequest.builder().requestId("req-1");
        if (origin != null) {
            request.header(headerName, origin);
        }
        request.header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8");
        // API Gateway runs Velocity 1.7: the stand-in and 1.7 itself must agree on every response.
        RenderedTemplate onVelocity17 = ApiGatewayVtl.renderOnVelocity17(template, request.build());
        RenderedTemplate onStandIn = ApiGatewayVtl.render(template, request.build());
        assertThat(onVelocity17).isEqualTo(onStandIn);
        return onVelocity17;
    }

    /** Every (method, status, content type) whose response template carries the CORS logic. */
    private static final List<String[]> RESPONSES = List.of(
            new String[] {"GET", "200", "image/gif"}, new String[] {"GET", "200", "application/json"},
            new String[] {"GET", "413", "application/json"}, new String[] {"POST", "413", "application/json"},
            new String[] {"GET", "500", "application/json"}, new String[] {"GET", "503", "application/json"},
            new String[] {"POST", "202", "application/json"}, new String[] {"POST", "500", "application/json"},
            new String[] {"POST", "503", "application/json"}, new String[] {"OPTIONS", "204", "application/json"});

    @ParameterizedTest
    @CsvSource({"Origin,https://www.example.com", "origin,https://shop.example.com", "ORIGIN,https://www.example.com"})
    void anAllowedOriginIsEchoedOnEveryResponse(String headerName, String origin) {
        for (String[] response : RESPONSES) {
            RenderedTemplate rendered = render(responseTemplate(listed, response[0], response[1], response[2]),
                    headerName, origin);
            assertThat(rendered.headerOverrides()).as(String.join(" ", response)).containsExactly(Map.entry(ACAO, origin));
        }
    }

    @ParameterizedTest
    @CsvSource(value = {"https://evil.example.com", "https://www.example.com.evil.com", "http://www.example.com",
            "https://WWW.EXAMPLE.COM", "null", "''", "*"})
    void anyOtherOriginGetsNoAllowOriginHeader(String origin) {
        for (String[] response : RESPONSES) {
            RenderedTemplate rendered = render(responseTemplate(listed, response[0], response[1], response[2]),
                    "Origin", origin);
            assertThat(rendered.headerOverrides()).as(String.join(" ", response)).isEmpty();
        }
    }

    @Test
    void aRequestWithoutOriginGetsNoAllowOriginHeader() {
        for (String[] response : RESPONSES) {
            assertThat(render(responseTemplate(listed, response[0], response[1], response[2]), "Origin", null)
                    .headerOverrides()).isEmpty();
        }
    }

    @Test
    void theCorsLogicAddsNothingToTheBodies() {
        for (String origin : new String[] {TestStacks.ORIGIN, "https://evil.example.com", null}) {
            assertThat(render(responseTemplate(listed, "GET", "200", "image/gif"), "Origin", origin).output())
                    .isEqualTo(GIF);
            assertThat(render(responseTemplate(listed, "GET", "200", "application/json"), "Origin", origin).output())
                    .isEqualTo(GIF);
            assertThat(render(responseTemplate(listed, "OPTIONS", "204", "application/json"), "Origin", origin)
                    .output()).isEmpty();
            assertThat(render(responseTemplate(listed, "POST", "202", "application/json"), "Origin", origin)
                    .output()).isEqualTo("{\"accepted\":true,\"requestId\":\"req-1\"}");
            assertThat(render(responseTemplate(listed, "GET", "500", "application/json"), "Origin", origin).output())
                    .isEqualTo("{\"message\":\"The hit could not be queued.\",\"requestId\":\"req-1\"}");
        }
    }

    @Test
    void thePixelIsA43ByteTransparentGif() {
        byte[] gif = Base64.getDecoder().decode(render(responseTemplate(listed, "GET", "200", "image/gif"),
                "Origin", TestStacks.ORIGIN).output());
        assertThat(gif).hasSize(43);
        assertThat(new String(gif, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
    }

    @Test
    void varyOriginIsAStaticHeaderOfEveryResponse() {
        for (Template template : List.of(listed, anyOrigin)) {
            for (String[] response : RESPONSES) {
                assertThat(integrationResponse(template, response[0], response[1]).get("ResponseParameters"))
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("method.response.header.Vary", "'Origin'");
            }
        }
    }

    @Test
    void withAnyOriginTheHeaderIsAStaticWildcardAndTheTemplatesArePlainBodies() {
        for (String[] response : RESPONSES) {
            assertThat(integrationResponse(anyOrigin, response[0], response[1]).get("ResponseParameters"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("method.response.header.Access-Control-Allow-Origin", "'*'");
            String template = responseTemplate(anyOrigin, response[0], response[1], response[2]);
            // No origin logic (the 500 template's only VTL is the too-large check: TooLargeHitResponsesTest).
            assertThat(template).doesNotContain("allowedOrigins", "requestOrigin", "responseOverride.header");
        }
        assertThat(responseTemplate(anyOrigin, "GET", "200", "image/gif")).isEqualTo(GIF);
        anyOrigin.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Map.of("ResponseParameters", Map.of(
                "gatewayresponse.header.Vary", "'Origin'",
                "gatewayresponse.header.Access-Control-Allow-Origin", "'*'")));
    }

    @Test
    void listedOriginsNeverGetAStaticAllowOriginHeader() {
        for (String[] response : RESPONSES) {
            assertThat(integrationResponse(listed, response[0], response[1]).get("ResponseParameters"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .doesNotContainKey("method.response.header.Access-Control-Allow-Origin");
        }
    }
}
