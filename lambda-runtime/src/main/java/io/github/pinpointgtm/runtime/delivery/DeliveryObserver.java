package io.github.pinpointgtm.runtime.delivery;

import java.time.Duration;
import java.util.List;

/**
 * Receives what a destination did on the wire, for metrics and logs. Destinations call it from their worker
 * threads, so implementations must be thread-safe.
 */
public interface DeliveryObserver {

    /** An observer that ignores everything. */
    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /**
     * One request to the destination finished (after the SDK's own retries).
     *
     * @param events  how many events the request carried
     * @param latency how long it took, retries included
     * @param result  a short code: {@code accepted}, or the failure's retry/rejection reason
     */
    default void requestCompleted(int events, Duration latency, String result) {
    }

    /**
     * The destination answered in a way that means the deployment is misconfigured (e.g. 403: missing
     * permission, 404: unknown application). Events are kept for retry; this is what an operator must alarm on.
     *
     * @param statusCode the destination's HTTP status code
     * @param message    the destination's error message
     */
    default void configurationError(int statusCode, String message) {
    }

    /**
     * A request the destination accepted delivered these events, so their messages may leave the source queue now
     * rather than at the end of the invocation. Called once per accepted request, as soon as its answer is read.
     *
     * @param positions the events' positions in the list given to {@link EventDestination#deliver}
     */
    default void eventsDelivered(List<Integer> positions) {
    }

    /**
     * Events the destination failed one by one inside an accepted request (throttled, or a service-side failure) are
     * sent again within this invocation (see {@link InCallRetries}).
     *
     * @param events how many are sent again
     */
    default void retriedInCall(int events) {
    }
}
