package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.runtime.config.DestinationType;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.policy.WebOrigin;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The contract between the construct and the processor: the environment the construct synthesizes is read by the
 * processor's own {@link ProcessorConfig} into exactly the configured values.
 */
class ProcessorEnvironmentBindingTest {

    private static final String STACK_ID =
            "arn:aws:cloudformation:eu-west-1:123456789012:stack/TestStack/51af3dc0-da77-11e4-872e-1234567db123";

    private static final String QUEUE_URL_PREFIX = "https://sqs.eu-west-1.amazonaws.com/123456789012/";

    /** A secret's ARN ends in its name, a hyphen and six random characters. */
    private static final String SECRET_ARN_PREFIX = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
    private static final String SECRET_ARN_SUFFIX = "-AbCdEf";

    /**
     * The synthesized environment, its tokens replaced by what CloudFormation would resolve them to: each queue URL
     * ({@code Ref} of a queue) a URL ending in the queue's logical id, the identity key's ARN ({@code Ref} of a secret
     * created in the stack) a secret ARN named after the secret's logical id, the fingerprint salt's join of the stack
     * id. Any other token fails the test.
     */
    private static ProcessorConfig processorConfigOf(PinpointGtmConnectorProps props) {
        return processorConfigOf(TestStacks.synth(props));
    }

    @SuppressWarnings("unchecked")
    private static ProcessorConfig processorConfigOf(TestStacks.Synthesized synthesized) {
        Map<String, Object> function = onlyResource(synthesized.template(), "AWS::Lambda::Function");
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment"))
                .get("Variables");
        Map<String, String> environment = new HashMap<>();
        variables.forEach((name, value) -> environment.put(name, value instanceof String literal ? literal
                : resolve(synthesized.template(), name, value)));
        environment.put("AWS_REGION", "eu-west-1");
        return ProcessorConfig.fromEnvironment(environment);
    }

    private static String resolve(Template template, String variable, Object token) {
        return switch (variable) {
            case "LOG_FINGERPRINT_SALT" -> resolveJoinOfStackId(token);
            case "DEAD_LETTER_QUEUE_URL", "REJECTED_QUEUE_URL" ->
                    QUEUE_URL_PREFIX + referencedLogicalId(template, variable, token, "AWS::SQS::Queue");
            case "IDENTITY_SECRET_ARN" -> SECRET_ARN_PREFIX
                    + referencedLogicalId(template, variable, token, "AWS::SecretsManager::Secret") + SECRET_ARN_SUFFIX;
            default -> throw new AssertionError(variable + " is a token this test cannot resolve: " + token);
        };
    }

    /** The logical id of {@code {Ref: id}}, checked to name a resource of {@code type} in the template. */
    private static String referencedLogicalId(Template template, String variable, Object token, String type) {
        assertThat(token).as(variable).isInstanceOf(Map.class);
        Object logicalId = ((Map<?, ?>) token).get("Ref");
        assertThat(template.findResources(type)).as("%s refers to a %s", variable, type)
                .containsKey(String.valueOf(logicalId));
        return (String) logicalId;
    }

    private static String urlOf(TestStacks.Synthesized synthesized, software.amazon.awscdk.services.sqs.Queue queue) {
        return QUEUE_URL_PREFIX + synthesized.stack().getLogicalId(
                (software.amazon.awscdk.CfnElement) queue.getNode().getDefaultChild());
    }

