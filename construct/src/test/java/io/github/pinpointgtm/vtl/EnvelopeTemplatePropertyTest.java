package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.Envelope.QueryParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<Hit> hits() {
        Arbitrary<String> text = ClientStrings.any();
        Arbitrary<List<Map.Entry<String, String>>> query =
                Combinators.combine(text, text).as(Map::entry).list().ofMaxSize(40);
        Arbitrary<Map<String, String>> headers = Combinators.combine(
                headerValue("Origin"), headerValue("Referer"), headerValue("Content-Type"), text)
                .as((origin, referer, contentType, other) -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    map.put("Accept", other);
                    origin.ifPresent(header -> map.put(header.getKey(), header.getValue()));
                    referer.ifPresent(header -> map.put(header.getKey(), header.getValue()));
                    contentType.ifPresent(header -> map.put(header.getKey(), header.getValue()));
                    return map;
                });
        return Combinators.combine(query, headers, text, text, text, text, text).as(Hit::new);
    }

    /** The header under a name in any letter case, or no such header. */
    private static Arbitrary<java.util.Optional<Map.Entry<String, String>>> headerValue(String name) {
        Arbitrary<String> spelling = Arbitraries.of(name, name.toLowerCase(), name.toUpperCase(),
                swapCase(name));
        return Combinators.combine(spelling, ClientStrings.any()).as(Map::entry).optional(0.8);
    }

    private static String swapCase(String name) {
        StringBuilder swapped = new StringBuilder();
        name.chars().forEach(c -> swapped.append((char) (Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.toUpperCase(c))));
        return swapped.toString();
    }

    @Provide
    Arbitrary<Deployment> deployments() {
        return Arbitraries.of(Deployment.ALL);
    }

    @Property(tries = 500)
    void carriesEveryValueIntact(@ForAll("hits") Hit hit, @ForAll("deployments") Deployment deployment,
            @ForAll boolean post) {
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
