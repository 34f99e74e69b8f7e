package io.github.pinpointgtm.runtime.delivery;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.util.List;

/**
 * Where accepted customer events are written (Amazon Pinpoint, Kinesis Data Streams, Data Firehose, EventBridge or
 * Connect Customer Profiles). A destination knows its own API limits and batching; it knows nothing about envelopes, policy
 * or SQS.
 */
public interface EventDestination extends AutoCloseable {

    /**
     * Writes the events and says, per event, what happened.
     *
     * <p>Implementations must not throw for failures of single events or requests: those become {@link
     * DeliveryOutcome.Rejected} or {@link DeliveryOutcome.Retryable}. Anything not finished when the deadline passes
     * is {@link DeliveryOutcome.Retryable}.
     *
     * @param events   the events, possibly several per endpoint and possibly duplicates (same event id)
     * @param deadline when to stop waiting for the destination
     * @param observer receives per-request figures for metrics and logs
     * @return one outcome per event, in the order of {@code events}
     */
    List<DeliveryOutcome> deliver(List<CustomerEvent> events, Deadline deadline, DeliveryObserver observer);

    /** Releases the destination's threads (tests and local runs; a Lambda instance simply ends). */
    @Override
    default void close() {
    }
}
