package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.Envelope.QueryParameter;
import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.PropertyCheck;
import io.github.pinpointgtm.testkit.Texts;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the envelope carries it intact, and nothing in it can add a form or JSON field: checked on
 * the request templates of real, synthesized connectors in every authorization mode, for GET and POST.
 */
class EnvelopeTemplatePropertyTest {

    /** One generated hit: what the client sent and what the authorizer and API Gateway added. */
    record Hit(List<Map.Entry<String, String>> query, Map<String, String> headers, String userAgent, String body,
               String identity, String sourceIp, String requestId) {

        ApiGatewayRequest request(Deployment deployment, String httpMethod) {
            ApiGatewayRequest.Builder builder = ApiGatewayRequest.builder().requestId("id" + requestId).httpMethod(httpMethod)
                    .userAgent(userAgent).sourceIp(sourceIp).body(body);
            query.forEach(parameter -> builder.queryParameter(parameter.getKey(), parameter.getValue()));
            headers.forEach(builder::header);
            return deployment.withIdentity().apply(builder, identity).build();
        }

        List<QueryParameter> expectedQuery() {
            Map<String, String> lastValueWins = new LinkedHashMap<>();
            query.forEach(parameter -> lastValueWins.put(parameter.getKey(), parameter.getValue()));
            List<QueryParameter> expected = new ArrayList<>();
            lastValueWins.forEach((name, value) -> expected.add(new QueryParameter(name, value)));
            return expected;
        }

        String header(String lowerCaseName) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(lowerCaseName))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }
    }

    /** One generated case: a hit, the connector it reaches and its method. */
    record Case(Hit hit, Deployment deployment, boolean post) {
    }

    /** Any valid UTF-16 text of up to 2,000 chars, the nasty corpus and mixtures of both. */
    private static final Generator<String> TEXT = Texts.wellFormed(0, 2_000);

    private static Generator<Hit> hits() {
        Generator<List<Map.Entry<String, String>>> query = TEXT.with(TEXT, Map::entry).list(0, 40);
        Generator<Optional<Map.Entry<String, String>>> origin = headerValue("Origin");
        Generator<Optional<Map.Entry<String, String>>> referer = headerValue("Referer");
        Generator<Optional<Map.Entry<String, String>>> contentType = headerValue("Content-Type");
        Generator<Map<String, String>> headers = random -> {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("Accept", TEXT.next(random));
            origin.next(random).ifPresent(header -> map.put(header.getKey(), header.getValue()));
            referer.next(random).ifPresent(header -> map.put(header.getKey(), header.getValue()));
            contentType.next(random).ifPresent(header -> map.put(header.getKey(), header.getValue()));
            return map;
        };
        return random -> new Hit(query.next(random), headers.next(random), TEXT.next(random), TEXT.next(random),
                TEXT.next(random), TEXT.next(random), TEXT.next(random));
    }

    /** The header under a name in any letter case, or no such header. */
    private static Generator<Optional<Map.Entry<String, String>>> headerValue(String name) {
        Generator<String> spelling = Generator.of(List.of(name, name.toLowerCase(), name.toUpperCase(),
                swapCase(name)));
        return spelling.with(TEXT, Map::entry).optional(0.8);
    }

    private static String swapCase(String name) {
        StringBuilder swapped = new StringBuilder();
        name.chars().forEach(c -> swapped.append((char) (Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.toUpperCase(c))));
        return swapped.toString();
    }

    @Test
    void carriesEveryValueIntact() {
        Generator<Hit> hits = hits();
        Generator<Deployment> deployments = Generator.of(Deployment.ALL);
        Generator<Case> cases = random -> new Case(hits.next(random), deployments.next(random), random.nextBoolean());

        PropertyCheck.forAll(500, cases, generated -> carriesEveryValueIntact(generated.hit(),
                generated.deployment(), generated.post()));
    }

    private static void carriesEveryValueIntact(Hit hit, Deployment deployment, boolean post) {
        String httpMethod = post ? "POST" : "GET";
        String template = post ? deployment.postTemplate() : deployment.getTemplate();
        EnvelopeTemplateOptions options = deployment.options();

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(template, hit.request(deployment, httpMethod));

        assertThat(delivery.envelope()).isEqualTo(new Envelope(1, "id" + hit.requestId(), 1_764_201_600_123L, httpMethod,
                hit.expectedQuery().stream()
                        .filter(parameter -> !options.omittedQueryParameters().contains(parameter.name()))
                        .toList(),
                post ? hit.body() : "",
                post ? hit.header("content-type") : "",
                hit.userAgent(), hit.header("origin"),
                RefererOrigin.expected(hit.header("referer"), options.includeFullReferer()),
                options.includeSourceIp() ? hit.sourceIp() : "",
                options.authenticated() ? hit.identity() : "",
                options.identitySource()));
    }
}
