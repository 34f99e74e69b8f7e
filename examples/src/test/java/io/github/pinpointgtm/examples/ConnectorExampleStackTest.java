package io.github.pinpointgtm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ConnectorExampleStackTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        ExampleSettings settings = new ExampleSettings(
                "fedcba9876543210fedcba9876543210", List.of("https://shop.example.org"), "Example");
        template = Template.fromStack(new ConnectorExampleStack(app, "Example", StackProps.builder().build(), settings));
    }

    static Template synthesize(ExampleDestination destination) {
        ExampleSettings settings = new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID,
                List.of("https://shop.example.org"), "Example", destination);
        return Template.fromStack(new ConnectorExampleStack(new App(), "Example", StackProps.builder().build(),
                settings));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Template template) {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        assertThat(functions).hasSize(1);
        Map<String, Object> properties = (Map<String, Object>) functions.values().iterator().next().get("Properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    private static String onlyLogicalId(Template template, String type) {
        Map<String, Map<String, Object>> resources = template.findResources(type);
        assertThat(resources).as(type).hasSize(1);
        return resources.keySet().iterator().next();
    }

    private static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    @Test
    void exposesTheGtmUrlTheDeadLetterQueueAndTheRejectedQueueAsOutputs() {
        assertThat(template.findOutputs("EventsUrl")).hasSize(1);
        assertThat(template.findOutputs("DeadLetterQueueUrl")).hasSize(1);
        assertThat(template.findOutputs("RejectedQueueUrl")).hasSize(1);
        Object rejected = template.findOutputs("RejectedQueueUrl").get("RejectedQueueUrl").get("Value");
        Object deadLetters = template.findOutputs("DeadLetterQueueUrl").get("DeadLetterQueueUrl").get("Value");
        assertThat(rejected).isInstanceOf(Map.class).isNotEqualTo(deadLetters);
    }

    @Test
    void outputsTheUrlOfTheQueueTheProcessorReadsForReplays() {
        Map<String, Map<String, Object>> mainQueues = template.findResources("AWS::SQS::Queue", Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("RedrivePolicy", Match.anyValue())))));
        assertThat(mainQueues).hasSize(1);

        template.hasOutput("QueueUrl", Match.objectLike(Map.of("Value",
                Map.of("Ref", mainQueues.keySet().iterator().next()))));
    }

    @Test
    void passesContextSettingsToTheProcessor() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "PINPOINT_APPLICATION_ID", "fedcba9876543210fedcba9876543210",
                        "ALLOWED_ORIGINS", "https://shop.example.org"))))));
    }

    @Test
    void theDefaultDestinationIsPinpointAndCreatesNoDestinationResources() {
        assertThat(environment(template)).containsEntry("DESTINATION_TYPE", "pinpoint");
        // RestApi adds its own endpoint output (ConnectorApiEndpoint...): the stack adds no Destination output.
        assertThat(template.findOutputs("*").keySet()).filteredOn(name -> !name.startsWith("ConnectorApiEndpoint"))
                .containsExactlyInAnyOrder("EventsUrl", "DeadLetterQueueUrl", "RejectedQueueUrl", "QueueUrl");
        for (String type : List.of("AWS::Kinesis::Stream", "AWS::KinesisFirehose::DeliveryStream", "AWS::S3::Bucket",
                "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::CustomerProfiles::Domain",
                "AWS::CustomerProfiles::ObjectType", "AWS::KMS::Key")) {
            template.resourceCountIs(type, 0);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleDestination.class)
    void everyDestinationKeepsTheOutputsAndSetsItsDestinationType(ExampleDestination destination) {
        Template synthesized = synthesize(destination);
        assertThat(synthesized.findOutputs("EventsUrl")).hasSize(1);
        assertThat(synthesized.findOutputs("DeadLetterQueueUrl")).hasSize(1);
        assertThat(synthesized.findOutputs("RejectedQueueUrl")).hasSize(1);
        assertThat(environment(synthesized)).containsEntry("DESTINATION_TYPE", destination.value());
        if (destination != ExampleDestination.PINPOINT) {
            assertThat(environment(synthesized)).doesNotContainKey("PINPOINT_APPLICATION_ID");
            assertThat(synthesized.findOutputs("Destination")).hasSize(1);
        }
    }

    @Test
    void kinesisIsAnOnDemandStreamEncryptedWithARotatedCustomerManagedKey() {
        Template kinesis = synthesize(ExampleDestination.KINESIS);
        String stream = onlyLogicalId(kinesis, "AWS::Kinesis::Stream");
        String key = onlyLogicalId(kinesis, "AWS::KMS::Key");

        kinesis.hasResourceProperties("AWS::Kinesis::Stream", Match.objectLike(Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", arnOf(key)))));
        kinesis.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        assertThat(environment(kinesis)).containsEntry("KINESIS_STREAM_NAME", Map.of("Ref", stream));
        kinesis.hasOutput("Destination", Match.objectLike(Map.of("Value", Map.of("Ref", stream))));
        kinesis.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(
                Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "kinesis:PutRecords", "Resource", arnOf(stream))),
                        Match.objectLike(Map.of("Action", "kms:GenerateDataKey", "Resource", arnOf(key))))))))));
    }

    @Test
    void firehoseWritesGzippedJsonLinesToAnEncryptedPrivateVersionedBucket() {
        Template firehose = synthesize(ExampleDestination.FIREHOSE);
        String bucket = onlyLogicalId(firehose, "AWS::S3::Bucket");
        String deliveryStream = onlyLogicalId(firehose, "AWS::KinesisFirehose::DeliveryStream");

        firehose.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "BucketEncryption", Match.objectLike(Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "VersioningConfiguration", Map.of("Status", "Enabled"))));
        firehose.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        firehose.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Match.objectLike(Map.of(
                "DeliveryStreamType", "DirectPut",
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "AWS_OWNED_CMK"),
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "BucketARN", arnOf(bucket),
                        "Prefix", "events/dt=!{timestamp:yyyy-MM-dd}/",
                        "ErrorOutputPrefix", "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/",
                        "CompressionFormat", "GZIP",
                        "FileExtension", ".json.gz")))));
        assertThat(environment(firehose)).containsEntry("FIREHOSE_DELIVERY_STREAM_NAME", Map.of("Ref", deliveryStream));
        firehose.hasOutput("Destination", Match.objectLike(Map.of("Value", Map.of("Ref", deliveryStream))));
        firehose.hasOutput("ArchiveBucketName", Match.objectLike(Map.of("Value", Map.of("Ref", bucket))));
    }

    @Test
    void eventBridgeIsACustomBusWithARuleForOneEventTypeMatchingTheConnectorsEntries() {
        Template eventBridge = synthesize(ExampleDestination.EVENTBRIDGE);
        String bus = onlyLogicalId(eventBridge, "AWS::Events::EventBus");
        Capture target = new Capture();
        Map<String, Object> environment = environment(eventBridge);

        eventBridge.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventBusName", Map.of("Ref", bus),
                "EventPattern", Map.of(
                        "source", List.of(environment.get("EVENTBRIDGE_SOURCE")),
                        "detail-type", List.of(environment.get("EVENTBRIDGE_DETAIL_TYPE")),
                        "detail", Map.of("eventType", List.of("subscription_renewal_due"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", target))))));
        assertThat(target.asObject().toString()).contains("RenewalsQueue");
        assertThat(environment).containsEntry("EVENTBRIDGE_EVENT_BUS", arnOf(bus))
                .containsEntry("EVENTBRIDGE_SOURCE", "io.github.pinpointgtm")
                .containsEntry("EVENTBRIDGE_DETAIL_TYPE", "GTM Customer Event");
        eventBridge.hasOutput("Destination", Match.objectLike(Map.of("Value", Map.of("Ref", bus))));
        eventBridge.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))))));
    }

    @Test
    void customerProfilesIsAnEncryptedDomainWithAnObjectTypeReadingTheEventJson() {
        Template profiles = synthesize(ExampleDestination.CUSTOMER_PROFILES);
        String key = onlyLogicalId(profiles, "AWS::KMS::Key");

        profiles.hasResourceProperties("AWS::CustomerProfiles::Domain", Map.of(
                "DomainName", "Example",
                "DefaultExpirationDays", 365,
                "DefaultEncryptionKey", arnOf(key)));
        profiles.hasResourceProperties("AWS::CustomerProfiles::ObjectType", Match.objectLike(Map.of(
                "DomainName", "Example",
                "ObjectTypeName", "GtmCustomerEvent",
                "AllowProfileCreation", true,
                "Fields", List.of(
                        field("endpointId", Map.of("Source", "_source.endpointId",
                                "Target", "_profile.Attributes.gtmEndpointId", "ContentType", "STRING")),
                        field("eventId", Map.of("Source", "_source.eventId", "ContentType", "STRING")),
                        field("eventType", Map.of("Source", "_source.eventType", "ContentType", "STRING")),
                        field("timestamp", Map.of("Source", "_source.timestamp", "ContentType", "STRING"))),
                "Keys", List.of(
                        Map.of("Name", "gtmEndpointId", "ObjectTypeKeyList", List.of(Map.of(
                                "FieldNames", List.of("endpointId"), "StandardIdentifiers", List.of("PROFILE")))),
                        Map.of("Name", "gtmEventId", "ObjectTypeKeyList", List.of(Map.of(
                                "FieldNames", List.of("eventId"), "StandardIdentifiers", List.of("UNIQUE"))))))));
        profiles.hasResource("AWS::CustomerProfiles::ObjectType", Match.objectLike(Map.of(
                "DependsOn", List.of(onlyLogicalId(profiles, "AWS::CustomerProfiles::Domain")))));
        profiles.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "profile.amazonaws.com"),
                        "Action", List.of("kms:GenerateDataKey", "kms:CreateGrant", "kms:Decrypt"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount",
                                Map.of("Ref", "AWS::AccountId"))))))))))));
        assertThat(environment(profiles)).containsEntry("CUSTOMER_PROFILES_DOMAIN_NAME", "Example")
                .containsEntry("CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmCustomerEvent");
        profiles.hasOutput("Destination", Match.objectLike(Map.of("Value", "Example/GtmCustomerEvent")));
    }

    private static Map<String, Object> field(String name, Map<String, Object> objectTypeField) {
        return Map.of("Name", name, "ObjectTypeField", objectTypeField);
    }

    @Test
    void aLongStackNameIsCutToTheDomainNameLimit() {
        String stackName = "S" + "x".repeat(99);
        Template profiles = Template.fromStack(new ConnectorExampleStack(new App(), stackName,
                StackProps.builder().build(), new ExampleSettings(ExampleSettings.DEFAULT_APPLICATION_ID,
                        List.of("https://shop.example.org"), stackName, ExampleDestination.CUSTOMER_PROFILES)));
        profiles.hasResourceProperties("AWS::CustomerProfiles::Domain", Match.objectLike(Map.of(
                "DomainName", stackName.substring(0, 64))));
    }
}
