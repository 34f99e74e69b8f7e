package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real construct wires the envelope template as designed: GET without body, POST with, identity as configured. */
class SynthesizedTemplateTest {

    static Stream<Deployment> deployments() {
        return Deployment.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void usesTheEnvelopeTemplateForGetWithoutTheBody(Deployment deployment) {
        assertThat(deployment.getTemplates()).containsKey("application/json");
        assertThat(deployment.getTemplate()).isEqualTo(EnvelopeRequestTemplate.render(deployment.options()));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void usesTheEnvelopeTemplateForPostWithTheBodyForJsonAndBeaconText(Deployment deployment) {
        EnvelopeTemplateOptions get = deployment.options();
        EnvelopeTemplateOptions post = new EnvelopeTemplateOptions(true, get.identityReference(),
                get.identitySource(), get.includeSourceIp(), get.omittedQueryParameters(), get.includeFullReferer());

        assertThat(deployment.postTemplates()).containsKeys("application/json", "text/plain");
        assertThat(deployment.postTemplate()).isEqualTo(EnvelopeRequestTemplate.render(post));
    }

    @ParameterizedTest
    @MethodSource("deployments")
    void writesTheAuthenticatedIdentityAndNeverTheQueryStringOne(Deployment deployment) {
        ApiGatewayRequest request = deployment.withIdentity().apply(ApiGatewayRequest.builder()
                .queryParameter("event", "view").queryParameter("endpoint_id", "forged")
                .sourceIp("198.51.100.4"), "the-user").build();

        Envelope envelope = EnvelopeDelivery.deliver(deployment.getTemplate(), request).envelope();

        boolean authenticated = deployment.options().authenticated();
        assertThat(envelope.identity()).isEqualTo(authenticated ? "the-user" : "");
        assertThat(envelope.identitySource()).isEqualTo(deployment.options().identitySource());
        assertThat(envelope.sourceIp()).isEqualTo(deployment.options().includeSourceIp() ? "198.51.100.4" : "");
    }
}
