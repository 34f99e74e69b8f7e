package io.github.pinpointgtm.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The replay command end to end against ElasticMQ: the production SQS client (URLConnection) pointed at it with
 * {@code --endpoint-url}, a dead-letter queue filled the way the processor fills it (envelope body, {@code reason} and
 * {@code detail} attributes) or, for messages without a reason, the way SQS's own redrive does.
 */
class ReplayCommandTest {

    @RegisterExtension
    static final ElasticMqHarness sqs = ElasticMqHarness.perTestClass();
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private String deadLetterQueue;
    private String mainQueue;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createQueues() {
        int n = QUEUES.incrementAndGet();
        deadLetterQueue = sqs.createQueue("dlq-" + n);
        mainQueue = sqs.createQueue("main-" + n);
    }

    @Test
    void movesOnlyTheSelectedReasonWithTheBodyUnchangedAndNoAttributes() {
        List<String> rejected = deadLetter(3, "destination-rejected");
        deadLetter(2, "origin-not-allowed");
        deadLetter(1, null);

        int status = replay("--reason", "destination-rejected");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        List<Message> replayed = sqs.drain(mainQueue);
        assertThat(replayed).extracting(Message::body).containsExactlyInAnyOrderElementsOf(rejected);
        assertThat(replayed).allSatisfy(message -> assertThat(message.messageAttributes()).isEmpty());
        assertThat(reasons(sqs.drain(deadLetterQueue)))
                .containsExactlyInAnyOrder("origin-not-allowed", "origin-not-allowed", "(none)");
        assertThat(output()).containsPattern("destination-rejected +3 +0 +0")
                .containsPattern("origin-not-allowed +0 +2 +0")
                .containsPattern("\\(none\\) +0 +1 +0")
                .containsPattern("total +3 +3 +0");
    }

    @Test
    void aReplayedHitCarriesTheSameRequestIdTheProcessorMakesItsEventIdFrom() throws Exception {
        String body = TestEnvelopes.hit("request-42", "purchase", "endpoint-7");
        sqs.client().sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody(body)
                .messageAttributes(attributes("destination-rejected")));

        replay("--all-reasons");

