package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.Envelope.QueryParameter;
import io.github.pinpointgtm.testkit.NastyStrings;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nasty values through the request templates of real, synthesized connectors, in every field: GET, and POST with
 * each Content-Type that has a template (JSON, text, form).
 */
class DeployedEnvelopeTest {

    /** The template each request runs through: its method and the Content-Type API Gateway selects it by. */
    private static final List<List<String>> TEMPLATES = List.of(List.of("GET", "application/json"),
            List.of("POST", "application/json"), List.of("POST", "text/plain;charset=UTF-8"),
            List.of("POST", "application/x-www-form-urlencoded;charset=UTF-8"));

    static Stream<Arguments> nastyValuesByDeploymentAndTemplate() {
        return Deployment.ALL.stream().flatMap(deployment -> TEMPLATES.stream().flatMap(template ->
                NastyStrings.ALL.stream().map(nasty ->
                        Arguments.of(deployment, template.get(0), template.get(1), nasty))));
    }

    @ParameterizedTest(name = "{0} {1} {2} [{index}]")
    @MethodSource("nastyValuesByDeploymentAndTemplate")
    void carriesANastyValueIntactInEveryField(Deployment deployment, String method, String contentType,
            String nasty) {
        boolean post = method.equals("POST");
        ApiGatewayRequest request = deployment.withIdentity().apply(ApiGatewayRequest.builder()
                .requestId("id" + nasty) // the processor rightly refuses an empty request id (its event id)
                .httpMethod(method)
                .queryParameter("event", nasty)
                .queryParameter(nasty, "as a name")
                .queryParameter("evat_" + nasty, nasty + nasty)
                .header("Origin", nasty)
                .header("Referer", nasty)
                .header("Content-Type", nasty)
                .userAgent(nasty)
                .sourceIp(nasty)
                .body(nasty), nasty).build();

        Envelope envelope = EnvelopeDelivery.deliver(deployment.requestTemplate(method, contentType), request)
                .envelope();

        EnvelopeTemplateOptions options = deployment.options();
        List<QueryParameter> expectedQuery = expectedQuery(nasty).stream()
                .filter(parameter -> !options.omittedQueryParameters().contains(parameter.name()))
                .toList();
        assertThat(envelope).isEqualTo(new Envelope(1, "id" + nasty, 1_764_201_600_123L, method, expectedQuery,
                post ? nasty : "", post ? nasty : "", nasty, nasty,
                RefererOrigin.expected(nasty, options.includeFullReferer()),
                options.includeSourceIp() ? nasty : "", options.authenticated() ? nasty : "",
                options.identitySource()));
    }

    /** {@code event}, the nasty name and {@code evat_<nasty>}; a nasty name of "event" replaces the first value. */
    private static List<QueryParameter> expectedQuery(String nasty) {
        List<QueryParameter> expected = new ArrayList<>(List.of(new QueryParameter("event", nasty)));
        if (nasty.equals("event")) {
            expected.set(0, new QueryParameter("event", "as a name"));
        } else {
            expected.add(new QueryParameter(nasty, "as a name"));
        }
        expected.add(new QueryParameter("evat_" + nasty, nasty + nasty));
        return expected;
    }
}
