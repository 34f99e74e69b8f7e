package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.GoldenEnvelopes.GoldenCase;
import io.github.pinpointgtm.testkit.GoldenEnvelopes;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden envelopes shared with the runtime (the testkit's {@link GoldenEnvelopes}, format in their README): the
 * request template of a synthesized connector, configured as each case says, writes exactly the case's
 * {@code envelope} for its {@code request}.
 */
class GoldenEnvelopesTest {
    static List<GoldenCase> goldenCases() {
        return GoldenEnvelopes.all();
    }

    @Test
    void findsTheGoldenEnvelopes() {
        assertThat(goldenCases()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    @SuppressWarnings("unchecked")
    void writesTheGoldenEnvelope(GoldenCase goldenCase) {
        Map<String, Object> golden = Json.parseObject(goldenCase.json());
        Map<String, Object> request = (Map<String, Object>) golden.get("request");
        Map<String, Object> envelope = (Map<String, Object>) golden.get("envelope");
        Deployment deployment = Deployment.of(
                Deployment.Authorization.withIdentitySource((String) request.get("identitySource")),
                !envelope.get("sourceIp").equals(""), keepsTheFullReferer(request, envelope));

        String contentType = ((Map<String, String>) request.get("headers")).entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse("");
        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(
                deployment.requestTemplate((String) request.get("httpMethod"), contentType),
                toApiGatewayRequest(request, deployment));

        assertThat(Json.entries(Json.parse(delivery.messageBody())))
                .containsExactlyElementsOf(Json.entries(envelope));
    }

    /** The README: an envelope whose referer is more than the Referer's origin was written with the full Referer. */
    @SuppressWarnings("unchecked")
    private static boolean keepsTheFullReferer(Map<String, Object> request, Map<String, Object> envelope) {
        String referer = ((Map<String, String>) request.get("headers")).entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Referer")).map(Map.Entry::getValue)
                .findFirst().orElse("");
        return !envelope.get("referer").equals(java.net.URLEncoder.encode(RefererOrigin.of(referer),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static ApiGatewayRequest toApiGatewayRequest(Map<String, Object> request, Deployment deployment) {
        ApiGatewayRequest.Builder builder = ApiGatewayRequest.builder()
                .httpMethod((String) request.get("httpMethod"))
                .body((String) request.get("body"))
                .requestId((String) request.get("requestId"))
                .requestTimeEpoch((Long) request.get("requestTimeEpoch"))
                .sourceIp((String) request.get("sourceIp"));
        for (List<String> parameter : (List<List<String>>) request.get("query")) {
            builder.queryParameter(parameter.get(0), parameter.get(1));
        }
        ((Map<String, String>) request.get("headers")).forEach((name, value) -> {
            // The README: User-Agent stands for $context.identity.userAgent (API Gateway has both).
            if (name.equalsIgnoreCase("User-Agent")) {
                builder.userAgent(value);
            }
            builder.header(name, value);
        });
        String identity = (String) request.get("identity");
        return (identity.isEmpty() ? builder : deployment.withIdentity().apply(builder, identity)).build();
    }
}
