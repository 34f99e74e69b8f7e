package io.github.pinpointgtm.runtime.delivery.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.CustomerEventJson;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.Events;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The shared planning and whole-request error handling of the record destinations. The "service" here is a function
 * of the batch: the real services' protocols are covered by each destination's tests against its HTTP stand-in.
 */
class RecordBatchDestinationTest {

    private final List<List<String>> sentBatches = new CopyOnWriteArrayList<>();
    private final List<String> configurationErrors = new CopyOnWriteArrayList<>();
    private final List<String> requestResults = new CopyOnWriteArrayList<>();
    private final List<List<Integer>> deliveredPositions = new CopyOnWriteArrayList<>();
    private final SimulatedTime time = new SimulatedTime();
    private final DeliveryObserver observer = new DeliveryObserver() {
        @Override
        public void eventsDelivered(List<Integer> positions) {
            deliveredPositions.add(positions);
        }

        @Override
        public void requestCompleted(int events, Duration latency, String result) {
            requestResults.add(result);
        }

        @Override
        public void configurationError(int statusCode, String message) {
            configurationErrors.add(statusCode + " " + message);
        }
    };
    private TestDestination destination;

    @AfterEach
    void close() {
        if (destination != null) {
            destination.close();
        }
    }

    /** A destination whose record size is its JSON's length and whose service answers with {@code service}. */
    private final class TestDestination extends RecordBatchDestination {
        private final Function<List<PendingRecord>, List<DeliveryOutcome>> service;

        TestDestination(BatchLimits limits, Function<List<PendingRecord>, List<DeliveryOutcome>> service) {
            super("Test", limits, 2, time.retries(3));
            this.service = service;
        }

        @Override
        protected long recordSize(CustomerEvent event, byte[] json) {
            return json.length;
        }

