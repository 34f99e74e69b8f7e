package io.github.pinpointgtm.runtime.deadletter;

/**
 * Whether the queue (rejected or dead-letter) took one message.
 *
 * @param accepted whether SQS stored it
 * @param failure  why not (SQS's error code and message), empty when accepted
 */
public record HandOff(boolean accepted, String failure) {

    static final HandOff ACCEPTED = new HandOff(true, "");

    /**
     * Creates a hand-off; a null {@code failure} is stored as empty.
     *
     * @param accepted whether SQS stored it
     * @param failure  why not (SQS's error code and message), empty when accepted
     */
    public HandOff {
        failure = failure == null ? "" : failure;
    }

    static HandOff failed(String failure) {
        return new HandOff(false, failure);
    }
}
