package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.IConstruct;

/**
 * Every resource of the connector keeps its logical id from release to release: a changed id makes CloudFormation
 * replace the resource, and a replaced queue loses the messages it holds. The stacks of
 * {@link RepeatableSynthesisApp} (each destination, SnapStart on and off, every web ACL option) and a few variants of
 * the other switches (authorizers, customer-managed key, existing web ACL, no alarms, deprecated props) are compared
 * with the logical ids and types recorded in {@code src/test/resources/logical-ids/<stack>.txt}.
 *
 * <p>A deliberate change of the resources: run this test with {@code -DlogicalIds.update=true}, which rewrites the
 * recorded lists, and review their diff. The synthesized templates stay in {@code target/logical-ids} for comparing
 * whole templates before and after a refactoring.
 */
class LogicalIdsTest {

    private static final Path OUTPUT = Path.of("target", "logical-ids");
    private static final Path RECORDED = Path.of("src", "test", "resources", "logical-ids");
    private static final String WEB_ACL_ARN =
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/a1b2c3d4-5678-90ab-cdef-123456789abc";

    /** Types whose logical id ends with a hash of the resource's content. */
    private static final Set<String> CONTENT_HASHED = Set.of("AWS::Lambda::Version", "AWS::ApiGateway::Deployment");
    private static final Pattern CONTENT_HASH = Pattern.compile("[0-9a-f]{32}$");

    private static Map<String, String> synthesized;

    @BeforeAll
    static void synthesize() throws IOException {
        App app = App.Builder.create().outdir(OUTPUT.toString())
                .context(Map.of("aws:cdk:disable-asset-staging", true))
                .build();
        RepeatableSynthesisApp.addStacks(app);
        addVariants(app);
        app.synth();
        synthesized = new TreeMap<>();
        for (IConstruct child : app.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                synthesized.put(stack.getStackName(), logicalIds(Template.fromStack(stack)));
            }
        }
        if (Boolean.getBoolean("logicalIds.update")) {
            Files.createDirectories(RECORDED);
            for (Map.Entry<String, String> stack : synthesized.entrySet()) {
                Files.writeString(RECORDED.resolve(stack.getKey() + ".txt"), stack.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The switches {@link RepeatableSynthesisApp} leaves at their defaults. */
    private static void addVariants(App app) {
        new PinpointGtmConnector(new Stack(app, "LogicalIds-defaults"), "Connector",
                TestStacks.minimalProps().build());

        Stack cognito = new Stack(app, "LogicalIds-cognito-key-existing-acl");
        Key key = Key.Builder.create(cognito, "QueueKey").enableKeyRotation(true).build();
        CfnWebACL webAcl = TestStacks.applicationWebAcl(cognito);
        new PinpointGtmConnector(cognito, "Connector", TestStacks.minimalProps()
                .authorization(ConnectorAuthorization.cognito(new UserPool(cognito, "Users")))
                .encryptionKey(key)
                .alarms(ConnectorAlarms.builder().topic(new Topic(cognito, "Alerts")).build())
                .edgeProtection(EdgeProtection.existingWebAcl(webAcl.getAttrArn()))
                .tracing(true)
                .createApiGatewayCloudWatchRole(true)
                .includeSourceIp(true)
                .includeFullReferer(true)
                .build());

        Stack lambda = new Stack(app, "LogicalIds-lambda-deprecated-props");
        new PinpointGtmConnector(lambda, "Connector", deprecatedProps(TestStacks.minimalProps()
                .authorization(ConnectorAuthorization.lambda(ConnectorAuthorizationTest.authorizerFunction(lambda),
                        "token"))
                .alarms(ConnectorAlarms.none())
                .snapStart(false)
                .rejectedRetention(Duration.days(7))));

        Stack open = new Stack(app, "LogicalIds-open-alarm-topic");
        new PinpointGtmConnector(open, "Connector", deprecatedAlarmTopic(TestStacks.minimalProps()
                .edgeProtection(EdgeProtection.none()), new Topic(open, "Alerts")));
    }

    @SuppressWarnings("deprecation")
    private static PinpointGtmConnectorProps deprecatedProps(PinpointGtmConnectorProps.Builder props) {
        return props.webAclArn(WEB_ACL_ARN).maxReceiveCount(5).build();
    }

    @SuppressWarnings("deprecation")
    private static PinpointGtmConnectorProps deprecatedAlarmTopic(PinpointGtmConnectorProps.Builder props,
            Topic topic) {
        return props.alarmTopic(topic).build();
    }

    /**
     * One line per resource, {@code <logical id> <type>}, sorted by logical id. A Lambda version and an API
     * deployment end their ids with a hash of their content, by design: CloudFormation is meant to replace them when
     * the code or the API changes, which loses nothing. That hash is written as {@code *}.
     */
    @SuppressWarnings("unchecked")
    private static String logicalIds(Template template) {
        Map<String, String> types = new TreeMap<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        resources.forEach((id, resource) -> {
            String type = (String) ((Map<String, Object>) resource).get("Type");
            types.put(CONTENT_HASHED.contains(type) ? CONTENT_HASH.matcher(id).replaceFirst("*") : id, type);
        });
        StringBuilder lines = new StringBuilder();
        types.forEach((id, type) -> lines.append(id).append(' ').append(type).append('\n'));
        return lines.toString();
    }

    @Test
    void everyStackHasARecordedListAndEveryListAStack() throws IOException {
        List<String> recorded = new ArrayList<>();
        try (var files = Files.list(RECORDED)) {
            files.map(file -> file.getFileName().toString().replaceFirst("\\.txt$", "")).sorted().forEach(recorded::add);
        }
        assertThat(recorded).containsExactlyElementsOf(synthesized.keySet());
    }

    @Test
    void everyStackKeepsItsLogicalIds() throws IOException {
        for (Map.Entry<String, String> stack : synthesized.entrySet()) {
            assertThat(stack.getValue()).as("logical ids of %s", stack.getKey())
                    .isEqualTo(recorded(stack.getKey()));
        }
    }

    @Test
    void theListsNameTheConnectorsResources() throws IOException {
        assertThat(recorded("LogicalIds-defaults")).contains(
                "ConnectorQueue", "ConnectorDeadLetterQueue", "ConnectorRejectedQueue", "ConnectorProcessor",
                "ConnectorApi", "ConnectorWebAclAssociation", "ConnectorDeadLetterQueueNotEmptyAlarm");
    }

    private static String recorded(String stackName) throws IOException {
        try (InputStream in = LogicalIdsTest.class.getResourceAsStream("/logical-ids/" + stackName + ".txt")) {
            assertThat(in).as("recorded logical ids of %s", stackName).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
