package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The importable container ({@code examples/gtm/pinpoint-gtm-connector-container.json}): structure and contract. */
class ContainerExportTest {
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final Pattern CONTRACT_NAME = Pattern.compile(
            "event|endpoint_id|endpoint_sig|event_id|ts|session_id|(evat|evmt|usat)_.+");
    private static final Set<String> GUIDE_EVENTS = Set.of("subscription_renewal_viewed", "subscription_renewed",
            "appointment_booked");

    private static JsonNode version;

    @BeforeAll
    static void read() throws IOException {
        JsonNode export = new ObjectMapper().readTree(GtmKitFiles.CONTAINER.toFile());
        assertThat(export.path("exportFormatVersion").asInt()).isEqualTo(2);
        version = export.get("containerVersion");
        assertThat(version).as("containerVersion").isNotNull();
    }

    private static List<JsonNode> list(String field) {
        return StreamSupport.stream(version.path(field).spliterator(), false).toList();
    }

    /** A tag's, trigger's or variable's parameters by key. */
    private static Map<String, JsonNode> parameters(JsonNode entity) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        entity.path("parameter").forEach(parameter -> parameters.put(parameter.get("key").asText(), parameter));
        return parameters;
    }

    private static JsonNode pixelTag() {
        List<JsonNode> tags = list("tag");
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).path("type").asText()).as("tag type (Custom Image)").isEqualTo("img");
        return tags.get(0);
    }

    private static String urlTemplate() {
        return parameters(pixelTag()).get("url").path("value").asText();
    }

    private static Map<String, JsonNode> variablesByName() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        list("variable").forEach(variable -> variables.put(variable.get("name").asText(), variable));
        return variables;
    }

    @Test
    void theTagIsACustomImageTagWithGtmsCacheBuster() {
        Map<String, JsonNode> parameters = parameters(pixelTag());

        assertThat(parameters.get("url").path("type").asText()).isEqualTo("TEMPLATE");
        assertThat(parameters.get("useCacheBuster").path("value").asText()).isEqualTo("true");
        assertThat(parameters.get("cacheBusterQueryParam").path("value").asText()).isEqualTo("gtmcb");
    }

    @Test
    void theTagNeedsAnalyticsStorageConsentToFire() {
        JsonNode consent = pixelTag().path("consentSettings");

        assertThat(consent.path("consentStatus").asText()).isEqualTo("NEEDED");
        assertThat(consent.path("consentType").path("type").asText()).isEqualTo("LIST");
        List<String> types = StreamSupport.stream(consent.path("consentType").path("list").spliterator(), false)
                .map(type -> type.path("type").asText() + ":" + type.path("value").asText()).toList();
        assertThat(types).containsExactly("TEMPLATE:analytics_storage");
    }

    @Test
    void aPushedEventIdIsTheEventIdAndWithoutOneTheRequestIdIs() {
        Map<String, String> withEventId = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711",
                "pinpoint.event_id", "order-20261205-0042");
        Map<String, String> without = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711");

        assertThat(accepted(ConnectorPipeline.withDefaults().hit(resolve(withEventId))).eventId())
                .isEqualTo("order-20261205-0042");
        assertThat(accepted(ConnectorPipeline.withDefaults().hit(resolve(without))).eventId())
                .isNotEqualTo("order-20261205-0042").isNotEmpty();
    }

    @Test
    void theTagFiresOnACustomEventTriggerForTheGuidesEvents() {
        List<String> firing = StreamSupport.stream(pixelTag().path("firingTriggerId").spliterator(), false)
                .map(JsonNode::asText).toList();
        List<JsonNode> triggers = list("trigger");

        assertThat(firing).hasSize(1);
        JsonNode trigger = triggers.stream().filter(t -> t.path("triggerId").asText().equals(firing.get(0)))
                .findFirst().orElseThrow(() -> new AssertionError("no trigger with id " + firing.get(0)));
        assertThat(trigger.path("type").asText()).isEqualTo("CUSTOM_EVENT");
        JsonNode filter = trigger.path("customEventFilter").get(0);
        Map<String, JsonNode> arguments = parameters(filter);
        assertThat(arguments.get("arg0").path("value").asText()).isEqualTo("{{_event}}");
        assertThat(filter.path("type").asText()).isEqualTo("MATCH_REGEX");
        Pattern events = Pattern.compile(arguments.get("arg1").path("value").asText());
        assertThat(GUIDE_EVENTS).allMatch(event -> events.matcher(event).find());
        assertThat(List.of("gtm.js", "gtm.dom", "purchase", "subscription_renewed_twice"))
                .noneMatch(event -> events.matcher(event).find());
    }

    @Test
    void everyVariableTheUrlUsesIsDefinedAndEveryDataLayerVariableDefaultsToEmpty() {
        Map<String, JsonNode> variables = variablesByName();
        Set<String> builtIns = new HashSet<>();
        list("builtInVariable").forEach(builtIn -> builtIns.add(builtIn.get("name").asText()));
        Matcher references = VARIABLE_REFERENCE.matcher(urlTemplate());
        List<String> used = new ArrayList<>();
        while (references.find()) {
            used.add(references.group(1));
        }

        assertThat(used).isNotEmpty().allMatch(name -> variables.containsKey(name) || builtIns.contains(name));
        assertThat(builtIns).contains("Event");
        variables.values().stream().filter(variable -> variable.path("type").asText().equals("v")).forEach(dlv -> {
            Map<String, JsonNode> parameters = parameters(dlv);
            String name = dlv.get("name").asText();
            assertThat(parameters.get("dataLayerVersion").path("value").asText()).as(name).isEqualTo("2");
            assertThat(parameters.get("name").path("value").asText()).as(name).isNotBlank();
            // An absent key must be empty (left out by the processor), never the text "undefined".
            assertThat(parameters.get("setDefaultValue").path("value").asText()).as(name).isEqualTo("true");
            assertThat(parameters.get("defaultValue").path("value").asText()).as(name).isEmpty();
        });
    }

    @Test
    void theUrlIsTheEventsUrlVariableFollowedByContractParametersEachFromOneVariable() {
        String url = urlTemplate();
        Map<String, JsonNode> variables = variablesByName();

        Matcher base = Pattern.compile("^\\{\\{([^{}]+)}}\\?(.*)$").matcher(url);
        assertThat(base.matches()).as(url).isTrue();
        JsonNode eventsUrl = variables.get(base.group(1));
        assertThat(eventsUrl.path("type").asText()).as("the events URL variable is a Constant").isEqualTo("c");
        URI example = URI.create(parameters(eventsUrl).get("value").path("value").asText());
        assertThat(example.getScheme()).isEqualTo("https");
        assertThat(example.getRawQuery()).isNull();

        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : base.group(2).split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            assertThat(query.put(nameAndValue[0], nameAndValue[1])).as("repeated " + nameAndValue[0]).isNull();
        }
        assertThat(query.keySet()).allMatch(name -> CONTRACT_NAME.matcher(name).matches());
        assertThat(query).containsEntry("event", "{{Event}}").containsKey("endpoint_id").doesNotContainKey("gtmcb");
        assertThat(query.values()).allMatch(value -> value.matches("\\{\\{[^{}]+}}"));
    }

    @Test
    void theGuidesSubscriptionRenewalPushArrivesAsItsEvent() {
        Map<String, String> dataLayerPush = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711",
                "pinpoint.plan", "pro-annual",
                "pinpoint.renewal_date", "2027-12-31",
                "pinpoint.value", "119.90");

        CustomerEvent event = accepted(ConnectorPipeline.withDefaults().hit(resolve(dataLayerPush)));

        assertThat(event.eventType()).isEqualTo("subscription_renewed");
        assertThat(event.endpointId()).isEqualTo("customer-4711");
        assertThat(event.attributes()).containsExactly(Map.entry("plan", "pro-annual"),
                Map.entry("renewal_date", "2027-12-31"));
        assertThat(event.metrics()).containsExactly(Map.entry("value", 119.9));
    }

    @Test
    void theGuidesAppointmentPushArrivesAsItsEvent() {
        Map<String, String> dataLayerPush = Map.of(
                "event", "appointment_booked",
                "pinpoint.endpoint_id", "patient-0815",
                "pinpoint.appointment_type", "dental-checkup",
                "pinpoint.appointment_time", "2026-12-03T09:30:00Z",
                "pinpoint.location", "berlin-mitte");

        CustomerEvent event = accepted(ConnectorPipeline.withDefaults().hit(resolve(dataLayerPush)));

        assertThat(event.eventType()).isEqualTo("appointment_booked");
        assertThat(event.endpointId()).isEqualTo("patient-0815");
        assertThat(event.attributes()).containsExactly(Map.entry("appointment_type", "dental-checkup"),
                Map.entry("appointment_time", "2026-12-03T09:30:00Z"), Map.entry("location", "berlin-mitte"));
        assertThat(event.metrics()).isEmpty();
    }

    @Test
    void aPushedEndpointSignatureReachesAVerifyingConnectorAndOnlyTheSiteSignatureIsAccepted() {
        String key = "site-backend-signing-key";
        Map<String, String> signed = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711",
                "pinpoint.endpoint_sig", JavaSigningSnippet.sign(key, "customer-4711"));
        Map<String, String> forged = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711",
                "pinpoint.endpoint_sig", JavaSigningSnippet.sign("guessed-key", "customer-4711"));
        Map<String, String> unsigned = Map.of(
                "event", "subscription_renewed",
                "pinpoint.endpoint_id", "customer-4711");
        ConnectorPipeline verifying = ConnectorPipeline.withIdentityKey(key);

        CustomerEvent event = accepted(verifying.hit(resolve(signed)));

        assertThat(event.endpointId()).isEqualTo("customer-4711");
        assertThat(event.attributes()).isEmpty();
        assertThat(verifying.hit(resolve(forged))).isEqualTo(new HitOutcome.Rejected(
                new Rejection(RejectionReason.IDENTITY_UNVERIFIED,
                        "parameter endpoint_sig does not match endpoint_id under the current or previous key")));
        assertThat(verifying.hit(resolve(unsigned))).isInstanceOfSatisfying(HitOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.IDENTITY_UNVERIFIED));
        assertThat(ConnectorPipeline.withDefaults().hit(resolve(unsigned)))
                .as("without verification the empty signature is ignored").isInstanceOf(HitOutcome.Accepted.class);
    }

    /**
     * The tag's URL as GTM fills it in for one dataLayer push: built-in Event, the constant, and each Data Layer
     * Variable's key or its empty default. The values are URL-safe, so GTM's own escaping of inserted values does
     * not matter here.
     */
    private static String resolve(Map<String, String> dataLayerPush) {
        Map<String, JsonNode> variables = variablesByName();
        Matcher references = VARIABLE_REFERENCE.matcher(urlTemplate());
        StringBuilder url = new StringBuilder();
        while (references.find()) {
            String name = references.group(1);
            String value;
            if (name.equals("Event")) {
                value = dataLayerPush.get("event");
            } else {
                JsonNode variable = variables.get(name);
                Map<String, JsonNode> parameters = parameters(variable);
                value = variable.path("type").asText().equals("c")
                        ? parameters.get("value").path("value").asText()
                        : dataLayerPush.getOrDefault(parameters.get("name").path("value").asText(),
                                parameters.get("defaultValue").path("value").asText());
            }
            assertThat(value).as(name).matches("[A-Za-z0-9._~:/-]*");
            references.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        references.appendTail(url);
        return url + "&gtmcb=1234567";
    }

    private static CustomerEvent accepted(HitOutcome outcome) {
        assertThat(outcome).as("the hit's outcome").isInstanceOf(HitOutcome.Accepted.class);
        return ((HitOutcome.Accepted) outcome).event();
    }
}
