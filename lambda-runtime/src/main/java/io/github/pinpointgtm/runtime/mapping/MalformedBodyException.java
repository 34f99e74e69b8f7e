package io.github.pinpointgtm.runtime.mapping;

/** A POST body that is not a JSON object of parameters. The message names keys, never values. */
final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
        super(message, null, false, false);
    }
}
