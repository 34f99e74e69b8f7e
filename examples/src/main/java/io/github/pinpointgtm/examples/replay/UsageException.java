package io.github.pinpointgtm.examples.replay;

/** The command line cannot be run as given; the message says which option is wrong and why. */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
