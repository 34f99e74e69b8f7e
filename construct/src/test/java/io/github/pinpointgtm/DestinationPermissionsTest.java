package io.github.pinpointgtm;

import static io.github.pinpointgtm.ProcessorStatements.arnOf;
import static io.github.pinpointgtm.ProcessorStatements.processorStatements;
import static io.github.pinpointgtm.ProcessorStatements.statement;
import static io.github.pinpointgtm.ProcessorStatements.withConnectorStatements;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.github.pinpointgtm.runtime.config.DestinationType;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamAttributes;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kms.Key;

/**
 * Each destination grants the processor exactly the IAM statements of the contract (one write action on one
 * resource, plus the stream's key for a KMS-encrypted Kinesis stream) and sets exactly its environment variables.
 */
class DestinationPermissionsTest {

    /** Every destination's action and variable prefixes: a connector may use only its own. */
    private static final Map<String, List<String>> ACTIONS = Map.of(
            "pinpoint", List.of("mobiletargeting:"),
            "kinesis", List.of("kinesis:"),
            "firehose", List.of("firehose:"),
            "eventbridge", List.of("events:"),
            "customer-profiles", List.of("profile:"));
    private static final Map<String, List<String>> VARIABLES = Map.of(
            "pinpoint", List.of("PINPOINT_APPLICATION_ID"),
            "kinesis", List.of("KINESIS_STREAM_NAME"),
            "firehose", List.of("FIREHOSE_DELIVERY_STREAM_NAME"),
            "eventbridge", List.of("EVENTBRIDGE_EVENT_BUS", "EVENTBRIDGE_SOURCE", "EVENTBRIDGE_DETAIL_TYPE"),
            "customer-profiles", List.of("CUSTOMER_PROFILES_DOMAIN_NAME", "CUSTOMER_PROFILES_OBJECT_TYPE_NAME"));

