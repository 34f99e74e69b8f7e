package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import org.junit.jupiter.api.Test;

/**
 * Where the stand-in (Velocity 2.4 in 1.7 mode) and Velocity 1.7 itself agree and differ. Every envelope proof renders
 * on both ({@link EnvelopeDelivery}), so the proofs hold for API Gateway's engine.
 */
class Velocity17CrossCheckTest {

    @Test
    void rendersAbsentValuesLikeVelocity17() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().requestId(null).httpMethod(null).build();
        for (Deployment deployment : Deployment.ALL) {
            for (String template : new String[] {deployment.getTemplate(), deployment.postTemplate()}) {
                assertThat(ApiGatewayVtl.renderOnVelocity17(template, request).output())
                        .isEqualTo(ApiGatewayVtl.render(template, request).output());
            }
        }
    }

    @Test
    void differsFromVelocity2OnlyWhereTheTemplatesTakeCare() {
        // Why templates must never #set a value that may be null: 1.7 keeps the old value, 2.x assigns null.
        String template = "#set($x = \"old\")#set($x = $context.missing)$x";
        ApiGatewayRequest request = ApiGatewayRequest.builder().build();

        assertThat(ApiGatewayVtl.renderOnVelocity17(template, request).output()).isEqualTo("old");
        assertThat(ApiGatewayVtl.render(template, request).output()).isEqualTo("$x");
    }

    @Test
    void differsFromVelocity2OnACommentRightAfterAPropertyReference() {
        // Why the envelope template writes ${a.b} before a line's "##": 1.7 prints the comment after $a.b.
        ApiGatewayRequest request = ApiGatewayRequest.builder().requestTimeEpoch(42L).build();

        assertThat(ApiGatewayVtl.renderOnVelocity17("$context.requestTimeEpoch## note\nx", request).output())
                .isEqualTo("42## note\nx");
        assertThat(ApiGatewayVtl.renderOnVelocity17("${context.requestTimeEpoch}## note\nx", request).output())
                .isEqualTo("42x");
        assertThat(ApiGatewayVtl.render("$context.requestTimeEpoch## note\nx", request).output()).isEqualTo("42x");
    }

    @Test
    void agreesWithVelocity17OnWhitespaceEmptyStringsAndResponseOverrides() {
        String template = "  #set($a = \"\")\n  #if($a)\nempty is true\n  #end\n"
                + "#foreach($n in $input.params().querystring.keySet())$n#if($foreach.hasNext),#end#end##\n"
                + "#set($context.responseOverride.header.Access-Control-Allow-Origin = \"https://a.example\")"
                + "#set($context.responseOverride.status = 204)";
        ApiGatewayRequest request = ApiGatewayRequest.builder().queryParameter("a", "1").queryParameter("b", "2")
                .build();

        ApiGatewayVtl.RenderedTemplate onVelocity17 = ApiGatewayVtl.renderOnVelocity17(template, request);

        assertThat(onVelocity17).isEqualTo(ApiGatewayVtl.render(template, request));
        assertThat(onVelocity17.output()).isEqualTo("  empty is true\n  a,b");
    }
}
