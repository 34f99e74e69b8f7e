package io.github.pinpointgtm.runtime.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes everything on to another observer, except a configuration error already reported (same status and
 * message). A missing permission fails every request of an invocation alike (100 of them for Customer Profiles): one
 * report per distinct error is what an operator needs, not one per call. A destination wraps its caller's observer in
 * one of these per call of {@link EventDestination#deliver}.
 */
public final class DistinctConfigurationErrors implements DeliveryObserver {

    private final DeliveryObserver delegate;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param delegate the observer to pass everything on to */
    public DistinctConfigurationErrors(DeliveryObserver delegate) {
        this.delegate = Objects.requireNonNull(delegate, "observer");
    }

    @Override
    public void requestCompleted(int events, Duration latency, String result) {
        delegate.requestCompleted(events, latency, result);
    }

    @Override
    public void configurationError(int statusCode, String message) {
        if (reported.add(statusCode + " " + message)) {
            delegate.configurationError(statusCode, message);
        }
    }

    @Override
    public void eventsDelivered(List<Integer> positions) {
        delegate.eventsDelivered(positions);
    }

    @Override
    public void retriedInCall(int events) {
        delegate.retriedInCall(events);
    }
}
