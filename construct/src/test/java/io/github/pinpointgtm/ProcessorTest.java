package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static io.github.pinpointgtm.TestStacks.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The processor Lambda: runtime, code, environment, SnapStart alias, event source, log group, tracing. */
class ProcessorTest {

    private static TestStacks.Synthesized customised;

    @BeforeAll
    static void synthesize() {
        customised = TestStacks.synth(minimalProps()
                .allowedOrigins(List.of("https://www.example.com", "http://localhost:8080"))
                .allowRequestsWithoutOrigin(true)
                .allowedEventTypes(List.of("purchase", "add to cart"))
                .userAttributesEnabled(true)
                .botHits(BotHandling.DELIVER_FLAGGED)
                .clientTimestampMaxSkew(Duration.minutes(2))
                .deliveryConcurrency(16)
                .metricsNamespace("Shop/Pixel")
                .logPersonalData(true)
                .processorMemorySize(2048)
                .processorTimeout(Duration.seconds(45))
                .batchSize(500)
                .maxBatchingWindow(Duration.seconds(10))
                .maxConcurrency(50)
                .snapStart(false)
                .tracing(true)
                .logRetention(RetentionDays.ONE_WEEK)
                .build());
    }

    @Test
    void isAJava21Arm64FunctionWithTheContractedHandler() {
        defaults().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "Handler", "io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest",
                "MemorySize", 1024,
                "Timeout", 30));
    }

    @Test
    void codeIsTheEmbeddedProcessorJarAsAnAsset() {
        Map<String, Object> function = onlyResource(defaults().template(), "AWS::Lambda::Function");
        assertThat(function).extracting("Code").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extractingByKey("S3Key").asString().endsWith(".jar");
    }

    @Test
    void environmentCarriesEveryDefaultOfTheContract() {
        String dlq = defaults().logicalId(defaults().connector().getDeadLetterQueue());
        String rejected = defaults().logicalId(defaults().connector().getRejectedQueue());
        defaults().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Map.ofEntries(
                        Map.entry("DESTINATION_TYPE", "pinpoint"),
                        Map.entry("PINPOINT_APPLICATION_ID", TestStacks.APP_ID),
                        Map.entry("DEAD_LETTER_QUEUE_URL", Map.of("Ref", dlq)),
                        Map.entry("REJECTED_QUEUE_URL", Map.of("Ref", rejected)),
                        Map.entry("ALLOWED_ORIGINS", "https://www.example.com"),
                        Map.entry("ALLOW_MISSING_ORIGIN", "false"),
                        Map.entry("USER_ATTRIBUTES_ENABLED", "false"),
                        Map.entry("BOT_HANDLING", "reject"),
                        Map.entry("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", "300"),
                        Map.entry("DELIVERY_CONCURRENCY", "4"),
                        Map.entry("METRICS_NAMESPACE", "PinpointGtmConnector"),
                        Map.entry("LOG_PERSONAL_DATA", "false")))));
    }

    @Test
    void environmentFollowsTheProps() {
        customised.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "ALLOWED_ORIGINS", "https://www.example.com,http://localhost:8080",
                        "ALLOW_MISSING_ORIGIN", "true",
                        "ALLOWED_EVENT_TYPES", "purchase,add to cart",
                        "USER_ATTRIBUTES_ENABLED", "true",
                        "BOT_HANDLING", "deliver-flagged",
                        "CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", "120",
                        "DELIVERY_CONCURRENCY", "16",
                        "METRICS_NAMESPACE", "Shop/Pixel",
                        "LOG_PERSONAL_DATA", "true")))));
        customised.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "MemorySize", 2048, "Timeout", 45));
    }

    @Test
    void theWildcardOriginReachesTheProcessorAsIs() {
        TestStacks.anyOrigin()
                .hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
                        Match.objectLike(Map.of("ALLOWED_ORIGINS", "*")))));
    }

    @Test
    void snapStartIsOnForPublishedVersionsAndTheEventSourceUsesTheLiveAlias() {
        defaults().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        defaults().template().resourceCountIs("AWS::Lambda::Version", 1);
        defaults().template().hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionVersion", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue()))));
        String alias = defaults().logicalId(defaults().connector().getProcessorAlias());
        Map<String, Object> mapping = onlyResource(defaults().template(), "AWS::Lambda::EventSourceMapping");
        assertThat(mapping.get("FunctionName").toString()).contains(alias).contains(":live");
    }

    @Test
    void withoutSnapStartThereIsNoAliasAndTheEventSourceUsesTheFunction() {
        customised.template().hasResourceProperties("AWS::Lambda::Function", Map.of("SnapStart", Match.absent()));
        customised.template().resourceCountIs("AWS::Lambda::Alias", 0);
        assertThat(customised.connector().getProcessorAlias()).isNull();
        customised.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "FunctionName", Map.of("Ref", customised.logicalId(customised.connector().getProcessor()))));
    }

    @Test
    void eventSourceReportsBatchItemFailuresWithTheDefaultBatching() {
        defaults().template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(
                        defaults().logicalId(defaults().connector().getQueue()), "Arn")),
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", 100,
                "MaximumBatchingWindowInSeconds", 5,
                "ScalingConfig", Map.of("MaximumConcurrency", 10)));
    }

    @Test
    void eventSourceFollowsTheBatchingProps() {
        customised.template().hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", 500,
                "MaximumBatchingWindowInSeconds", 10,
                "ScalingConfig", Map.of("MaximumConcurrency", 50)));
    }

    @Test
    void logsGoToItsOwnLogGroupWithRetention() {
        String logGroup = defaults().logicalId(defaults().connector().getProcessorLogGroup());
        defaults().template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "LoggingConfig", Map.of("LogGroup", Map.of("Ref", logGroup))));
        assertThat(defaults().template().findResources("AWS::Logs::LogGroup").get(logGroup))
                .extracting("Properties").extracting("RetentionInDays").isEqualTo(30);
        assertThat(customised.template().findResources("AWS::Logs::LogGroup").get(
                        customised.logicalId(customised.connector().getProcessorLogGroup())))
                .extracting("Properties").extracting("RetentionInDays").isEqualTo(7);
    }

    @Test
    void tracingIsOffByDefaultAndActiveWhenAskedFor() {
        defaults().template().hasResourceProperties("AWS::Lambda::Function", Map.of("TracingConfig", Match.absent()));
        customised.template().hasResourceProperties("AWS::Lambda::Function", Map.of(
                "TracingConfig", Map.of("Mode", "Active")));
    }

    @Test
    void getProcessorReturnsTheFunction() {
        assertThat(defaults().connector().getProcessor().getRuntime().getName()).isEqualTo("java21");
        assertThat(defaults().connector().getProcessor().getArchitecture().getName()).isEqualTo("arm64");
        Duration timeout = defaults().connector().getProcessor().getTimeout();
        assertThat(timeout.toSeconds().intValue()).isEqualTo(30);
    }
}
