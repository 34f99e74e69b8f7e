package io.github.pinpointgtm.runtime.lambdaevent;

/**
 * The invocation's event document is not an SQS event as Lambda sends it. Lambda never sends one; if it did, the
 * invocation fails and Lambda retries the whole batch, so no message is lost.
 */
public final class MalformedSqsEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and where (a JSON path such as {@code Records[2].messageAttributes.a.dataType})
     */
    public MalformedSqsEventException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and where
     * @param cause   the parser's or decoder's own error
     */
    public MalformedSqsEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
