package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The synthesized connector's integration response templates (pixel, JSON, errors, CORS preflight) render the same on
 * Velocity 1.7, API Gateway's engine, as on the stand-in the construct's own tests use, and set the CORS origin
 * header on 1.7 exactly for an allowed origin.
 */
class ResponseTemplatesOnVelocity17Test {

    static Stream<Arguments> responseTemplates() {
        List<Arguments> arguments = new ArrayList<>();
        for (Deployment deployment : List.of(Deployment.of(Deployment.Authorization.NONE, false),
                Deployment.of(Deployment.Authorization.COGNITO_SUB, false))) {
            deployment.responseTemplates().forEach((location, template) ->
                    arguments.add(Arguments.of(deployment.name() + ": " + location, template)));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseTemplates")
    void rendersLikeVelocity17(String location, String template) {
        for (ApiGatewayRequest request : List.of(
                withHeader("Origin", "https://shop.example.com"),
                withHeader("origin", "https://www.example.com"),
                withHeader("Origin", "https://evil.example"),
                withHeader("Origin", ""),
                withHeader("Referer", "https://www.example.com/"))) {
            ApiGatewayVtl.RenderedTemplate onVelocity17 = ApiGatewayVtl.renderOnVelocity17(template, request);

            assertThat(onVelocity17).as(location).isEqualTo(ApiGatewayVtl.render(template, request));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseTemplates")
    void allowsExactlyTheAllowedOriginsOnVelocity17(String location, String template) {
        for (String origin : Deployment.ALLOWED_ORIGINS) {
            assertThat(ApiGatewayVtl.renderOnVelocity17(template, withHeader("ORIGIN", origin)).headerOverrides())
                    .as(location).isEqualTo(Map.of("Access-Control-Allow-Origin", origin));
        }
        assertThat(ApiGatewayVtl.renderOnVelocity17(template, withHeader("Origin", "https://www.example.com.evil"))
                .headerOverrides()).as(location).isEmpty();
    }

    private static ApiGatewayRequest withHeader(String name, String value) {
        return ApiGatewayRequest.builder().requestId("r-1").header(name, value).build();
    }
}
