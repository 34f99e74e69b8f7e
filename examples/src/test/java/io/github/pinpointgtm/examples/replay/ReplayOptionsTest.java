package io.github.pinpointgtm.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class ReplayOptionsTest {

    private static final String SOURCE = "https://sqs.eu-west-1.amazonaws.com/123456789012/connector-dlq";
    private static final String TARGET = "https://sqs.eu-west-1.amazonaws.com/123456789012/connector-queue";

    @Test
    void readsEveryOptionInBothSpellings() throws UsageException {
        ReplayOptions options = ReplayOptions.parse(List.of("--source", SOURCE, "--target=" + TARGET,
                "--reason", "origin-not-allowed, limit-exceeded", "--reason=destination-rejected", "--without-reason",
                "--limit", "25", "--dry-run", "--region", "eu-west-1", "--endpoint-url=http://127.0.0.1:9324"));

        assertThat(options.sourceQueueUrl()).isEqualTo(SOURCE);
        assertThat(options.targetQueueUrl()).isEqualTo(TARGET);
        assertThat(options.filter()).isEqualTo(new ReasonFilter(
                Set.of("origin-not-allowed", "limit-exceeded", "destination-rejected"), true, false));
        assertThat(options.limit()).isEqualTo(25);
        assertThat(options.dryRun()).isTrue();
        assertThat(options.region()).isEqualTo("eu-west-1");
        assertThat(options.endpointUrl()).isEqualTo(URI.create("http://127.0.0.1:9324"));
    }

    @Test
    void defaultsToNoLimitNoDryRunAndTheSdksRegionAndEndpoint() throws UsageException {
        ReplayOptions options = ReplayOptions.parse(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons"));

        assertThat(options.limit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(options.dryRun()).isFalse();
        assertThat(options.region()).isNull();
        assertThat(options.endpointUrl()).isNull();
        assertThat(options.filter().allReasons()).isTrue();
    }

    @Test
    void theFilterMatchesTheChosenReasonsAndMessagesWithoutOneOnlyWhenAsked() {
        ReasonFilter chosen = new ReasonFilter(Set.of("limit-exceeded"), false, false);
        assertThat(chosen.matches("limit-exceeded")).isTrue();
        assertThat(chosen.matches("origin-not-allowed")).isFalse();
        assertThat(chosen.matches(null)).isFalse();
        assertThat(new ReasonFilter(Set.of(), true, false).matches(null)).isTrue();
        assertThat(new ReasonFilter(Set.of(), true, false).matches("limit-exceeded")).isFalse();
        assertThat(new ReasonFilter(Set.of(), false, true).matches("anything")).isTrue();
        assertThat(new ReasonFilter(Set.of(), false, true).matches(null)).isTrue();
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(List.of("--target", TARGET, "--all-reasons"), "--source is required"),
                Arguments.of(List.of("--source", SOURCE, "--all-reasons"), "--target is required"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET), "choose the messages to replay"),
                Arguments.of(List.of("--source", SOURCE, "--target", SOURCE, "--all-reasons"),
                        "--source and --target are the same queue"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--reason", "orgin-not-allowed"),
                        "--reason 'orgin-not-allowed' is not a reason the processor writes"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--reason", "limit-exceeded,"),
                        "--reason '' is not a reason"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--reason",
                        "limit-exceeded"), "--all-reasons replays every message"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--without-reason"),
                        "--all-reasons replays every message"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--limit", "0"),
                        "--limit must be a whole number from 1"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--limit", "ten"),
                        "--limit must be a whole number from 1"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--limit"),
                        "--limit needs a value"),
                Arguments.of(List.of("--source", "--target", TARGET, "--all-reasons"), "--source needs a value"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET + ".fifo", "--all-reasons"),
                        "--target is a FIFO queue"),
                Arguments.of(List.of("--source", "connector-dlq", "--target", TARGET, "--all-reasons"),
                        "--source must be a queue URL"),
                Arguments.of(List.of("--source", SOURCE, "--source", SOURCE, "--target", TARGET, "--all-reasons"),
                        "--source is given twice"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--dry-run=yes"),
                        "--dry-run takes no value"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--endpoint-url",
                        "localhost:9324"), "--endpoint-url must be an http or https URL"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--region", " "),
                        "--region is empty"),
                Arguments.of(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons", "--force"),
                        "unknown option '--force'"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadCommandLineNamesTheOption(List<String> args, String message) {
        assertThatThrownBy(() -> ReplayOptions.parse(args)).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void aBadCommandLineExitsWithStatus2AndTheUsageWithoutCallingSqs(List<String> args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<ReplayOptions> clientsBuilt = new ArrayList<>();

        int status = ReplayCommand.run(args, ReplayCommandTest.print(out), ReplayCommandTest.print(err), options -> {
            clientsBuilt.add(options);
            throw new AssertionError("no SQS client for a bad command line");
        });

        assertThat(status).isEqualTo(ReplayCommand.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("replay: ").contains(message, "Usage");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(clientsBuilt).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndExitsWithStatus0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReplayCommand.run(List.of("--help"), ReplayCommandTest.print(out),
                ReplayCommandTest.print(new ByteArrayOutputStream()), options -> {
                    throw new AssertionError("no SQS client for --help");
                });

        assertThat(status).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./mvnw -q -Preplay -DskipTests package",
                "--source <queue-url>", "--without-reason", "--all-reasons", "--limit <n>", "--dry-run");
    }

    @Test
    void theClientUsesTheGivenRegionAndEndpoint() throws UsageException {
        ReplayOptions options = ReplayOptions.parse(List.of("--source", SOURCE, "--target", TARGET, "--all-reasons",
                "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9324"));

        try (SqsClient client = ReplayCommand.sqsClient(options, AnonymousCredentialsProvider.create())) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9324"));
        }
    }
}
