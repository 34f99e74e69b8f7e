package io.github.pinpointgtm.runtime.delivery;

import static io.github.pinpointgtm.runtime.testsupport.Events.event;
import static io.github.pinpointgtm.runtime.testsupport.OutcomeAssertions.assertRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.runtime.testsupport.RecordingObserver;
import io.github.pinpointgtm.runtime.testsupport.SimulatedTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What every batching destination (Pinpoint, EventBridge, Kinesis, Firehose) does alike with whole requests, through
 * the real SDK client against the service's stand-in: throttling and server errors retried by the SDK, deadlines,
 * and the bound on calls in flight. Each destination's test extends it with the service's answers.
 *
 * @param <S> the service's stand-in
 * @param <C> the service's client
 */
public abstract class DestinationContract<S extends AwsApiStandIn<?>, C extends SdkAutoCloseable> {

    /**
     * Opens a destination under test on a client.
     *
     * @param <C> the client
     */
    @FunctionalInterface
    public interface DestinationOnClient<C> {
        /**
         * @param client      the client to the stand-in
         * @param concurrency how many calls may be in flight at once
         * @param retries     the in-call retries the destination must use
         * @return the destination
         */
        EventDestination open(C client, int concurrency, InCallRetries retries);
    }

    /**
     * The service under test.
     *
     * @param standIn             starts the service's stand-in
     * @param client              builds the client to the stand-in's endpoint
     * @param destination         opens the destination on the client
     * @param requestFaults       makes the stand-in answer each request by its 1-based number with a fault
     *                            ({@link RequestFault#NONE} for none)
     * @param throttle            the service's throttling answer to a whole request
     * @param serverError         the service's internal failure answer to a whole request (HTTP 500)
     * @param maxEventsPerRequest the most events the destination sends in one request
     * @param <S>                 the stand-in
     * @param <C>                 the client
     */
    public record Service<S, C>(Supplier<S> standIn, Function<URI, C> client, DestinationOnClient<C> destination,
                                BiConsumer<S, IntFunction<RequestFault>> requestFaults, RequestFault throttle,
                                RequestFault serverError, int maxEventsPerRequest) {
    }

    /** An event with every part: attributes (one with a line break), a metric, a session and a user attribute. */
    protected static final CustomerEvent FULL = event("req-1", "endpoint-a",
            Map.of("plan", "pro", "page", "/checkout", "note", "line one\nline two"), Map.of("value", 9.5), "session-1",
            Map.of("tier", "gold"));
    /** An event with only the parts every event has. */
    protected static final CustomerEvent BARE = event("req-2", "endpoint-b", Map.of(), Map.of(), null, Map.of());

    protected final RecordingObserver observer = new RecordingObserver();
    protected final SimulatedTime time = new SimulatedTime();
    protected final Service<S, C> service;
    protected S standIn;
    protected C client;
    protected EventDestination destination;

    protected DestinationContract(Service<S, C> service) {
        this.service = service;
    }

    @BeforeEach
    void startDestination() {
        standIn = service.standIn().get();
        client = service.client().apply(standIn.endpoint());
        destination = newDestination(4, time.retries(5));
    }

    @AfterEach
    void stopDestination() {
        destination.close();
        client.close();
        standIn.close();
    }

    /**
     * @param concurrency how many calls may be in flight at once
     * @param retries     the in-call retries the destination must use
     * @return another destination under test on the same client
     */
    protected EventDestination newDestination(int concurrency, InCallRetries retries) {
        return service.destination().open(client, concurrency, retries);
    }

    private void failRequests(IntFunction<RequestFault> byRequestNumber) {
        service.requestFaults().accept(standIn, byRequestNumber);
    }

    private RequestFault throttle() {
        return service.throttle();
    }

    protected List<DeliveryOutcome> deliver(List<CustomerEvent> events) {
        return destination.deliver(events, time.deadline(Duration.ofSeconds(10)), observer);
    }

    /**
     * Delivers the events in one call; each must be delivered and the stand-in must have seen no protocol violation.
     *
     * @param events the events
     */
    protected void deliverAll(CustomerEvent... events) {
        assertThat(deliver(List.of(events))).hasSize(events.length).containsOnly(DeliveryOutcome.DELIVERED);
        assertThat(standIn.protocolViolations()).isEmpty();
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
        failRequests(requestNumber -> service.serverError());

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
        int count = 8 * service.maxEventsPerRequest();
        List<CustomerEvent> events = IntStream.range(0, count).mapToObj(i -> event("req-" + i, "endpoint-" + i)).toList();

        try (EventDestination threeAtATime = newDestination(3, InCallRetries.standard())) {
            assertThat(threeAtATime.deliver(events, Deadline.after(Duration.ofSeconds(10)), observer))
                    .hasSize(count).containsOnly(DeliveryOutcome.DELIVERED);
        }

        assertThat(standIn.requestCount()).isEqualTo(8);
        assertThat(standIn.maxConcurrentRequests()).isBetween(2, 3);
    }
}