        List<Message> replayed = sqs.drain(mainQueue);
        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0).body()).isEqualTo(body);
        assertThat(EnvelopeParser.parse(replayed.get(0).body()).requestId()).isEqualTo("request-42");
    }

    @Test
    void reasonsAsACommaListAndRepeatedWithMessagesWithoutAReason() {
        deadLetter(1, "destination-rejected");
        deadLetter(2, "limit-exceeded");
        deadLetter(1, "origin-missing");
        deadLetter(2, null);

        int status = replay("--reason", "destination-rejected,limit-exceeded", "--reason=origin-missing",
                "--without-reason");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(sqs.drain(mainQueue)).hasSize(6);
        assertThat(sqs.drain(deadLetterQueue)).isEmpty();
    }

    @Test
    void allReasonsMovesEverything() {
        List<String> bodies = new ArrayList<>(deadLetter(14, "invalid-metric"));
        bodies.addAll(deadLetter(3, null));

        int status = replay("--all-reasons");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(sqs.drain(mainQueue)).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(sqs.drain(deadLetterQueue)).isEmpty();
    }

    @Test
    void theLimitCapsTheMessagesMovedAndLeavesTheRestVisible() {
        deadLetter(7, "destination-rejected");
        deadLetter(4, "origin-not-allowed");

        int status = replay("--reason", "destination-rejected", "--limit", "3");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(sqs.drain(mainQueue)).hasSize(3);
        List<Message> left = sqs.drain(deadLetterQueue);
        assertThat(reasons(left)).filteredOn("destination-rejected"::equals).hasSize(4);
        assertThat(reasons(left)).filteredOn("origin-not-allowed"::equals).hasSize(4);
        assertThat(left).hasSize(8);
        assertThat(output()).containsPattern("destination-rejected +3 +0 +0");
    }

    @Test
    void aDryRunListsAndCountsButMovesNothingAndLeavesEveryMessageVisible() {
        deadLetter(12, "destination-rejected");
        deadLetter(3, "origin-not-allowed");

        int status = replay("--reason", "destination-rejected", "--dry-run");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(sqs.drain(mainQueue)).isEmpty();
        // visible at once: the drain receives without waiting and would miss a message still hidden
        assertThat(sqs.drain(deadLetterQueue)).hasSize(15);
        assertThat(output().lines().filter(line -> line.startsWith("would move "))).hasSize(12)
                .allSatisfy(line -> assertThat(line)
                        .endsWith("reason=destination-rejected  detail=why destination-rejected second line"));
        assertThat(output()).containsPattern("reason +would move +skipped +failed")
                .containsPattern("destination-rejected +12 +0 +0")
                .containsPattern("origin-not-allowed +0 +3 +0")
                .contains("Dry run: nothing was moved.");
    }

    @Test
    void aFailedSendLeavesEveryMessageInTheSourceAndExitsNonZero() {
        List<String> bodies = deadLetter(3, "destination-rejected");
        String missingQueue = mainQueue.substring(0, mainQueue.lastIndexOf('/') + 1) + "no-such-queue";

        int status = ReplayCommand.run(List.of("--source", deadLetterQueue, "--target", missingQueue,
                "--all-reasons", "--endpoint-url", sqs.endpoint().toString(), "--region", "us-east-1"),
                print(out), print(err), ReplayCommandTest::localClient);

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_FAILED);
        assertThat(sqs.drain(deadLetterQueue)).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(output()).containsPattern("destination-rejected +0 +0 +3")
                .contains("failed ", "QueueDoesNotExist");
    }

    @Test
    void anEntryTheTargetRefusesStaysInTheSourceWhileTheOthersMove() {
        List<String> accepted = deadLetter(4, "destination-rejected");
        String refused = TestEnvelopes.hit("refused", "purchase", "endpoint-refused");
        sqs.client().sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody(refused)
                .messageAttributes(attributes("destination-rejected")));

        int status = replay(options -> new FaultySqsClient(localClient(options), refused::equals, body -> false),
                "--reason", "destination-rejected");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_FAILED);
        assertThat(sqs.drain(mainQueue)).extracting(Message::body).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(sqs.drain(deadLetterQueue)).extracting(Message::body).containsExactly(refused);
        assertThat(output()).containsPattern("destination-rejected +4 +0 +1")
                .contains("InvalidParameterValue: message must be shorter");
    }

    @Test
    void aMessageSentButNotDeletedIsReportedAndExitsNonZero() {
        List<String> bodies = deadLetter(3, "limit-exceeded");
        String undeletable = bodies.get(1);

        int status = replay(options -> new FaultySqsClient(localClient(options), body -> false, undeletable::equals),
                "--reason", "limit-exceeded");

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_FAILED);
        assertThat(sqs.drain(mainQueue)).extracting(Message::body).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(sqs.drain(deadLetterQueue)).isEmpty(); // still hidden: received once, neither deleted nor released
        assertThat(output()).containsPattern("limit-exceeded +3 +0 +0")
                .contains("1 message(s) were sent to the target but could not be deleted from the source");
    }

    @Test
    void aSourceSqsCannotReadStopsTheRunAndExitsNonZero() {
        String missingQueue = deadLetterQueue.substring(0, deadLetterQueue.lastIndexOf('/') + 1) + "no-such-dlq";

        int status = ReplayCommand.run(List.of("--source", missingQueue, "--target", mainQueue, "--all-reasons",
                "--endpoint-url", sqs.endpoint().toString(), "--region", "us-east-1"),
                print(out), print(err), ReplayCommandTest::localClient);

        assertThat(status).as(output()).isEqualTo(ReplayCommand.EXIT_FAILED);
        assertThat(output()).contains("Stopped early: QueueDoesNotExist");
    }

    @Test
    void anEmptySourceMovesNothingAndSucceeds() {
        assertThat(replay("--all-reasons")).as(output()).isEqualTo(ReplayCommand.EXIT_OK);
        assertThat(output()).containsPattern("total +0 +0 +0");
    }

    private int replay(String... selection) {
        return replay(ReplayCommandTest::localClient, selection);
    }

    private int replay(Function<ReplayOptions, SqsClient> clients, String... selection) {
        List<String> args = new ArrayList<>(List.of("--source", deadLetterQueue, "--target", mainQueue,
                "--endpoint-url", sqs.endpoint().toString(), "--region", "us-east-1"));
        args.addAll(List.of(selection));
        return ReplayCommand.run(args, print(out), print(err), clients);
    }

    /** The command's own client, with static credentials instead of the default chain (none on a build machine). */
    static SqsClient localClient(ReplayOptions options) {
        return ReplayCommand.sqsClient(options,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    /** Dead-letters {@code count} hits the way the processor does; null: no attributes, the way SQS's redrive does. */
    private List<String> deadLetter(int count, String reason) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = TestEnvelopes.hit("req-" + reason + "-" + i + "-" + QUEUES.get(), "purchase", "endpoint-" + i);
            sqs.client().sendMessage(b -> b.queueUrl(deadLetterQueue).messageBody(body)
                    .messageAttributes(reason == null ? Map.of() : attributes(reason)));
            bodies.add(body);
        }
        return bodies;
    }

    private static Map<String, MessageAttributeValue> attributes(String reason) {
        return Map.of("reason", text(reason), "detail", text("why " + reason + "\nsecond line"));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static List<String> reasons(List<Message> messages) {
        return messages.stream().map(m -> m.messageAttributes().containsKey("reason")
                ? m.messageAttributes().get("reason").stringValue() : "(none)").collect(Collectors.toList());
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
