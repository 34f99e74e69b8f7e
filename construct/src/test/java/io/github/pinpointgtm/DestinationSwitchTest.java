package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * Switching the destination is one prop: with the same props and the same surrounding resources, two connectors
 * that differ only in their destination differ only in the processor's role policy, its environment and its code
 * (and in what follows from those: the published version's logical id, which hashes the function's configuration,
 * and the alias pointing at it).
 */
class DestinationSwitchTest {

    private static final Map<String, Map<String, Object>> TEMPLATES = new LinkedHashMap<>();

    @BeforeAll
    static void synthesizeOneStackPerDestination() {
        for (String type : List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles")) {
            Stack stack = new Stack(new App(), "SwitchStack");
            EventDestination destination = DestinationFixtures.in(stack).destinations().get(type);
            new PinpointGtmConnector(stack, "Connector", PinpointGtmConnectorProps.builder()
                    .destination(destination)
                    .allowedOrigins(List.of(TestStacks.ORIGIN))
                    .build());
            TEMPLATES.put(type, Template.fromStack(stack).toJSON());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) TEMPLATES.get(type).get("Resources");
    }

    /** The resources with the parts a destination may change removed; Lambda versions left out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> destinationNeutral(String type) {
        Map<String, Object> neutral = new HashMap<>();
        resources(type).forEach((logicalId, resource) -> {
            String resourceType = (String) resource.get("Type");
            if (resourceType.equals("AWS::Lambda::Version")) {
                return;
            }
            Map<String, Object> copy = new HashMap<>(resource);
            copy.remove("Metadata"); // the asset path of the function's code
            Map<String, Object> properties = new HashMap<>((Map<String, Object>) resource.get("Properties"));
            switch (resourceType) {
                case "AWS::Lambda::Function" -> {
                    properties.remove("Environment");
                    properties.remove("Code");
                }
                case "AWS::Lambda::Alias" -> properties.remove("FunctionVersion");
                case "AWS::IAM::Policy" -> {
                    if (isProcessorPolicy(properties)) {
                        properties.remove("PolicyDocument");
                    }
                }
                default -> {
                }
            }
            copy.put("Properties", properties);
            neutral.put(logicalId, copy);
        });
        return neutral;
    }

    private static boolean isProcessorPolicy(Map<String, Object> properties) {
        return properties.get("Roles").toString().contains("ProcessorRole");
    }

    @SuppressWarnings("unchecked")
    private static Object processorPolicy(String type) {
        return resources(type).values().stream()
                .filter(r -> "AWS::IAM::Policy".equals(r.get("Type")))
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .filter(DestinationSwitchTest::isProcessorPolicy)
                .findFirst().orElseThrow().get("PolicyDocument");
    }

    @SuppressWarnings("unchecked")
    private static Object environment(String type) {
        return resources(type).values().stream()
                .filter(r -> "AWS::Lambda::Function".equals(r.get("Type")))
                .map(r -> (Map<String, Object>) r.get("Properties"))
                .findFirst().orElseThrow().get("Environment");
    }

    @Test
    void everythingButTheRolePolicyTheEnvironmentAndTheCodeIsTheSameForEveryDestination() {
        Map<String, Object> pinpoint = destinationNeutral("pinpoint");
        for (String type : TEMPLATES.keySet()) {
            assertThat(destinationNeutral(type)).as(type).isEqualTo(pinpoint);
        }
    }

    @Test
    void theRolePolicyAndTheEnvironmentDoDifferBetweenDestinations() {
        for (String type : TEMPLATES.keySet()) {
            for (String other : TEMPLATES.keySet()) {
                if (!type.equals(other)) {
                    assertThat(processorPolicy(type)).as(type + " vs " + other).isNotEqualTo(processorPolicy(other));
                    assertThat(environment(type)).as(type + " vs " + other).isNotEqualTo(environment(other));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEnvironmentDiffersOnlyInTheDestinationsVariables() {
        Map<String, Object> pinpoint = new HashMap<>((Map<String, Object>) ((Map<String, Object>) environment("pinpoint"))
                .get("Variables"));
        pinpoint.remove("DESTINATION_TYPE");
        pinpoint.remove("PINPOINT_APPLICATION_ID");
        for (String type : TEMPLATES.keySet()) {
            Map<String, Object> variables = new HashMap<>(
                    (Map<String, Object>) ((Map<String, Object>) environment(type)).get("Variables"));
            assertThat(variables).as(type).containsEntry("DESTINATION_TYPE", type);
            variables.keySet().removeIf(name -> name.equals("DESTINATION_TYPE") || name.startsWith(
                    switch (type) {
                        case "pinpoint" -> "PINPOINT_";
                        case "kinesis" -> "KINESIS_";
                        case "firehose" -> "FIREHOSE_";
                        case "eventbridge" -> "EVENTBRIDGE_";
                        default -> "CUSTOMER_PROFILES_";
                    }));
            assertThat(variables).as(type).isEqualTo(pinpoint);
        }
    }

    @Test
    void theOutputsAreTheSame() {
        for (String type : TEMPLATES.keySet()) {
            assertThat(TEMPLATES.get(type).get("Outputs")).as(type).isEqualTo(TEMPLATES.get("pinpoint").get("Outputs"));
        }
    }
}
