package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The template's definition: a web tag with the fields and a send_pixel permission for one host only. */
class TagTemplateDefinitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TagTemplateFile TEMPLATE = TagTemplateFile.read(GtmKitFiles.TEMPLATE);

    @Test
    void hasTheCommunityTemplateSections() {
        assertThat(TEMPLATE.sections()).containsKeys("INFO", "TEMPLATE_PARAMETERS", "SANDBOXED_JS_FOR_WEB_TEMPLATE",
                "WEB_PERMISSIONS", "TESTS");
    }

    @Test
    void isAWebTagTemplate() throws IOException {
        JsonNode info = JSON.readTree(TEMPLATE.section("INFO"));

        assertThat(info.path("type").asText()).isEqualTo("TAG");
        assertThat(info.path("containerContexts").get(0).asText()).isEqualTo("WEB");
    }

    @Test
    void offersTheFieldsOfTheParameterContract() throws IOException {
        List<String> names = new ArrayList<>();
        collectNames(JSON.readTree(TEMPLATE.section("TEMPLATE_PARAMETERS")), names);

        assertThat(names).contains("eventsUrl", "eventType", "endpointId", "endpointSignature", "eventAttributes", "eventMetrics",
                "userAttributes", "useCacheBuster", "sessionId", "authTokenParameter", "authTokenValue");
    }

    @Test
    void mayOnlySendPixelsToOneConnectorHost() throws IOException {
        JsonNode permissions = JSON.readTree(TEMPLATE.section("WEB_PERMISSIONS"));

        assertThat(permissions).hasSize(1);
        JsonNode sendPixel = permissions.get(0).path("instance");
        assertThat(sendPixel.path("key").path("publicId").asText()).isEqualTo("send_pixel");
        JsonNode allowedUrls = null;
        JsonNode urls = null;
        for (JsonNode param : sendPixel.path("param")) {
            if (param.path("key").asText().equals("allowedUrls")) {
                allowedUrls = param.path("value");
            } else if (param.path("key").asText().equals("urls")) {
                urls = param.path("value").path("listItem");
            }
        }
        assertThat(allowedUrls).isNotNull();
        assertThat(allowedUrls.path("string").asText()).isEqualTo("specific");
        assertThat(urls).hasSize(1);
        assertThat(urls.get(0).path("string").asText()).matches("https://[a-z0-9]+\\.execute-api\\.[a-z0-9-]+"
                + "\\.amazonaws\\.com/\\*");
    }

    private static void collectNames(JsonNode parameters, List<String> names) {
        for (JsonNode parameter : parameters) {
            names.add(parameter.path("name").asText());
            collectNames(parameter.path("subParams"), names);
        }
    }
}