    @Test
    void theProcessorSendsRefusedHitsToTheRejectedQueueAndUndeliverableEventsToTheDeadLetterQueue() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().build());
        ProcessorConfig config = processorConfigOf(synthesized);

        assertThat(config.rejectedQueueUrl()).isEqualTo(urlOf(synthesized, synthesized.connector().getRejectedQueue()));
        assertThat(config.deadLetterQueueUrl())
                .isEqualTo(urlOf(synthesized, synthesized.connector().getDeadLetterQueue()));
    }

    @Test
    void everyDestinationsVariablesReachTheProcessor() {
        java.util.function.Function<EventDestination, ProcessorConfig> configOf = destination -> processorConfigOf(
                PinpointGtmConnectorProps.builder().destination(destination)
                        .allowedOrigins(List.of(TestStacks.ORIGIN)).build());

        ProcessorConfig kinesis = configOf.apply(EventDestination.kinesisStream(
                software.amazon.awscdk.services.kinesis.Stream.fromStreamArn(TestStacks.newStack(), "S",
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/shop-events")));
        assertThat(kinesis.destinationType()).isEqualTo(DestinationType.KINESIS);
        assertThat(kinesis.kinesisStreamName()).isEqualTo("shop-events");

        ProcessorConfig firehose = configOf.apply(EventDestination.firehose(
                software.amazon.awscdk.services.kinesisfirehose.DeliveryStream.fromDeliveryStreamArn(
                        TestStacks.newStack(), "D", "arn:aws:firehose:eu-west-1:123456789012:deliverystream/archive")));
        assertThat(firehose.destinationType()).isEqualTo(DestinationType.FIREHOSE);
        assertThat(firehose.firehoseDeliveryStreamName()).isEqualTo("archive");

        ProcessorConfig eventBridge = configOf.apply(EventDestination.eventBridge(
                software.amazon.awscdk.services.events.EventBus.fromEventBusArn(TestStacks.newStack(), "B",
                        "arn:aws:events:eu-west-1:123456789012:event-bus/shop"),
                EventBridgeDestinationOptions.builder().source("com.example.shop").detailType("Shop Event").build()));
        assertThat(eventBridge.destinationType()).isEqualTo(DestinationType.EVENTBRIDGE);
        assertThat(eventBridge.eventBridgeEventBus()).isEqualTo("arn:aws:events:eu-west-1:123456789012:event-bus/shop");
        assertThat(eventBridge.eventBridgeSource()).isEqualTo("com.example.shop");
        assertThat(eventBridge.eventBridgeDetailType()).isEqualTo("Shop Event");

        ProcessorConfig profiles = configOf.apply(EventDestination.customerProfiles("gtm-shop", "GtmCustomerEvent_v1"));
        assertThat(profiles.destinationType()).isEqualTo(DestinationType.CUSTOMER_PROFILES);
        assertThat(profiles.customerProfilesDomainName()).isEqualTo("gtm-shop");
        assertThat(profiles.customerProfilesObjectTypeName()).isEqualTo("GtmCustomerEvent_v1");
    }

    @Test
    void defaultsReachTheProcessorAsItsOwnDefaults() {
        ProcessorConfig config = processorConfigOf(minimalProps().build());

        assertThat(config.destinationType()).isEqualTo(DestinationType.PINPOINT);
        assertThat(config.pinpointApplicationId()).isEqualTo(TestStacks.APP_ID);
        assertThat(config.allowedOrigins().allowsAny()).isFalse();
        assertThat(config.allowedOrigins().origins()).containsExactly(WebOrigin.parse(TestStacks.ORIGIN));
        assertThat(config.allowMissingOrigin()).isFalse();
        assertThat(config.allowedEventTypes()).isEmpty();
        assertThat(config.userAttributesEnabled()).isFalse();
        assertThat(config.botHandling()).isEqualTo(io.github.pinpointgtm.runtime.config.BotHandling.REJECT);
        assertThat(config.clientTimestampMaxSkew()).isEqualTo(java.time.Duration.ofSeconds(300));
        assertThat(config.deliveryConcurrency()).isEqualTo(ProcessorConfig.DEFAULT_DELIVERY_CONCURRENCY);
        assertThat(config.metricsNamespace()).isEqualTo(ProcessorConfig.DEFAULT_METRICS_NAMESPACE);
        assertThat(config.logPersonalData()).isFalse();
        assertThat(config.identitySecretArn()).isEmpty();
        assertThat(config.identityAnonymousPrefix()).isEmpty();
    }

    @Test
    void identityVerificationReachesTheProcessor() {
        String secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf";
        software.amazon.awscdk.services.secretsmanager.ISecret secret = software.amazon.awscdk.services
                .secretsmanager.Secret.fromSecretCompleteArn(TestStacks.newStack(), "Key", secretArn);

        ProcessorConfig signedOnly = processorConfigOf(minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(secret)).build());
        ProcessorConfig withAnonymous = processorConfigOf(minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(secret, "anon-")).build());

        assertThat(signedOnly.identitySecretArn()).hasValue(secretArn);
        assertThat(signedOnly.identityAnonymousPrefix()).isEmpty();
        assertThat(withAnonymous.identitySecretArn()).hasValue(secretArn);
        assertThat(withAnonymous.identityAnonymousPrefix()).hasValue("anon-");
    }

    @Test
    void aSecretCreatedInTheStackReachesTheProcessorAsItsArn() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(
                        new software.amazon.awscdk.services.secretsmanager.Secret(stack, "IdentityKey"), "anon-"))
                .build());
        String secretLogicalId = synthesized.stack().getLogicalId((software.amazon.awscdk.CfnElement) synthesized
                .stack().getNode().findChild("IdentityKey").getNode().getDefaultChild());

        ProcessorConfig config = processorConfigOf(synthesized);

        assertThat(config.identitySecretArn()).hasValue(SECRET_ARN_PREFIX + secretLogicalId + SECRET_ARN_SUFFIX);
        assertThat(config.identityAnonymousPrefix()).hasValue("anon-");
        assertThat(config.rejectedQueueUrl()).isEqualTo(urlOf(synthesized, synthesized.connector().getRejectedQueue()));
    }

    @Test
    void everyConfiguredValueReachesTheProcessor() {
        ProcessorConfig config = processorConfigOf(minimalProps()
                .allowedOrigins(List.of("https://www.example.com", "http://localhost:8080"))
                .allowRequestsWithoutOrigin(true)
                .allowedEventTypes(List.of("purchase", "add to cart"))
                .userAttributesEnabled(true)
                .botHits(BotHandling.DELIVER_FLAGGED)
                .clientTimestampMaxSkew(Duration.days(1))
                .deliveryConcurrency(64)
                .metricsNamespace("Shop/Pixel")
                .logPersonalData(true)
                .build());

        assertThat(config.allowedOrigins().origins()).containsExactlyInAnyOrder(
                WebOrigin.parse("https://www.example.com"), WebOrigin.parse("http://localhost:8080"));
        assertThat(config.allowMissingOrigin()).isTrue();
        assertThat(config.allowedEventTypes()).containsExactlyInAnyOrder("purchase", "add to cart");
        assertThat(config.userAttributesEnabled()).isTrue();
        assertThat(config.botHandling()).isEqualTo(io.github.pinpointgtm.runtime.config.BotHandling.DELIVER_FLAGGED);
        assertThat(config.clientTimestampMaxSkew()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(config.deliveryConcurrency()).isEqualTo(64);
        assertThat(config.metricsNamespace()).isEqualTo("Shop/Pixel");
        assertThat(config.logPersonalData()).isTrue();
    }

    /** Resolves {@code Fn::Join [sep, [{Ref: AWS::StackId}, literal...]]}, failing on any other shape. */
    @SuppressWarnings("unchecked")
    private static String resolveJoinOfStackId(Object value) {
        List<Object> join = (List<Object>) ((Map<String, Object>) value).get("Fn::Join");
        List<Object> parts = (List<Object>) join.get(1);
        assertThat(parts.get(0)).isEqualTo(Map.of("Ref", "AWS::StackId"));
        StringBuilder resolved = new StringBuilder(STACK_ID);
        for (Object part : parts.subList(1, parts.size())) {
            resolved.append(join.get(0)).append((String) part);
        }
        return resolved.toString();
    }

    @Test
    void theLogFingerprintSaltIsTheStackIdAndTheConnectorsIdNeverALiteral() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().build());
        synthesized.template().hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of("LOG_FINGERPRINT_SALT",
                        Map.of("Fn::Join", List.of("/", List.of(Map.of("Ref", "AWS::StackId"),
                                Names.uniqueId(synthesized.connector()))))))))));

        assertThat(processorConfigOf(minimalProps().build()).logFingerprintSalt())
                .contains(STACK_ID + "/" + Names.uniqueId(synthesized.connector()));
    }

    @Test
    void twoConnectorsOfOneStackGetDifferentSalts() {
        Stack stack = TestStacks.newStack();
        new PinpointGtmConnector(stack, "Shop", minimalProps().build());
        new PinpointGtmConnector(stack, "Blog", minimalProps().build());

        List<Object> salts = Template.fromStack(stack).findResources("AWS::Lambda::Function").values().stream()
                .map(ProcessorEnvironmentBindingTest::saltOf).toList();
        assertThat(salts).hasSize(2).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static Object saltOf(Map<String, Object> function) {
        Map<String, Object> properties = (Map<String, Object>) function.get("Properties");
        return ((Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables"))
                .get("LOG_FINGERPRINT_SALT");
    }

    @Test
    void theProcessorNamesItsMetricsAsTheConnectorsMetricMethodsDo() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().build());

        assertThat(processorConfigOf(synthesized).connectorName())
                .isEqualTo(Names.uniqueId(synthesized.connector()))
                .isEqualTo(synthesized.connector().metricDelivered().getDimensions().get("Connector"));
    }

    @Test
    void theWildcardOriginMeansAnyOriginToTheProcessor() {
        assertThat(processorConfigOf(minimalProps().allowedOrigins(List.of("*")).build()).allowedOrigins().allowsAny())
                .isTrue();
    }

    @Test
    void theProcessorGivesUpOnTheQueuesLastAllowedReceive() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().outageTolerance(Duration.hours(6)).build());
        @SuppressWarnings("unchecked")
        Map<String, Object> redrive = (Map<String, Object>) ((Map<String, Object>) synthesized.template()
                .findResources("AWS::SQS::Queue").get(synthesized.stack().getLogicalId(
                        (software.amazon.awscdk.CfnElement) synthesized.connector().getQueue().getNode()
                                .getDefaultChild())).get("Properties")).get("RedrivePolicy");

        assertThat(processorConfigOf(synthesized).maxReceiveCount()).hasValue((Integer) redrive.get("maxReceiveCount"));
        assertThat(processorConfigOf(synthesized).maxReceiveCount()).hasValue(19);
    }
}