        @Override
        protected List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout,
                                             DeliveryObserver observer) {
            sentBatches.add(batch.stream().map(r -> r.event().eventId()).toList());
            return service.apply(batch);
        }
    }

    private static List<DeliveryOutcome> acceptAll(List<PendingRecord> batch) {
        return Collections.nCopies(batch.size(), DeliveryOutcome.DELIVERED);
    }

    private static List<CustomerEvent> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> Events.event("e" + i, "user-" + (i % 3))).toList();
    }

    private List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    private static AwsServiceException serviceError(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build())
                .build();
    }

    private static long jsonSize(CustomerEvent event) {
        return CustomerEventJson.toBytes(event).length;
    }

    @Test
    void answersRecordByRecordAreReadInOrderAndEachMisconfigurationIsReportedOnce() {
        destination = new TestDestination(new BatchLimits(4, 1_000_000, 100_000), RecordBatchDestinationTest::acceptAll);

        List<DeliveryOutcome> outcomes = destination.outcomesByRecord(5, List.of(
                new RecordAnswer("id-1", null, null),
                new RecordAnswer(null, "", null),
                new RecordAnswer(null, "ThrottlingException", "slow down"),
                new RecordAnswer(null, "AccessDeniedException", "not allowed"),
                new RecordAnswer(null, "AccessDeniedException", "not allowed")), "an id", observer);

        assertThat(outcomes).containsExactly(DeliveryOutcome.DELIVERED,
                new DeliveryOutcome.Retryable("destination-error",
                        "Test answered neither an id nor an error code for the record"),
                new DeliveryOutcome.Retryable("throttled", "Test refused the record (ThrottlingException): slow down"),
                new DeliveryOutcome.Retryable("destination-misconfigured",
                        "Test refused the record (AccessDeniedException): not allowed"),
                new DeliveryOutcome.Retryable("destination-misconfigured",
                        "Test refused the record (AccessDeniedException): not allowed"));
        assertThat(configurationErrors).containsExactly(
                "200 Test refused the record (AccessDeniedException): not allowed");
    }

    @Test
    void answersForAnotherNumberOfRecordsAreAnError() {
        destination = new TestDestination(new BatchLimits(4, 1_000_000, 100_000), RecordBatchDestinationTest::acceptAll);

        assertThatIllegalStateException()
                .isThrownBy(() -> destination.outcomesByRecord(2, List.of(new RecordAnswer("id-1", null, null)),
                        "an id", observer))
                .withMessage("Test answered 1 results for 2 records");
    }

    @Test
    void packsRecordsInOrderUpToTheRecordCountLimit() {
        destination = new TestDestination(new BatchLimits(4, 1_000_000, 100_000), RecordBatchDestinationTest::acceptAll);

        List<DeliveryOutcome> outcomes = deliver(events(10));

        assertThat(outcomes).hasSize(10).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(sentBatches).containsExactlyInAnyOrder(List.of("e0", "e1", "e2", "e3"),
                List.of("e4", "e5", "e6", "e7"), List.of("e8", "e9"));
    }

    @Test
    void packsRecordsUpToTheRequestByteLimit() {
        List<CustomerEvent> events = events(5);
        long size = jsonSize(events.get(0));
        destination = new TestDestination(new BatchLimits(500, 2 * size + 1, size + 10),
                RecordBatchDestinationTest::acceptAll);

        deliver(events);

        assertThat(sentBatches).hasSize(3).allSatisfy(batch -> assertThat(batch.size()).isLessThanOrEqualTo(2));
    }

    @Test
    void rejectsARecordOverThePerRecordLimitWithoutACall() {
        CustomerEvent small = Events.event("small", "user-1");
        CustomerEvent large = Events.event("large", "user-1", Map.of("page", "x".repeat(500)), Map.of(), null, Map.of());
        destination = new TestDestination(new BatchLimits(10, 100_000, jsonSize(small) + 10),
                RecordBatchDestinationTest::acceptAll);

        List<DeliveryOutcome> outcomes = deliver(List.of(small, large));

        assertThat(outcomes.get(0)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED);
            assertThat(rejected.rejection().detail()).contains("Test accepts at most");
        });
        assertThat(sentBatches).containsExactly(List.of("small"));
    }

    @Test
    void sendsTheSameHitOnceAndGivesEveryCopyItsResult() {
        CustomerEvent event = Events.event("same", "user-1");
        CustomerEvent other = Events.event("other", "user-1");
        Rejection refused = new Rejection(RejectionReason.DESTINATION_REJECTED, "no");
        destination = new TestDestination(new BatchLimits(10, 100_000, 10_000), batch -> batch.stream()
                .map(r -> r.event().eventId().equals("same")
                        ? (DeliveryOutcome) new DeliveryOutcome.Rejected(refused) : DeliveryOutcome.DELIVERED)
                .toList());

        List<DeliveryOutcome> outcomes = deliver(List.of(event, other, event));

        assertThat(sentBatches).containsExactly(List.of("same", "other"));
        assertThat(outcomes).containsExactly(new DeliveryOutcome.Rejected(refused), DeliveryOutcome.DELIVERED,
                new DeliveryOutcome.Rejected(refused));
    }

    @Test
    void anInvalidRequestIsSplitInHalvesUntilTheBadRecordIsAlone() {
        destination = new TestDestination(new BatchLimits(8, 1_000_000, 100_000), batch -> {
            if (batch.stream().anyMatch(r -> r.event().eventId().equals("e5"))) {
                throw serviceError(400, "ValidationException");
            }
            return acceptAll(batch);
        });

        List<DeliveryOutcome> outcomes = deliver(events(8));

        for (int i = 0; i < 8; i++) {
            if (i == 5) {
                assertThat(outcomes.get(i)).isInstanceOfSatisfying(DeliveryOutcome.Rejected.class, rejected -> {
                    assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.DESTINATION_REJECTED);
                    assertThat(rejected.rejection().detail()).contains("400 ValidationException")
                            .contains("ValidationException message");
                });
            } else {
                assertThat(outcomes.get(i)).as("e" + i).isEqualTo(DeliveryOutcome.DELIVERED);
            }
        }
        // 8 -> 4 + 4 -> (2 + 2) -> (1 + 1): the bad record is found in log2(8) = 3 splits.
        assertThat(sentBatches).contains(List.of("e5")).hasSize(7);
    }

    @Test
    void aTooLargeSingleRecordIsRejectedAsLimitExceeded() {
        destination = new TestDestination(new BatchLimits(8, 1_000_000, 100_000), batch -> {
            throw serviceError(413, "RequestEntityTooLargeException");
        });

        List<DeliveryOutcome> outcomes = deliver(events(1));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(DeliveryOutcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().reason()).isEqualTo(RejectionReason.LIMIT_EXCEEDED));
    }

    @Test
    void throttlingAndServerErrorsAreRetriedForTheWholeRequest() {
        List<AwsServiceException> errors = new ArrayList<>(List.of(
                serviceError(400, "ProvisionedThroughputExceededException"), serviceError(503, "ServiceUnavailable")));
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), batch -> {
            throw errors.remove(0);
        });

        List<DeliveryOutcome> outcomes = deliver(events(10));

        assertThat(outcomes).extracting(o -> ((DeliveryOutcome.Retryable) o).reason())
                .containsOnly("throttled", "destination-error").contains("throttled", "destination-error");
        assertThat(configurationErrors).isEmpty();
        assertThat(requestResults).containsExactlyInAnyOrder("status-400", "status-503");
        assertThat(time.pauses()).as("the SDK's retry strategy has retried them already").isEmpty();
    }

    @Test
    void recordsFailedOneByOneAreSentAgainInTheSameCallUntilDelivered() {
        java.util.Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), batch -> batch.stream()
                .map(r -> {
                    int attempt = attempts.merge(r.event().eventId(), 1, Integer::sum);
                    return switch (r.event().eventId()) {
                        case "e1" -> attempt < 3 ? new DeliveryOutcome.Retryable("throttled", "hot shard")
                                : DeliveryOutcome.DELIVERED;
                        case "e3" -> attempt < 2 ? new DeliveryOutcome.Retryable("destination-error", "internal")
                                : DeliveryOutcome.DELIVERED;
                        case "e4" -> new DeliveryOutcome.Rejected(new Rejection(RejectionReason.DESTINATION_REJECTED,
                                "malformed"));
                        default -> DeliveryOutcome.DELIVERED;
                    };
                }).toList());

        List<DeliveryOutcome> outcomes = deliver(events(5));

        assertThat(outcomes.subList(0, 4)).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(outcomes.get(4)).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(sentBatches).containsExactly(List.of("e0", "e1", "e2", "e3", "e4"), List.of("e1", "e3"),
                List.of("e1"));
        assertThat(time.pauses()).hasSize(2);
        assertThat(deliveredPositions).as("each accepted request's delivered records, as soon as it was read")
                .containsExactly(List.of(0, 2), List.of(3), List.of(1));
    }

    @Test
    void aRecordStillThrottledAfterTheLastInCallRetryGoesBackAsRetryable() {
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), batch -> batch.stream()
                .map(r -> r.event().eventId().equals("e0")
                        ? new DeliveryOutcome.Retryable("throttled", "hot shard") : DeliveryOutcome.DELIVERED)
                .toList());

        List<DeliveryOutcome> outcomes = deliver(events(2));

        assertThat(outcomes).containsExactly(new DeliveryOutcome.Retryable("throttled", "hot shard"),
                DeliveryOutcome.DELIVERED);
        assertThat(sentBatches).hasSize(1 + io.github.pinpointgtm.runtime.delivery.InCallRetries.MAX_RETRIES);
    }

    @Test
    void aRequestRefusedAsInvalidInEveryPartIsSystemicNotOneDeadLetterPerRecord() {
        destination = new TestDestination(new BatchLimits(500, 10_000_000, 100_000), batch -> {
            throw serviceError(400, "ValidationException");
        });

        List<DeliveryOutcome> outcomes = deliver(events(40));

        assertThat(outcomes).hasSize(40).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(
                DeliveryOutcome.Retryable.class, retry -> assertThat(retry.reason())
                        .isEqualTo("destination-misconfigured")));
        assertThat(configurationErrors).as("once per distinct error and call").singleElement().asString()
                .startsWith("400 ").contains("ValidationException");
        assertThat(sentBatches.size()).isLessThanOrEqualTo(1 + 2 * 6);
    }

    @Test
    void accessDeniedAndUnknownResourcesAreRetriedAndReportedAsMisconfiguration() {
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), batch -> {
            throw serviceError(400, "ResourceNotFoundException");
        });

        List<DeliveryOutcome> outcomes = deliver(events(3));

        assertThat(outcomes).containsOnly(new DeliveryOutcome.Retryable("destination-misconfigured",
                "Test refused the request (400 ResourceNotFoundException): ResourceNotFoundException message"));
        assertThat(configurationErrors).singleElement().asString().contains("ResourceNotFoundException");
        assertThat(sentBatches).hasSize(1);
    }

    @Test
    void aMisconfigurationFailingEveryRequestIsReportedOncePerDistinctErrorAndCall() {
        destination = new TestDestination(new BatchLimits(1, 1_000_000, 100_000), batch -> {
            throw serviceError(batch.get(0).event().eventId().equals("e0") ? 404 : 403, "AccessDeniedException");
        });

        List<DeliveryOutcome> outcomes = deliver(events(6));

        assertThat(outcomes).allSatisfy(o -> assertThat(((DeliveryOutcome.Retryable) o).reason())
                .isEqualTo("destination-misconfigured"));
        assertThat(sentBatches).hasSize(6);
        assertThat(configurationErrors).hasSize(2).anyMatch(e -> e.startsWith("404 ")).anyMatch(e -> e.startsWith("403 "));

        deliver(events(2));

        assertThat(configurationErrors).as("a later invocation reports again").hasSize(4);
    }

    @Test
    void networkErrorsAndUnexpectedFailuresAreRetried() {
        destination = new TestDestination(new BatchLimits(1, 1_000_000, 100_000), batch -> {
            if (batch.get(0).event().eventId().equals("e0")) {
                throw SdkClientException.create("connection refused");
            }
            throw new IllegalStateException("a bug");
        });

        List<DeliveryOutcome> outcomes = deliver(events(2));

        assertThat(outcomes.get(0)).isEqualTo(new DeliveryOutcome.Retryable("network-error", "connection refused"));
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retry -> assertThat(retry.reason()).isEqualTo("unexpected-error"));
    }

    @Test
    void aServiceAnsweringWithTheWrongNumberOfResultsIsRetriedNotMisassigned() {
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000),
                batch -> List.of(DeliveryOutcome.DELIVERED));

        List<DeliveryOutcome> outcomes = deliver(events(3));

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeliveryOutcome.Retryable.class));
    }

    @Test
    void nothingIsSentOnceTheDeadlineHasPassedAndEverythingIsRetried() {
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), RecordBatchDestinationTest::acceptAll);

        List<DeliveryOutcome> outcomes = destination.deliver(events(3), Deadline.after(Duration.ZERO), observer);

        assertThat(sentBatches).isEmpty();
        assertThat(outcomes).containsOnly(new DeliveryOutcome.Retryable("deadline-exceeded", "no time left to call Test"));
    }

    @Test
    void aCallStillRunningAtTheDeadlineIsGivenUpAndRetried() {
        destination = new TestDestination(new BatchLimits(5, 1_000_000, 100_000), batch -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return acceptAll(batch);
        });

        List<DeliveryOutcome> outcomes = destination.deliver(events(2), Deadline.after(Duration.ofMillis(300)), observer);

        assertThat(outcomes).containsOnly(new DeliveryOutcome.Retryable("deadline-exceeded",
                "the Test call did not finish in time"));
    }

    @Test
    void inconsistentLimitsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchLimits(10, 100, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
    }
}
