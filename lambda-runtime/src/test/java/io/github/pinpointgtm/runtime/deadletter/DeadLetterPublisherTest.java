package io.github.pinpointgtm.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.HangingCalls;
import io.github.pinpointgtm.testkit.RecordingSqsClient;
import io.github.pinpointgtm.testkit.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

class DeadLetterPublisherTest {

    private static ElasticMqHarness elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMqHarness.start();
        sqs = TestClients.sqs(elasticMq.endpoint());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        elasticMq.close();
    }

    private static DeadLetter letter(String body, RejectionReason reason, String detail) {
        return new DeadLetter(body, new Rejection(reason, detail));
    }

    @Test
    void sendsTheBodyUntouchedWithReasonAndDetailAttributes() {
        String queueUrl = elasticMq.createQueue("dlq-" + UUID.randomUUID());
        List<DeadLetter> letters = IntStream.range(0, 23)
                .mapToObj(i -> letter("{\"v\":1,\"n\":" + i + ",\"text\":\"&=\\\"%2B\u00e9\"}",
                        RejectionReason.ORIGIN_NOT_ALLOWED, "origin https://evil.example is not allowed"))
                .toList();

        List<HandOff> handOffs = new DeadLetterPublisher(sqs, queueUrl).publish(letters, Deadline.after(Duration.ofSeconds(10)));

        assertThat(handOffs).hasSize(23).allMatch(HandOff::accepted);
        List<Message> received = elasticMq.drain(queueUrl);
        assertThat(received).extracting(Message::body)
                .containsExactlyInAnyOrderElementsOf(letters.stream().map(DeadLetter::body).toList());
        assertThat(received).allSatisfy(message -> {
            assertThat(message.messageAttributes().get("reason").stringValue()).isEqualTo("origin-not-allowed");
            assertThat(message.messageAttributes().get("reason").dataType()).isEqualTo("String");
            assertThat(message.messageAttributes().get("detail").stringValue())
                    .isEqualTo("origin https://evil.example is not allowed");
        });
    }

    @Test
    void groupsAtMostTenEntriesAndTheBatchSizeLimitPerCall() {
        List<DeadLetter> small = IntStream.range(0, 25).mapToObj(i -> letter("b" + i, RejectionReason.MALFORMED_ENVELOPE, ""))
                .toList();
        assertThat(DeadLetterPublisher.plan(small)).extracting(List::size).containsExactly(10, 10, 5);

        String hundredKilobytes = "x".repeat(100 * 1024);
        List<DeadLetter> large = IntStream.range(0, 5)
                .mapToObj(i -> letter(hundredKilobytes, RejectionReason.LIMIT_EXCEEDED, "too large")).toList();
        assertThat(DeadLetterPublisher.plan(large)).extracting(List::size).containsExactly(2, 2, 1);

        String threeHundredKilobytes = "x".repeat(300 * 1024);
        List<DeadLetter> oversized = List.of(letter("a", RejectionReason.LIMIT_EXCEEDED, "x"),
                letter(threeHundredKilobytes, RejectionReason.LIMIT_EXCEEDED, "x"), letter("b", RejectionReason.LIMIT_EXCEEDED, "x"));
        assertThat(DeadLetterPublisher.plan(oversized)).containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void cutsLongDetailsAndReplacesCharactersSqsRefuses() {
        String longDetail = "d".repeat(5_000);
        assertThat(DeadLetterPublisher.detail(letter("b", RejectionReason.MALFORMED_BODY, longDetail)))
                .hasSize(DeadLetterPublisher.MAX_DETAIL_LENGTH).endsWith("d\u2026");
        assertThat(DeadLetterPublisher.detail(letter("b", RejectionReason.MALFORMED_BODY, "a\u0000b\uFFFFc\td")))
                .isEqualTo("a\uFFFDb\uFFFDc\td");
        assertThat(DeadLetterPublisher.detail(letter("b", RejectionReason.MISSING_EVENT_TYPE, "")))
                .isEqualTo("missing-event-type");
        String emojis = "\uD83D\uDE00".repeat(600);
        String cut = DeadLetterPublisher.detail(letter("b", RejectionReason.MALFORMED_BODY, emojis));
        assertThat(cut.length()).isLessThanOrEqualTo(DeadLetterPublisher.MAX_DETAIL_LENGTH);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void aQueueThatDoesNotExistFailsEveryHandOff() {
        String missing = elasticMq.endpoint() + "/000000000000/no-such-queue";
        List<DeadLetter> letters = List.of(letter("a", RejectionReason.MALFORMED_ENVELOPE, "x"),
                letter("b", RejectionReason.MALFORMED_ENVELOPE, "x"));

        List<HandOff> handOffs = new DeadLetterPublisher(sqs, missing).publish(letters, Deadline.after(Duration.ofSeconds(10)));

        assertThat(handOffs).hasSize(2).allSatisfy(handOff -> {
            assertThat(handOff.accepted()).isFalse();
            assertThat(handOff.failure()).isNotBlank();
        });
    }

    @Test
    void aRefusedEntryFailsOnlyThatMessage() {
        // SQS answers per entry; an SqsClient that refuses the second entry stands in for it.
        SqsClient refusingSecond = new RecordingSqsClient(entry -> entry.messageBody().equals("refused"));
        List<DeadLetter> letters = List.of(letter("fine", RejectionReason.MALFORMED_ENVELOPE, "x"),
                letter("refused", RejectionReason.MALFORMED_ENVELOPE, "x"),
                letter("also fine", RejectionReason.MALFORMED_ENVELOPE, "x"));

        List<HandOff> handOffs = new DeadLetterPublisher(refusingSecond, "https://sqs.eu-west-1.amazonaws.com/1/dlq")
                .publish(letters, Deadline.after(Duration.ofSeconds(10)));

        assertThat(handOffs).containsExactly(new HandOff(true, ""),
                new HandOff(false, "InvalidMessageContents: refused"), new HandOff(true, ""));
    }

    @Test
    void aBatchSqsRefusesAsAWholeFailsEachOfItsMessages() {
        String queueUrl = elasticMq.createQueue("dlq-" + UUID.randomUUID());
        // ElasticMQ refuses the whole call when one body has characters outside XML's range.
        List<DeadLetter> letters = List.of(letter("fine", RejectionReason.MALFORMED_ENVELOPE, "x"),
                letter("bad\uFFFF", RejectionReason.MALFORMED_ENVELOPE, "x"));

        List<HandOff> handOffs = new DeadLetterPublisher(sqs, queueUrl).publish(letters, Deadline.after(Duration.ofSeconds(10)));

        assertThat(handOffs).extracting(HandOff::accepted).containsExactly(false, false);
    }

    @Test
    void nothingIsSentWhenNoTimeIsLeft() {
        String queueUrl = elasticMq.createQueue("dlq-" + UUID.randomUUID());

        List<HandOff> handOffs = new DeadLetterPublisher(sqs, queueUrl)
                .publish(List.of(letter("a", RejectionReason.MALFORMED_ENVELOPE, "x")), Deadline.after(Duration.ZERO));

        assertThat(handOffs).extracting(HandOff::accepted).containsExactly(false);
        assertThat(elasticMq.drain(queueUrl)).isEmpty();
    }

    @Test
    void makesSeveralCallsAtOnceButNoMoreThanAllowed() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        RecordingSqsClient accepting = RecordingSqsClient.acceptingEverything();
        SqsClient slow = new SqsClient() {
            @Override
            public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100);
                    return accepting.sendMessageBatch(request);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
        List<DeadLetter> letters = IntStream.range(0, 60)
                .mapToObj(i -> letter("body-" + i, RejectionReason.MALFORMED_ENVELOPE, "x")).toList();

        try (DeadLetterPublisher twoAtATime = new DeadLetterPublisher(slow, "https://sqs.eu-west-1.amazonaws.com/1/dlq", 2)) {
            assertThat(twoAtATime.publish(letters, Deadline.after(Duration.ofSeconds(10)))).allMatch(HandOff::accepted);
        }

        assertThat(maxInFlight.get()).isEqualTo(2);
        assertThat(accepting.stored()).extracting(SendMessageBatchRequestEntry::messageBody)
                .containsExactlyInAnyOrderElementsOf(letters.stream().map(DeadLetter::body).toList());
    }

    @Test
    void aCallThatOutlivesTheDeadlineFailsItsLettersWithoutHoldingThePublisher() {
        HangingCalls calls = new HangingCalls();
        SqsClient hanging = new SqsClient() {
            @Override
            public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
                calls.hang();
                return SendMessageBatchResponse.builder().build();
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
        List<DeadLetter> letters = IntStream.range(0, 80)
                .mapToObj(i -> letter("body-" + i, RejectionReason.MALFORMED_ENVELOPE, "x")).toList();

        try (DeadLetterPublisher publisher = new DeadLetterPublisher(hanging, "https://sqs.eu-west-1.amazonaws.com/1/dlq");
             calls) {
            List<HandOff> handOffs = publisher.publish(letters, Deadline.after(Duration.ofMillis(300)));

            assertThat(handOffs).hasSize(80).allSatisfy(handOff -> assertThat(handOff)
                    .isIn(new HandOff(false, "SQS did not answer in time"), new HandOff(false, "no time left to call SQS")));
            assertThat(calls.started()).as("calls made").isPositive();
            assertThat(calls.returned()).as("calls that returned before the publisher did").isZero();
        }
    }

    @Test
    void requiresAQueueUrl() {
        assertThatThrownBy(() -> new DeadLetterPublisher(sqs, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REJECTED_QUEUE_URL")
                .hasMessageContaining("DEAD_LETTER_QUEUE_URL");
    }
}
