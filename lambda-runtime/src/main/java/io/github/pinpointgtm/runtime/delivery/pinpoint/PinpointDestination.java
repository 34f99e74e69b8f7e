package io.github.pinpointgtm.runtime.delivery.pinpoint;

import io.github.pinpointgtm.runtime.delivery.Deadline;
import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationCalls;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.DistinctConfigurationErrors;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.RequestHalving;
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
 *   <tr><td>202, the event's own status 429 or 5xx</td><td>sent again within the invocation
 *       ({@link InCallRetries}); retryable if it still fails</td></tr>
 *   <tr><td>whole request 400 or 413</td><td>the request is split in halves and resent ({@link RequestHalving}), so
 *       one bad event cannot sink its neighbours; a single event refused this way is rejected
 *       ({@code destination-rejected} for 400, {@code limit-exceeded} for 413); every part refused alike is systemic:
 *       retryable, and reported as a configuration error</td></tr>
 *   <tr><td>401, 403, 404</td><td>retryable: the deployment is misconfigured (permission, application id), so
 *       events are kept, and {@link DeliveryObserver#configurationError} raises the alarm (once per distinct error
 *       and invocation)</td></tr>
 *   <tr><td>429, 5xx, timeout, network error, deadline passed</td><td>retryable</td></tr>
 * </table>
 *
 * <p>Events over Pinpoint's 1,000 KB per-event quota are rejected ({@code limit-exceeded}) without a call.
 */
public final class PinpointDestination implements EventDestination {

    /** {@code DESTINATION_TYPE=pinpoint}: Amazon Pinpoint {@code PutEvents} to {@code PINPOINT_APPLICATION_ID}. */
    public static final DestinationFactory FACTORY = new DestinationFactory(
            (config, clients, retries) -> new PinpointDestination(clients.configure(PinpointClient.builder()),
                    config.pinpointApplicationId(), config.deliveryConcurrency(), retries),
            PinpointOfflineAnswer::new);

    /** Below this much time left, a call is not started: it could not finish. */
    static final Duration MINIMUM_CALL_TIME = Duration.ofMillis(100);

    private final PinpointClient client;
    private final PutEventsRequestFactory requestFactory;
    private final PutEventsPlanner planner;
    private final ExecutorService senders;
    private final InCallRetries retries;

    /**
     * @param client        the Pinpoint client (its region, credentials, endpoint and retry strategy are used as is)
     * @param applicationId the Pinpoint application (project) id
     * @param concurrency   how many PutEvents calls may be in flight at once
     */
    public PinpointDestination(PinpointClient client, String applicationId, int concurrency) {
        this(client, applicationId, concurrency, InCallRetries.standard());
    }

    /**
     * @param client        the Pinpoint client (its region, credentials, endpoint and retry strategy are used as is)
     * @param applicationId the Pinpoint application (project) id
     * @param concurrency   how many PutEvents calls may be in flight at once
     * @param retries       how events answered 429 or 5xx are retried within the invocation
     */
    public PinpointDestination(PinpointClient client, String applicationId, int concurrency, InCallRetries retries) {
        this(client, applicationId, concurrency, new PutEventsPlanner(), retries);
    }

    PinpointDestination(PinpointClient client, String applicationId, int concurrency, PutEventsPlanner planner) {
        this(client, applicationId, concurrency, planner, InCallRetries.standard());
    }

