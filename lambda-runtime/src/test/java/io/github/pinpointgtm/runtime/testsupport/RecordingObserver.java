package io.github.pinpointgtm.runtime.testsupport;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link DeliveryObserver} that keeps what it is told, in order; safe for concurrent requests. */
public final class RecordingObserver implements DeliveryObserver {

    /** The result of every completed request ({@code accepted}, {@code status-500}, ...). */
    public final List<String> results = new CopyOnWriteArrayList<>();
    /** The message of every configuration error. */
    public final List<String> configurationErrors = new CopyOnWriteArrayList<>();
    /** The HTTP status of every configuration error. */
    public final List<Integer> configurationStatuses = new CopyOnWriteArrayList<>();

    @Override
    public void requestCompleted(int events, Duration latency, String result) {
        results.add(result);
    }

    @Override
    public void configurationError(int statusCode, String message) {
        configurationStatuses.add(statusCode);
        configurationErrors.add(message);
    }
}
