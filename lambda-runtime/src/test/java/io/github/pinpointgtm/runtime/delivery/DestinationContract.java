package io.github.pinpointgtm.runtime.delivery;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn;
import io.github.pinpointgtm.runtime.testsupport.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every batching destination (Pinpoint, EventBridge, Kinesis, Firehose) does alike with whole requests, through
 * the real SDK client against the service's stand-in: throttling and server errors retried by the SDK, deadlines,
 * and the bound on calls in flight. Each destination's test extends it with the service's answers.
 *
 * @param <S> the service's stand-in
 */
public abstract class DestinationContract<S extends AwsApiStandIn<?>> {

    protected final RecordingObserver observer = new RecordingObserver();
    protected final SimulatedTime time = new SimulatedTime();
    protected S standIn;
    protected EventDestination destination;

    /** @return the service's stand-in, started */
    protected abstract S startStandIn();

    /**
     * Builds the client the destinations under test send through.
     *
     * @param endpoint the stand-in's endpoint
     */
    protected abstract void openClient(URI endpoint);

    /** Closes the client {@link #openClient} built. */
    protected abstract void closeClient();

    /**
     * @param concurrency how many calls may be in flight at once
     * @param retries     the in-call retries the destination must use
     * @return a destination under test on the client {@link #openClient} built
     */
    protected abstract EventDestination newDestination(int concurrency, InCallRetries retries);

    /**
     * Makes the stand-in answer each request with a fault.
     *
     * @param byRequestNumber the fault of each request by its 1-based number ({@link RequestFault#NONE} for none)
     */
    protected abstract void failRequests(IntFunction<RequestFault> byRequestNumber);

    /** @return the service's throttling answer to a whole request */
    protected abstract RequestFault throttle();

    /** @return the service's internal failure answer to a whole request (HTTP 500) */
    protected abstract RequestFault serverError();

    /** @return the most events the destination sends in one request */
    protected abstract int maxEventsPerRequest();

    @BeforeEach
    void startDestination() {
        standIn = startStandIn();
        openClient(standIn.endpoint());
        destination = newDestination(4, time.retries(5));
    }

    @AfterEach
    void stopDestination() {
        destination.close();
        closeClient();
        standIn.close();
    }

    protected List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    @Test
    void throttlingThatPassesIsRetriedWithinTheCall() {
        AtomicInteger throttled = new AtomicInteger();
        failRequests(requestNumber -> throttled.getAndIncrement() < 1 ? throttle() : RequestFault.NONE);

        assertThat(deliver(List.of(event("req-1", "a")))).containsExactly(DeliveryOutcome.DELIVERED);
        assertThat(standIn.answersByStatus()).containsEntry(throttle().status(), 1);
        assertThat(standIn.requestCount()).isEqualTo(2);
    }

    @Test
    void persistentThrottlingIsRetryableAfterTheSdkRetries() {
        failRequests(requestNumber -> throttle());

        List<DeliveryOutcome> outcomes = deliver(List.of(event("req-1", "a"), event("req-2", "b")));

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> assertRetryable(outcome, "throttled"));
        // The standard retry mode makes 3 attempts per call; both events went in one call, never accepted.
        assertThat(standIn.answersByStatus()).containsExactly(Map.entry(throttle().status(), 3));
        assertThat(observer.results).containsExactly("status-" + throttle().status());
        assertThat(observer.configurationErrors).isEmpty();
    }

    @Test
    void persistentServerErrorsAreRetryableAfterTheSdkRetries() {
        failRequests(requestNumber -> serverError());

        assertRetryable(deliver(List.of(event("req-1", "a"))).get(0), "destination-error");
        assertThat(standIn.answersByStatus()).containsExactly(Map.entry(500, 3));
        assertThat(observer.results).containsExactly("status-500");
    }

    @Test
    void aSlowAnswerPastTheDeadlineIsCutOffAndRetryable() {
        failRequests(requestNumber -> RequestFault.slow(Duration.ofSeconds(3)));

        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ofMillis(600)), observer);

        assertThat(outcomes.get(0)).isInstanceOfSatisfying(DeliveryOutcome.Retryable.class,
                retryable -> assertThat(retryable.reason()).isIn("timeout", "deadline-exceeded"));
    }

    @Test
    void nothingIsSentWhenTheDeadlineHasPassed() {
        List<DeliveryOutcome> outcomes = destination.deliver(List.of(event("req-1", "a")),
                Deadline.after(Duration.ZERO), observer);

        assertRetryable(outcomes.get(0), "deadline-exceeded");
        assertThat(standIn.requestCount()).isZero();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfCallsInFlight() {
        failRequests(requestNumber -> RequestFault.slow(Duration.ofMillis(150)));
        int count = 8 * maxEventsPerRequest();
        List<CustomerEvent> events = IntStream.range(0, count).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        try (EventDestination threeAtATime = newDestination(3, InCallRetries.standard())) {
            assertThat(threeAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer))
                    .hasSize(count).containsOnly(DeliveryOutcome.DELIVERED);
        }

        assertThat(standIn.requestCount()).isEqualTo(8);
        assertThat(standIn.maxConcurrentRequests()).isBetween(2, 3);
    }
}
