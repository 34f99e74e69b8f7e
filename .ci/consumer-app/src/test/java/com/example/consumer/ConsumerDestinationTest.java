package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.EventDestination;
import io.github.pinpointgtm.PinpointGtmConnector;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kms.Key;

/**
 * The same user app with a successor destination, by the published coordinates: one prop switches the destination,
 * the processor gets exactly that destination's grant, and the code asset the app would deploy is the embedded
 * Kinesis processor jar (Kinesis's SDK, no Pinpoint's).
 */
class ConsumerDestinationTest {

    @Test
    void aKinesisStreamDestinationDeploysTheKinesisProcessorWithExactlyItsGrant() throws IOException {
        Path outdir = Files.createTempDirectory("consumer-cdk-out");
        // The CDK CLI turns asset metadata on; an app synthesized in a test must ask for it.
        App app = new App(AppProps.builder().outdir(outdir.toString())
                .context(Map.of("aws:cdk:enable-asset-metadata", true)).build());
        Stack stack = new Stack(app, "ConsumerKinesisStack", StackProps.builder()
                .env(Environment.builder().account("111122223333").region("eu-west-1").build())
                .build());
        Key key = Key.Builder.create(stack, "StreamKey").enableKeyRotation(true).build();
        Stream stream = Stream.Builder.create(stack, "Events")
                .encryption(StreamEncryption.KMS).encryptionKey(key).build();
        new PinpointGtmConnector(stack, "Connector", PinpointGtmConnectorProps.builder()
                .destination(EventDestination.kinesisStream(stream))
                .allowedOrigins(List.of("https://www.example.com"))
                .build());
        Template template = Template.fromStack(stack);

        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DESTINATION_TYPE", "kinesis",
                        "KINESIS_STREAM_NAME", Map.of("Ref", stack.getLogicalId(
                                (software.amazon.awscdk.CfnElement) stream.getNode().getDefaultChild()))))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "kinesis:PutRecords", "Effect", "Allow")),
                        Match.objectLike(Map.of("Action", "kms:GenerateDataKey", "Effect", "Allow")))))))));
        assertThat(template.toJSON().toString()).doesNotContain("mobiletargeting");

        CloudAssembly assembly = app.synth();
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        assertThat(functions).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) functions.values().iterator().next().get("Metadata");
        Path jar = Path.of(assembly.getDirectory()).resolve((String) metadata.get("aws:asset:path"));
        assertThat(jar).isRegularFile();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("io/github/pinpointgtm/runtime/SqsStreamHandler.class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/kinesis/KinesisClient.class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/pinpoint/PinpointClient.class")).isNull();
        }
    }
}
