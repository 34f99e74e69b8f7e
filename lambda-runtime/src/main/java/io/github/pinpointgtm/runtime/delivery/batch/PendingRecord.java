package io.github.pinpointgtm.runtime.delivery.batch;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.util.List;
import java.util.Objects;

/**
 * One event on its way to a record-based destination: encoded once as event JSON, with every position it holds in
 * the invocation's input (a hit SQS delivered twice in one batch is sent once and both messages get the result).
 *
 * @param event         the event
 * @param json          its event JSON ({@link io.github.pinpointgtm.runtime.event.CustomerEventJson})
 * @param size          its size as the destination's service counts it
 * @param inputIndexes  its positions in the list passed to {@code deliver}
 */
public record PendingRecord(CustomerEvent event, byte[] json, long size, List<Integer> inputIndexes) {

    /**
     * Creates the record.
     *
     * @param event        the event
     * @param json         its event JSON
     * @param size         its size as the destination's service counts it
     * @param inputIndexes its positions in the input, at least one
     */
    public PendingRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(json, "json");
        inputIndexes = List.copyOf(inputIndexes);
        if (inputIndexes.isEmpty()) {
            throw new IllegalArgumentException("a record holds at least one input position");
        }
    }
}
