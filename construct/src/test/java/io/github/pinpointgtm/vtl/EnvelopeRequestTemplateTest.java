package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.internal.EnvelopeRequestTemplate;
import io.github.pinpointgtm.internal.EnvelopeTemplateOptions;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.runtime.envelope.Envelope.QueryParameter;
import io.github.pinpointgtm.runtime.policy.HitPolicy;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import io.github.pinpointgtm.testkit.vtl.SqsFormBody;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope template generator, option by option: rendered by the API Gateway stand-in and read back as SQS and
 * the processor read it. (The binding proofs on the synthesized construct are {@link DeployedEnvelopeTest},
 * {@link EnvelopeTemplatePropertyTest} and {@link SynthesizedTemplateTest}.)
 */
class EnvelopeRequestTemplateTest {

    private static final EnvelopeTemplateOptions GET = new EnvelopeTemplateOptions(false, null, null, false);
    private static final EnvelopeTemplateOptions POST = new EnvelopeTemplateOptions(true, null, null, false);

    @Test
    void writesEveryFieldOfAGetHit() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .requestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
                .requestTimeEpoch(1_764_201_600_123L)
                .httpMethod("GET")
                .queryParameter("event", "purchase")
                .queryParameter("endpoint_id", "abc")
                .queryParameter("evat_plan", "pro")
                .header("Origin", "https://www.example.com")
                .header("Referer", "https://www.example.com/checkout?step=2")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64)")
                .sourceIp("203.0.113.7")
                .build();

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request);

        assertThat(delivery.envelope()).isEqualTo(new Envelope(1, "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                1_764_201_600_123L, "GET",
                List.of(new QueryParameter("event", "purchase"), new QueryParameter("endpoint_id", "abc"),
                        new QueryParameter("evat_plan", "pro")),
                "", "", "Mozilla/5.0 (X11; Linux x86_64)", "https://www.example.com",
                "https://www.example.com", "", "", ""));
        assertThat(delivery.messageBody()).isEqualTo("{\"v\":1,"
                + "\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",\"requestTimeEpoch\":1764201600123,"
                + "\"httpMethod\":\"GET\","
                + "\"query\":[[\"event\",\"purchase\"],[\"endpoint_id\",\"abc\"],[\"evat_plan\",\"pro\"]],"
                + "\"body\":\"\",\"contentType\":\"\",\"userAgent\":\"Mozilla%2F5.0+%28X11%3B+Linux+x86_64%29\","
                + "\"origin\":\"https%3A%2F%2Fwww.example.com\","
                + "\"referer\":\"https%3A%2F%2Fwww.example.com\","
                + "\"sourceIp\":\"\",\"identity\":\"\",\"identitySource\":\"\"}");
    }

    @ParameterizedTest(name = "token at position {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void omitsAnAuthorizersQueryCredentialWhereverItStands(int tokenPosition) {
        EnvelopeTemplateOptions options = new EnvelopeTemplateOptions(false, "$context.authorizer.principalId",
                "lambda:principalId", false, java.util.Set.of("token", "sig"));
        List<String> names = new ArrayList<>(List.of("event", "endpoint_id", "evat_plan"));
        names.add(tokenPosition, "token");
        ApiGatewayRequest.Builder request = ApiGatewayRequest.builder().httpMethod("GET")
                .authorizer("principalId", "user-42");
        for (String name : names) {
            request.queryParameter(name, name.equals("token") ? "secret-credential" : "value of " + name);
        }
        request.queryParameter("sig", "another-secret");

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(options), request.build());

        assertThat(delivery.envelope().query()).containsExactly(
                new QueryParameter("event", "value of event"),
                new QueryParameter("endpoint_id", "value of endpoint_id"),
                new QueryParameter("evat_plan", "value of evat_plan"));
        assertThat(delivery.messageBody()).doesNotContain("secret");
        assertThat(delivery.envelope().identity()).isEqualTo("user-42");
    }

    @Test
    void writesAnEmptyQueryWhenEveryParameterIsOmitted() {
        EnvelopeTemplateOptions options = new EnvelopeTemplateOptions(false, "$context.authorizer.principalId",
                "lambda:principalId", false, java.util.Set.of("token"));
        ApiGatewayRequest request = ApiGatewayRequest.builder().httpMethod("GET")
                .queryParameter("token", "secret").authorizer("principalId", "user-42").build();

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(options), request);

        assertThat(delivery.envelope().query()).isEmpty();
        assertThat(delivery.messageBody()).contains("\"query\":[]");
    }

    @Test
    void refusesOmittedNamesThatCannotBeVtlLiterals() {
        assertThatThrownBy(() -> new EnvelopeTemplateOptions(false, null, null, false, java.util.Set.of("to\"ken")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("omittedQueryParameters");
    }

    @Test
    void writesTheBodyAndContentTypeOfAPostHit() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .httpMethod("POST")
                .header("Content-Type", "text/plain;charset=UTF-8")
                .body("{\"event\":\"purchase\",\"endpoint_id\":\"abc\",\"evmt_value\":9.5}")
                .build();

        Envelope envelope = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(POST), request).envelope();

        assertThat(envelope.httpMethod()).isEqualTo("POST");
        assertThat(envelope.body()).isEqualTo("{\"event\":\"purchase\",\"endpoint_id\":\"abc\",\"evmt_value\":9.5}");
        assertThat(envelope.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(envelope.query()).isEmpty();
    }

    @Test
    void ignoresBodyAndContentTypeWhenTheTemplateHasNoBody() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .header("Content-Type", "application/json").body("{\"event\":\"x\"}").build();

        Envelope envelope = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request).envelope();

        assertThat(envelope.body()).isEmpty();
        assertThat(envelope.contentType()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Origin", "origin", "ORIGIN", "oRiGiN"})
    void matchesHeaderNamesWhateverTheirCase(String originHeader) {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .header(originHeader, "https://a.example")
                .header("Origin-Agent-Cluster", "?1")
                .header("X-Original-Origin", "not the origin")
                .header(originHeader.equals("ORIGIN") ? "REFERER" : "referer", "https://a.example/page")
                .header("CONTENT-type", "application/json")
                .build();

        Envelope envelope = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(POST), request).envelope();

        assertThat(envelope.origin()).isEqualTo("https://a.example");
        assertThat(envelope.referer()).isEqualTo("https://a.example");
        assertThat(envelope.contentType()).isEqualTo("application/json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://www.example.com/checkout?step=2&email=jane%40example.com | https://www.example.com",
        "https://jane:secret@www.example.com:8443/p                     | https://www.example.com:8443",
        "HTTPS://WWW.Example.COM:443/a/b?c=d#e                           | HTTPS://WWW.Example.COM:443",
        "http://[2001:db8::1]:8080/x                                     | http://[2001:db8::1]:8080",
        "https://www.example.com                                         | https://www.example.com",
        "https://www.example.com?q=/x                                    | https://www.example.com",
        "https://www.example.com#/route/42                               | https://www.example.com",
        "android-app://com.example.app/path                              | android-app://com.example.app",
        "not a url/with/a path?q=1                                       | not a url/with/a path?q=1",
        "/relative/path?q=1                                              | /relative/path?q=1",
        "https://www.example.com/a\\b?c=\\                                 | https://www.example.com"})
    void keepsOnlyTheReferersOriginByDefault(String referer, String expected) {
        ApiGatewayRequest request = ApiGatewayRequest.builder().header("Referer", referer).build();

        assertThat(EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request).envelope().referer())
                .isEqualTo(expected).isEqualTo(RefererOrigin.of(referer));
        assertThat(EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(POST), request).envelope().referer())
                .isEqualTo(expected);
    }

    /**
     * A browser's URL parser reads {@code \} as {@code /} (the first value is evil.example's page), and parsers
     * disagree on which {@code @} ends user information: such a Referer stays as sent, and the processor, which
     * refused it before the trim existed, still does.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example\\@www.example.com/",
        "https://evil.example\\.www.example.com/",
        "https://www.example.com\\@evil.example/p",
        "https://user:p@ss@www.example.com/",
        "https://evil.example@x@www.example.com/checkout?step=2"})
    void keepsARefererWithAnAmbiguousAuthorityAsSent(String referer) {
        ApiGatewayRequest request = ApiGatewayRequest.builder().header("Referer", referer).build();

        for (EnvelopeTemplateOptions options : List.of(GET, POST)) {
            assertThat(EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(options), request).envelope().referer())
                    .isEqualTo(referer).isEqualTo(RefererOrigin.of(referer));
        }
        // The processor finds no origin in it (the hit is refused, origin-not-allowed).
        HitPolicy.RequestOrigin origin = HitPolicy.requestOrigin("", referer);
        assertThat(origin.isMissing()).isFalse();
        assertThat(origin.origin()).isEmpty();
    }

    @Test
    void keepsTheWholeRefererWhenAsked() {
        String referer = "https://www.example.com/checkout?step=2#summary";
        ApiGatewayRequest request = ApiGatewayRequest.builder().header("referer", referer).build();
        EnvelopeTemplateOptions full = new EnvelopeTemplateOptions(false, null, null, false, java.util.Set.of(), true);

        assertThat(EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(full), request).envelope().referer())
                .isEqualTo(referer);
        assertThat(EnvelopeRequestTemplate.render(full)).doesNotContain("replaceFirst");
    }

    @Test
    void writesEmptyStringsForEverythingAbsent() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .requestId(null).httpMethod(null).body("").build();
        EnvelopeTemplateOptions everything = new EnvelopeTemplateOptions(true,
                "$context.authorizer.claims['custom:tenant']", "cognito:custom:tenant", true);

        EnvelopeDelivery delivery = EnvelopeDelivery.render(EnvelopeRequestTemplate.render(everything), request);

        Envelope envelope = delivery.envelope();
        assertThat(List.of(envelope.requestId(), envelope.httpMethod(), envelope.body(), envelope.contentType(),
                envelope.userAgent(), envelope.origin(), envelope.referer(), envelope.sourceIp(), envelope.identity()))
                .containsOnly("");
        assertThat(envelope.identitySource()).isEqualTo("cognito:custom:tenant");
        assertThat(delivery.messageBody()).doesNotContain("null", "context", "$");
        // Without API Gateway's request id there is no event id: the processor dead-letters such a message.
        assertThatThrownBy(() -> EnvelopeParser.parse(delivery.messageBody()))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("requestId");
    }

    @Test
    void writesTheSourceIpOnlyWhenIncluded() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().sourceIp("2001:db8::1").build();

        Envelope without = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request).envelope();
        Envelope with = EnvelopeDelivery.deliver(
                EnvelopeRequestTemplate.render(new EnvelopeTemplateOptions(false, null, null, true)), request)
                .envelope();

        assertThat(without.sourceIp()).isEmpty();
        assertThat(with.sourceIp()).isEqualTo("2001:db8::1");
    }

    @Test
    void writesALambdaAuthorizerPrincipal() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .queryParameter("endpoint_id", "forged").authorizer("principalId", "user-42").build();
        String template = EnvelopeRequestTemplate.render(
                new EnvelopeTemplateOptions(false, "$context.authorizer.principalId", "lambda:principalId", false));

        Envelope envelope = EnvelopeDelivery.deliver(template, request).envelope();

        assertThat(envelope.identity()).isEqualTo("user-42");
        assertThat(envelope.identitySource()).isEqualTo("lambda:principalId");
        assertThat(envelope.query()).containsExactly(new QueryParameter("endpoint_id", "forged"));
    }

    @Test
    void writesACognitoClaimByPropertyOrByQuotedKey() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .claim("sub", "7d8ca528-4931-4254-9273-ea5ee853f271").claim("custom:tenant", "acme").build();

        Envelope bySub = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(
                new EnvelopeTemplateOptions(false, "$context.authorizer.claims.sub", "cognito:sub", false)),
                request).envelope();
        Envelope byCustom = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(
                new EnvelopeTemplateOptions(false, "$context.authorizer.claims['custom:tenant']",
                        "cognito:custom:tenant", false)), request).envelope();

        assertThat(bySub.identity()).isEqualTo("7d8ca528-4931-4254-9273-ea5ee853f271");
        assertThat(bySub.identitySource()).isEqualTo("cognito:sub");
        assertThat(byCustom.identity()).isEqualTo("acme");
        assertThat(byCustom.identitySource()).isEqualTo("cognito:custom:tenant");
    }

    @Test
    void writesAnIdentityThatIsNotAStringAsItsText() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().authorizer("accountNumber", 1234567L).build();
        String template = EnvelopeRequestTemplate.render(
                new EnvelopeTemplateOptions(false, "$context.authorizer.accountNumber", "lambda:accountNumber", false));

        assertThat(EnvelopeDelivery.deliver(template, request).envelope().identity()).isEqualTo("1234567");
    }

    @Test
    void writesOnePairPerNameWithTheLastValueOfARepeatedName() {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .queryParameter("a", "1").queryParameter("b", "2").queryParameter("a", "3").build();

        Envelope envelope = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request).envelope();

        assertThat(envelope.query()).containsExactly(new QueryParameter("a", "3"), new QueryParameter("b", "2"));
    }

    @Test
    void writesManyParametersInOrder() {
        ApiGatewayRequest.Builder request = ApiGatewayRequest.builder();
        List<QueryParameter> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            request.queryParameter("evat_" + i, "value " + i);
            expected.add(new QueryParameter("evat_" + i, "value " + i));
        }

        Envelope envelope = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request.build()).envelope();

        assertThat(envelope.query()).containsExactlyElementsOf(expected);
    }

    @Test
    void writesRequestTimeEpochAsANumber() {
        ApiGatewayRequest request = ApiGatewayRequest.builder().requestTimeEpoch(Long.MAX_VALUE).build();

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(GET), request);

        assertThat(delivery.messageBody()).contains("\"requestTimeEpoch\":9223372036854775807,");
        assertThat(delivery.envelope().requestTimeEpoch()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void cannotProduceAValidEnvelopeWithoutRequestTimeEpoch() {
        // API Gateway always sets it; if it ever did not, the processor must see a malformed message (dead-lettered
        // with a reason) rather than an envelope with an invented time.
        ApiGatewayRequest request = ApiGatewayRequest.builder().requestTimeEpoch(null).build();

        String formBody = ApiGatewayVtl.render(EnvelopeRequestTemplate.render(GET), request).output();
        String messageBody = SqsFormBody.parse(formBody).get(1).getValue();

        assertThatThrownBy(() -> EnvelopeJson.read(messageBody)).isInstanceOf(RuntimeException.class);
    }

    static Stream<EnvelopeTemplateOptions> allOptionCombinations() {
        List<EnvelopeTemplateOptions> combinations = new ArrayList<>();
        for (boolean body : new boolean[] {false, true}) {
            for (boolean sourceIp : new boolean[] {false, true}) {
                combinations.add(new EnvelopeTemplateOptions(body, null, null, sourceIp));
                combinations.add(new EnvelopeTemplateOptions(body, "$context.authorizer.principalId",
                        "lambda:principalId", sourceIp));
                combinations.add(new EnvelopeTemplateOptions(body, "$context.authorizer.claims['cognito:username']",
                        "cognito:cognito:username", sourceIp, java.util.Set.of(), true));
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest
    @MethodSource("allOptionCombinations")
    void neverUsesEscapeJavaScript(EnvelopeTemplateOptions options) {
        assertThat(EnvelopeRequestTemplate.render(options)).doesNotContain("escapeJavaScript");
    }

    @ParameterizedTest
    @MethodSource("allOptionCombinations")
    void endsEveryLineInACommentAndIndentsNone(EnvelopeTemplateOptions options) {
        // Velocity 1.7 writes a newline or indentation next to most directives; a ## comment swallows the newline.
        String template = EnvelopeRequestTemplate.render(options);

        assertThat(template).endsWith("\n").doesNotContain("\r");
        assertThat(template.lines()).allSatisfy(line -> assertThat(line).contains("##").doesNotStartWith(" ")
                .doesNotStartWith("\t"));
    }

    @ParameterizedTest
    @MethodSource("allOptionCombinations")
    void neverEndsALineWithAnInformalReference(EnvelopeTemplateOptions options) {
        // Velocity 1.7 does not see "##" right after $a.b as a comment and writes it into the output.
        assertThat(EnvelopeRequestTemplate.render(options)).doesNotContainPattern("\\$!?[A-Za-z_][\\w.]*##");
    }

    /** Matches {@code #if(ref)#set($v = "ref")#end}: a copy of a value that is known to be set. */
    private static final Pattern GUARDED_COPY =
            Pattern.compile("#if\\((?<reference>[^#]+?)\\)#set\\(\\$pgc\\w+ = \"\\k<reference>\"\\)#end");
    private static final Pattern EMPTY_INITIALISATION = Pattern.compile("#set\\(\\$pgc\\w+ = \"\"\\)");
    private static final String LOWER_CASING = "#set($pgcHeaderKey = $pgcHeaderName.toLowerCase())";
    /** A constant literal is never null: the query pairs' separator. */
    private static final String SEPARATOR_ASSIGNMENT = "#set($pgcSeparator = \"%2C\")";

    @ParameterizedTest
    @MethodSource("allOptionCombinations")
    void neverAssignsAValueThatMayBeNull(EnvelopeTemplateOptions options) {
        // Velocity 1.7 (API Gateway) ignores #set($x = null) while 2.x assigns it: only guarded copies are portable.
        String template = EnvelopeRequestTemplate.render(options);
        Matcher copies = GUARDED_COPY.matcher(template);
        assertThat(copies.find()).as("the template copies request values").isTrue();

        String withoutSafeAssignments = EMPTY_INITIALISATION.matcher(GUARDED_COPY.matcher(template).replaceAll(""))
                .replaceAll("").replace(LOWER_CASING, "").replace(SEPARATOR_ASSIGNMENT, "")
                .replace(EnvelopeRequestTemplate.REFERER_TO_ORIGIN, "");

        assertThat(withoutSafeAssignments).doesNotContain("#set");
    }

    @ParameterizedTest
    @MethodSource("allOptionCombinations")
    void rendersOneLineWhateverTheOptions(EnvelopeTemplateOptions options) {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .queryParameter("event", "view").queryParameter("x", "line\nbreak").header("Origin", "o")
                .authorizer("principalId", "p").claim("cognito:username", "u").sourceIp("192.0.2.1")
                .body("{\n  \"event\": \"view\"\n}").build();

        EnvelopeDelivery delivery = EnvelopeDelivery.deliver(EnvelopeRequestTemplate.render(options), request);

        assertThat(delivery.formBody()).matches(EnvelopeDelivery.FORM_BODY_PATTERN);
        Envelope envelope = delivery.envelope();
        assertThat(envelope.body()).isEqualTo(options.includeBody() ? "{\n  \"event\": \"view\"\n}" : "");
        assertThat(envelope.sourceIp()).isEqualTo(options.includeSourceIp() ? "192.0.2.1" : "");
        assertThat(envelope.identity()).isEqualTo(
                options.identityReference().isEmpty() ? "" : options.identitySource().startsWith("lambda") ? "p" : "u");
        assertThat(envelope.identitySource()).isEqualTo(options.identitySource());
    }

    @Test
    void refusesNoOptions() {
        assertThatThrownBy(() -> EnvelopeRequestTemplate.render(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
    }
}
