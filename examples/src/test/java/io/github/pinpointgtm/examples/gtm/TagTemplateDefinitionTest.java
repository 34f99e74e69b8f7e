package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template's definition: a web tag with the fields, a send_pixel permission for one host only and read
 * access to the consent types it offers.
 */
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
        Map<String, JsonNode> fields = new HashMap<>();
        collectFields(JSON.readTree(TEMPLATE.section("TEMPLATE_PARAMETERS")), fields);

        assertThat(fields.keySet()).contains("eventsUrl", "eventType", "endpointId", "endpointSignature", "eventAttributes", "eventMetrics",
                "userAttributes", "useCacheBuster", "sessionId", "authTokenParameter", "authTokenValue", "pageUrl",
                "eventId", "consentType", "consentDeniedMode");
    }

    @Test
    void consentDefaultsToAnalyticsStorageAndSendingNothing() throws IOException {
        Map<String, JsonNode> fields = new HashMap<>();
        collectFields(JSON.readTree(TEMPLATE.section("TEMPLATE_PARAMETERS")), fields);

        assertThat(fields.get("consentType").path("defaultValue").asText()).isEqualTo("analytics_storage");
        assertThat(fields.get("consentDeniedMode").path("defaultValue").asText()).isEqualTo("skip");
        List<String> modes = new ArrayList<>();
        fields.get("consentDeniedMode").path("radioItems").forEach(item -> modes.add(item.path("value").asText()));
        assertThat(modes).containsExactly("skip", "anonymous");
        List<String> types = new ArrayList<>();
        fields.get("consentType").path("selectItems").forEach(item -> types.add(item.path("value").asText()));
        assertThat(types).containsExactlyInAnyOrder(readableConsentTypes().toArray(String[]::new));
        assertThat(fields.get("pageUrl").path("defaultValue").asText()).isEqualTo("{{Page URL}}");
    }

    @Test
    void mayReadEveryConsentTypeItOffersAndWriteNone() throws IOException {
        assertThat(readableConsentTypes()).containsExactlyInAnyOrder("analytics_storage", "ad_storage",
                "ad_user_data", "ad_personalization");
    }

    /** The access_consent permission's consent types, each declared read and not write. */
    private static List<String> readableConsentTypes() throws IOException {
        List<String> types = new ArrayList<>();
        for (JsonNode permission : JSON.readTree(TEMPLATE.section("WEB_PERMISSIONS"))) {
            if (!permission.path("instance").path("key").path("publicId").asText().equals("access_consent")) {
                continue;
            }
            for (JsonNode type : permission.path("instance").path("param").get(0).path("value").path("listItem")) {
                Map<String, JsonNode> entry = new HashMap<>();
                for (int i = 0; i < type.path("mapKey").size(); i++) {
                    entry.put(type.path("mapKey").get(i).path("string").asText(), type.path("mapValue").get(i));
                }
                assertThat(entry.get("read").path("boolean").asBoolean()).isTrue();
                assertThat(entry.get("write").path("boolean").asBoolean()).isFalse();
                types.add(entry.get("consentType").path("string").asText());
            }
        }
        return types;
    }

    @Test
    void mayOnlySendPixelsToOneConnectorHost() throws IOException {
        JsonNode permissions = JSON.readTree(TEMPLATE.section("WEB_PERMISSIONS"));

        assertThat(permissions).hasSize(2);
        assertThat(permissions.get(1).path("instance").path("key").path("publicId").asText())
                .isEqualTo("access_consent");
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

    private static void collectFields(JsonNode parameters, Map<String, JsonNode> fields) {
        for (JsonNode parameter : parameters) {
            fields.put(parameter.path("name").asText(), parameter);
            collectFields(parameter.path("subParams"), fields);
        }
    }
}
