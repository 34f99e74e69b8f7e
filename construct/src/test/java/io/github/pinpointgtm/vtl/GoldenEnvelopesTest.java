package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden envelopes shared with the runtime (format in their README): the request template of a synthesized
 * connector, configured as each case says, writes exactly the case's {@code envelope} for its {@code request}.
 */
class GoldenEnvelopesTest {
    private static final Path GOLDEN = Path.of("..", "lambda-runtime", "src", "test", "resources", "envelopes");

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void findsTheGoldenEnvelopes() throws IOException {
        assertThat(goldenFiles()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    @SuppressWarnings("unchecked")
    void writesTheGoldenEnvelope(Path file) {
        Map<String, Object> golden = (Map<String, Object>) JsonTree.parse(read(file));
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

        assertThat(JsonTree.entries(JsonTree.parse(delivery.messageBody())))
                .containsExactlyElementsOf(JsonTree.entries(envelope));
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