    static TestStacks.Synthesized synth(Function<Stack, EventDestination> destination) {
        return TestStacks.synth(stack -> PinpointGtmConnectorProps.builder()
                .destination(destination.apply(stack))
                .allowedOrigins(List.of(TestStacks.ORIGIN))
                .build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(TestStacks.Synthesized s) {
        Map<String, Object> function = TestStacks.onlyResource(s.template(), "AWS::Lambda::Function");
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }

    /** Asserts the destination's variables and that no other destination's variables or actions are present. */
    private static void assertOnly(TestStacks.Synthesized s, String type, Map<String, Object> variables) {
        Map<String, Object> environment = environment(s);
        assertThat(environment).containsEntry("DESTINATION_TYPE", type).containsAllEntriesOf(variables);
        VARIABLES.forEach((other, names) -> {
            if (!other.equals(type)) {
                assertThat(environment).doesNotContainKeys(names.toArray(String[]::new));
            }
        });
        assertThat(variables).containsOnlyKeys(VARIABLES.get(type));
        String policy = processorStatements(s).toString();
        ACTIONS.forEach((other, prefixes) -> prefixes.forEach(prefix -> {
            if (other.equals(type)) {
                assertThat(policy).contains(prefix);
            } else {
                assertThat(policy).doesNotContain(prefix);
            }
        }));
    }

    // ------------------------------------------------------------------ Kinesis

    @Test
    void kinesisPutsRecordsOnTheStreamAndGeneratesDataKeysWithItsCustomerManagedKey() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.kinesisStream(Stream.Builder.create(stack, "Events")
                .encryption(StreamEncryption.KMS)
                .encryptionKey(Key.Builder.create(stack, "StreamKey").enableKeyRotation(true).build())
                .build()));
        String stream = s.template().findResources("AWS::Kinesis::Stream").keySet().iterator().next();
        String key = s.template().findResources("AWS::KMS::Key").keySet().iterator().next();

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("kinesis:PutRecords", arnOf(stream)),
                statement("kms:GenerateDataKey", arnOf(key)))));
        assertOnly(s, "kinesis", Map.of("KINESIS_STREAM_NAME", Map.of("Ref", stream)));
    }

    @Test
    void anUnencryptedStreamNeedsNoKeyPermission() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.kinesisStream(Stream.Builder.create(stack, "Events")
                .encryption(StreamEncryption.UNENCRYPTED).build()));
        String stream = s.template().findResources("AWS::Kinesis::Stream").keySet().iterator().next();

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("kinesis:PutRecords", arnOf(stream)))));
    }

    @Test
    void aStreamWithTheAwsManagedKeyNeedsNoKeyPermission() {
        TestStacks.Synthesized s = synth(stack -> {
            Stream stream = Stream.Builder.create(stack, "Events").encryption(StreamEncryption.MANAGED).build();
            // CDK has no key object for aws/kinesis: nothing to grant, and the managed key's policy allows producers.
            assertThat(stream.getEncryptionKey()).isNull();
            return EventDestination.kinesisStream(stream);
        });
        String stream = s.template().findResources("AWS::Kinesis::Stream").keySet().iterator().next();

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("kinesis:PutRecords", arnOf(stream)))));
        assertThat(processorStatements(s).toString()).doesNotContain("kms:");
    }

    @Test
    void anImportedStreamIsNamedFromItsArnAndItsImportedKeyIsGranted() {
        String streamArn = "arn:aws:kinesis:eu-west-1:123456789012:stream/shop-events";
        String keyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        TestStacks.Synthesized s = synth(stack -> EventDestination.kinesisStream(Stream.fromStreamAttributes(stack,
                "Imported", StreamAttributes.builder()
                        .streamArn(streamArn)
                        .encryptionKey(Key.fromKeyArn(stack, "ImportedKey", keyArn))
                        .build())));

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("kinesis:PutRecords", streamArn),
                statement("kms:GenerateDataKey", keyArn))));
        assertOnly(s, "kinesis", Map.of("KINESIS_STREAM_NAME", "shop-events"));
    }

    // ----------------------------------------------------------------- Firehose

    @Test
    void firehosePutsRecordBatchesOnTheDeliveryStreamOnly() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.firehose(
                DestinationFixtures.in(stack).deliveryStream));
        String deliveryStream = s.template().findResources("AWS::KinesisFirehose::DeliveryStream").keySet()
                .iterator().next();

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("firehose:PutRecordBatch", arnOf(deliveryStream)))));
        assertOnly(s, "firehose", Map.of("FIREHOSE_DELIVERY_STREAM_NAME", Map.of("Ref", deliveryStream)));
    }

    @Test
    void anImportedDeliveryStreamIsNamedFromItsArn() {
        String arn = "arn:aws:firehose:eu-west-1:123456789012:deliverystream/shop-archive";
        TestStacks.Synthesized s = synth(stack -> EventDestination.firehose(
                DeliveryStream.fromDeliveryStreamArn(stack, "Imported", arn)));

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("firehose:PutRecordBatch", arn))));
        assertOnly(s, "firehose", Map.of("FIREHOSE_DELIVERY_STREAM_NAME", "shop-archive"));
    }

    // -------------------------------------------------------------- EventBridge

    private static Map<String, Object> putEvents(Object busArn, String source, String detailType) {
        return Map.of("Effect", "Allow", "Action", "events:PutEvents", "Resource", busArn,
                "Condition", Map.of("StringEquals", Map.of("events:source", source, "events:detail-type", detailType)));
    }

    @Test
    void eventBridgePutsEventsOnTheBusOnlyWithTheDefaultSourceAndDetailType() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.eventBridge(
                EventBus.Builder.create(stack, "Bus").eventBusName("gtm-events").build()));

        assertPutsEventsOnTheBusOnlyWith(s, "io.github.pinpointgtm", "GTM Customer Event");
    }

    @Test
    void eventBridgeOptionsSetTheEntriesAndTheConditions() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.eventBridge(
                EventBus.Builder.create(stack, "Bus").build(),
                EventBridgeDestinationOptions.builder().source("com.example.shop").detailType("Shop Event").build()));

        assertPutsEventsOnTheBusOnlyWith(s, "com.example.shop", "Shop Event");
    }

    /** Asserts the one PutEvents statement on the stack's only bus, under the conditions, and the variables. */
    private static void assertPutsEventsOnTheBusOnlyWith(TestStacks.Synthesized s, String source, String detailType) {
        String bus = s.template().findResources("AWS::Events::EventBus").keySet().iterator().next();
        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                putEvents(arnOf(bus), source, detailType))));
        assertOnly(s, "eventbridge", Map.of(
                "EVENTBRIDGE_EVENT_BUS", arnOf(bus),
                "EVENTBRIDGE_SOURCE", source,
                "EVENTBRIDGE_DETAIL_TYPE", detailType));
    }

    @Test
    void theDefaultBusIsAddressedByItsArn() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.eventBridge(
                EventBus.fromEventBusName(stack, "Default", "default")));
        Map<String, Object> defaultBusArn = Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":events:", Map.of("Ref", "AWS::Region"), ":",
                Map.of("Ref", "AWS::AccountId"), ":event-bus/default")));

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                putEvents(defaultBusArn, "io.github.pinpointgtm", "GTM Customer Event"))));
        assertThat(environment(s)).containsEntry("EVENTBRIDGE_EVENT_BUS", defaultBusArn);
    }

    // -------------------------------------------------------- Customer Profiles

    private static Map<String, Object> objectTypeArn(Object domain, Object objectType) {
        return Map.of("Fn::Join", List.of("", List.of(
                "arn:", Map.of("Ref", "AWS::Partition"), ":profile:", Map.of("Ref", "AWS::Region"), ":",
                Map.of("Ref", "AWS::AccountId"), ":domains/" + domain + "/object-types/" + objectType)));
    }

    @Test
    void customerProfilesPutsProfileObjectsOfOneObjectTypeOfOneDomain() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.customerProfiles("gtm-shop", "GtmCustomerEvent"));

        assertThat(processorStatements(s)).isEqualTo(withConnectorStatements(s, List.of(
                statement("profile:PutProfileObject", objectTypeArn("gtm-shop", "GtmCustomerEvent")))));
        assertOnly(s, "customer-profiles", Map.of(
                "CUSTOMER_PROFILES_DOMAIN_NAME", "gtm-shop",
                "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmCustomerEvent"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void customerProfilesNamesMayBeTokens() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.customerProfiles(
                Fn.importValue("ProfilesDomain"), Fn.importValue("ProfilesObjectType")));

        Map<String, Object> resource = (Map<String, Object>) processorStatements(s).get(3).get("Resource");
        assertThat(resource.toString()).contains(":domains/", "ProfilesDomain", "/object-types/",
                "ProfilesObjectType");
        assertThat(processorStatements(s).get(3)).containsEntry("Action", "profile:PutProfileObject");
        assertThat(environment(s)).containsEntry("CUSTOMER_PROFILES_DOMAIN_NAME",
                Map.of("Fn::ImportValue", "ProfilesDomain"));
    }

    // ---------------------------------------------------------------- all five

    @Test
    void pinpointKeepsItsOwnStatementAndVariable() {
        TestStacks.Synthesized s = synth(stack -> EventDestination.pinpoint(TestStacks.APP_ID));

        assertOnly(s, "pinpoint", Map.of("PINPOINT_APPLICATION_ID", TestStacks.APP_ID));
    }

    @Test
    void everyDestinationTypeIsOneTheProcessorUnderstands() {
        DestinationFixtures.in(TestStacks.newStack()).destinations().forEach((type, destination) -> {
            assertThat(destination.getDestinationType()).isEqualTo(type);
            assertThat(DestinationType.fromValue(type).value()).isEqualTo(type);
        });
    }

    @Test
    void noDestinationUsesAWildcard() {
        for (String type : VARIABLES.keySet()) {
            TestStacks.Synthesized s = synth(stack -> DestinationFixtures.in(stack).destinations().get(type));
            List<Map<String, Object>> statements = processorStatements(s);
            assertThat(statements.toString()).as(type).doesNotContain("*");
            // Each statement: one action (or the queue's consume set) on one resource.
            Map<String, Object> resources = new HashMap<>();
            statements.forEach(st -> resources.put(st.get("Action").toString(), st.get("Resource")));
            assertThat(resources.values()).as(type).noneMatch(r -> r instanceof List<?>);
        }
    }
}