    PinpointDestination(PinpointClient client, String applicationId, int concurrency, PutEventsPlanner planner,
                        InCallRetries retries) {
        this.retries = Objects.requireNonNull(retries, "retries");
        this.senders = DestinationCalls.senders("pinpoint-put-events", concurrency);
        this.client = Objects.requireNonNull(client, "client");
        this.requestFactory = new PutEventsRequestFactory(applicationId);
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    @Override
    public List<DeliveryOutcome> deliver(List<CustomerEvent> events, Deadline deadline, DeliveryObserver observer) {
        DeliveryObserver distinct = new DistinctConfigurationErrors(observer);
        DeliveryOutcome[] outcomes = new DeliveryOutcome[events.size()];
        PutEventsPlanner.Plan plan = planner.plan(events);
        for (EventSlot slot : plan.oversized()) {
            assign(outcomes, slot, new DeliveryOutcome.Rejected(new Rejection(RejectionReason.LIMIT_EXCEEDED,
                    "the event is larger than Pinpoint's 1,000 KB per-event quota (about "
                            + slot.estimatedBytes() / 1000 + " KB)")));
        }
        List<Future<List<DeliveryOutcome>>> pending = new ArrayList<>(plan.requests().size());
        for (PlannedRequest request : plan.requests()) {
            pending.add(senders.submit(() -> deliverRequest(request.slots(), deadline, distinct, 0)));
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

    /** Sends one planned request; halves it when refused as a whole, and retries its failed events in the call. */
    private List<DeliveryOutcome> deliverRequest(List<EventSlot> slots, Deadline deadline, DeliveryObserver observer,
                                                 int retriesSoFar) {
        return RequestHalving.send(slots, part -> sendOnce(new PlannedRequest(part), deadline, observer,
                retriesSoFar), observer);
    }

    private RequestHalving.Answer sendOnce(PlannedRequest request, Deadline deadline, DeliveryObserver observer,
                                           int retriesSoFar) {
        Duration budget = deadline.remaining();
        if (budget.compareTo(MINIMUM_CALL_TIME) < 0) {
            return new RequestHalving.Failed(new DeliveryOutcome.Retryable("deadline-exceeded",
                    "no time left to call Pinpoint"));
        }
        PutEventsRequest sdkRequest = requestFactory.create(request, budget);
        long started = System.nanoTime();
        PutEventsResponse response;
        try {
            response = client.putEvents(sdkRequest);
        } catch (AwsServiceException e) {
            observer.requestCompleted(request.eventCount(), since(started), "status-" + e.statusCode());
            return afterServiceError(e, observer);
        } catch (RuntimeException e) {
            DestinationCalls.ClientFailure failure = DestinationCalls.ClientFailure.of(e, "PutEvents");
            observer.requestCompleted(request.eventCount(), since(started), failure.result());
            return new RequestHalving.Failed(failure.outcome());
        }
        observer.requestCompleted(request.eventCount(), since(started), "accepted");
        List<DeliveryOutcome> outcomes = PutEventsResultReader.outcomes(request, response);
        DestinationCalls.reportDelivered(request.slots(), outcomes, EventSlot::inputIndexes, observer);
        return new RequestHalving.Answered(retries.retryTransient(request.slots(), outcomes, retriesSoFar, deadline,
                observer, (again, retry) -> deliverRequest(again, deadline, observer, retry)));
    }

    private static RequestHalving.Answer afterServiceError(AwsServiceException e, DeliveryObserver observer) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String detail = "Pinpoint refused the request (" + status + "): " + serviceMessage(e);
        switch (status) {
            case 400, 413 -> {
                RejectionReason reason = status == 413 ? RejectionReason.LIMIT_EXCEEDED : RejectionReason.DESTINATION_REJECTED;
                return new RequestHalving.Refused(status + (code == null ? "" : " " + code), status, detail,
                        new DeliveryOutcome.Rejected(new Rejection(reason, detail)));
            }
            case 401, 403, 404 -> {
                observer.configurationError(status, detail);
                return new RequestHalving.Failed(new DeliveryOutcome.Retryable("destination-misconfigured", detail));
            }
            case 429 -> {
                return new RequestHalving.Failed(new DeliveryOutcome.Retryable("throttled", detail));
            }
            default -> {
                return new RequestHalving.Failed(new DeliveryOutcome.Retryable("destination-error", detail));
            }
        }
    }

    private static String serviceMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
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
