package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What CorsResponses generates for each kind of origin list (the rendered behaviour is tested on the stack). */
class CorsResponsesUnitTest {

    @Test
    void listedOriginsAreQuotedVtlStringsAndTheBodyComesLast() {
        String template = new CorsResponses(List.of("https://a.example", "http://localhost:3000")).template("BODY");

        assertThat(template).contains("['https://a.example','http://localhost:3000']").endsWith("#{end}BODY")
                .doesNotContain("\n").doesNotContain(" #").doesNotContain("#end #");
    }

    @Test
    void anyOriginNeedsNoTemplateLogic() {
        CorsResponses cors = new CorsResponses(List.of("*"));

        assertThat(cors.template("BODY")).isEqualTo("BODY");
        assertThat(cors.staticHeaders()).containsEntry(CorsResponses.ALLOW_ORIGIN, "'*'")
                .containsEntry(CorsResponses.VARY, "'Origin'");
        assertThat(cors.gatewayResponseHeaders()).containsEntry("Access-Control-Allow-Origin", "'*'");
    }
}
