package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationCalls;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.PutEventsRequest;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

/**
 * Records customer events in Amazon Pinpoint with {@code PutEvents}.
 *
 * <p>Events are packed into requests of at most 100 events and 4 MB (see {@link PutEventsPlanner}), sent on at most
 * {@code concurrency} threads at once. Each call is bounded by the deadline ({@code apiCallTimeout}); the client's
 * own retry strategy (standard mode: jittered exponential backoff) retries throttling, 5xx and network errors
 * within that time. What happens to an event:
 *
 * <table>
 *   <caption>outcomes</caption>
 *   <tr><th>Pinpoint's answer</th><th>outcome</th></tr>
 *   <tr><td>202, the event's own status 202</td><td>delivered</td></tr>
 *   <tr><td>202, the event's own status 400</td><td>rejected: {@code destination-rejected} (dead-lettered)</td></tr>
 *   <tr><td>whole request 400 or 413</td><td>the request is split in halves and resent, so one bad event cannot sink
 *       its neighbours; a single event refused this way is rejected ({@code destination-rejected} for 400,
 *       {@code limit-exceeded} for 413)</td></tr>
 *   <tr><td>401, 403, 404</td><td>retryable: the deployment is misconfigured (permission, application id), so
 *       events are kept, and {@link DeliveryObserver#configurationError} raises the alarm</td></tr>
 *   <tr><td>429, 5xx, timeout, network error, deadline passed</td><td>retryable</td></tr>
 * </table>
 *
 * <p>Events over Pinpoint's 1,000 KB per-event quota are rejected ({@code limit-exceeded}) without a call.
 */
public final class PinpointDestination implements EventDestination {

    /** Below this much time left, a call is not started: it could not finish. */
    static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(100);

    private final PinpointClient client;
    private final PutEventsRequestFactory requestFactory;
    private final PutEventsPlanner planner;
    private final ExecutorService senders;

    /**
     * @param client        the Pinpoint client (its region, credentials, endpoint and retry strategy are used as is)
     * @param applicationId the Pinpoint application (project) id
     * @param concurrency   how many PutEvents calls may be in flight at once
     */
    public PinpointDestination(PinpointClient client, String applicationId, int concurrency) {
        this(client, applicationId, concurrency, new PutEventsPlanner());
    }

    PinpointDestination(PinpointClient client, String applicationId, int concurrency, PutEventsPlanner planner) {
        this.senders = DestinationCalls.senders("pinpoint-put-events", concurrency);
        this.client = Objects.requireNonNull(client, "client");
        this.requestFactory = new PutEventsRequestFactory(applicationId);
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    @Override
    public List<DeliveryOutcome> deliver(List<CustomerEvent> events, Deadline deadline, DeliveryObserver observer) {
        DeliveryOutcome[] outcomes = new DeliveryOutcome[events.size()];
        PutEventsPlanner.Plan plan = planner.plan(events);
        for (EventSlot slot : plan.oversized()) {
            assign(outcomes, slot, new DeliveryOutcome.Rejected(new Rejection(RejectionReason.LIMIT_EXCEEDED,
                    "the event is larger than Pinpoint's 1,000 KB per-event quota (about "
                            + slot.estimatedBytes() / 1000 + " KB)")));
        }
        List<Future<List<DeliveryOutcome>>> pending = new ArrayList<>(plan.requests().size());
        for (PlannedRequest request : plan.requests()) {
            pending.add(senders.submit(() -> send(request, deadline, observer)));
        }
        Deadline collectBy = DestinationCalls.collectionDeadline(deadline);
        for (int i = 0; i < pending.size(); i++) {
            PlannedRequest request = plan.requests().get(i);
            List<DeliveryOutcome> requestOutcomes = DestinationCalls.collect(pending.get(i), request.eventCount(),
                    collectBy, "PutEvents");
            for (int slot = 0; slot < request.eventCount(); slot++) {
                assign(outcomes, request.slots().get(slot), requestOutcomes.get(slot));
            }
        }
        return Collections.unmodifiableList(Arrays.asList(outcomes));
    }

    private List<DeliveryOutcome> send(PlannedRequest request, Deadline deadline, DeliveryObserver observer) {
        Duration budget = deadline.remaining();
        if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
            return all(request, new DeliveryOutcome.Retryable("deadline-exceeded", "no time left to call Pinpoint"));
        }
        PutEventsRequest sdkRequest = requestFactory.create(request, budget);
        long started = System.nanoTime();
        try {
            PutEventsResponse response = client.putEvents(sdkRequest);
            observer.requestCompleted(request.eventCount(), since(started), "accepted");
            return PutEventsResultReader.outcomes(request, response);
        } catch (AwsServiceException e) {
            observer.requestCompleted(request.eventCount(), since(started), "status-" + e.statusCode());
            return afterServiceError(request, e, deadline, observer);
        } catch (RuntimeException e) {
            DestinationCalls.ClientFailure failure = DestinationCalls.ClientFailure.of(e, "PutEvents");
            observer.requestCompleted(request.eventCount(), since(started), failure.result());
            return all(request, failure.outcome());
        }
    }

    private List<DeliveryOutcome> afterServiceError(PlannedRequest request, AwsServiceException e, Deadline deadline,
                                                    DeliveryObserver observer) {
        int status = e.statusCode();
        String detail = "Pinpoint refused the request (" + status + "): " + serviceMessage(e);
        switch (status) {
            case 400, 413 -> {
                if (request.eventCount() > 1) {
                    List<DeliveryOutcome> outcomes = new ArrayList<>(request.eventCount());
                    for (PlannedRequest half : request.halves()) {
                        outcomes.addAll(send(half, deadline, observer));
                    }
                    return outcomes;
                }
                RejectionReason reason = status == 413 ? RejectionReason.LIMIT_EXCEEDED : RejectionReason.DESTINATION_REJECTED;
                return all(request, new DeliveryOutcome.Rejected(new Rejection(reason, detail)));
            }
            case 401, 403, 404 -> {
                observer.configurationError(status, detail);
                return all(request, new DeliveryOutcome.Retryable("destination-misconfigured", detail));
            }
            case 429 -> {
                return all(request, new DeliveryOutcome.Retryable("throttled", detail));
            }
            default -> {
                return all(request, new DeliveryOutcome.Retryable("destination-error", detail));
            }
        }
    }

    private static String serviceMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static List<DeliveryOutcome> all(PlannedRequest request, DeliveryOutcome outcome) {
        return Collections.nCopies(request.eventCount(), outcome);
    }

    private static void assign(DeliveryOutcome[] outcomes, EventSlot slot, DeliveryOutcome outcome) {
        for (int index : slot.inputIndexes()) {
            outcomes[index] = outcome;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Stops the sender threads (tests and local runs; a Lambda instance simply ends). */
    @Override
    public void close() {
        senders.shutdownNow();
    }
}
