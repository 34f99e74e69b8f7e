package io.github.pinpointgtm.internal;

import java.util.function.Supplier;

import software.constructs.IConstruct;

/**
 * Validation errors raised while a construct is built or used name its path ({@code Stack/Connector: ...}), so an
 * app with several connectors says which one is misconfigured. Props' own {@code build()} has no scope and names
 * only the prop.
 */
public final class ScopedErrors {

    private ScopedErrors() {
    }

    /**
     * @param scope   the construct the error is about
     * @param message what is wrong, naming the prop or parameter
     * @return the error, its message prefixed with the construct's path
     */
    public static IllegalArgumentException invalid(IConstruct scope, String message) {
        return new Scoped(scope.getNode().getPath() + ": " + message, null);
    }

    /**
     * @param scope the construct the error is about
     * @param error an error raised without the construct's path
     * @return an error with the same message prefixed with the construct's path, caused by {@code error};
     *         {@code error} itself when it already names a construct's path
     */
    public static IllegalArgumentException invalid(IConstruct scope, IllegalArgumentException error) {
        if (error instanceof Scoped) {
            return error;
        }
        return new Scoped(scope.getNode().getPath() + ": " + error.getMessage(), error);
    }

    /**
     * Runs {@code action}; an {@link IllegalArgumentException} it raises gets the construct's path.
     *
     * @param scope  the construct the action belongs to
     * @param action e.g. a metric method's validation of its arguments
     * @param <T>    the action's result type
     * @return what {@code action} returned
     * @throws IllegalArgumentException prefixed with the construct's path
     */
    public static <T> T within(IConstruct scope, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw invalid(scope, e);
        }
    }

    /** An error whose message already starts with a construct's path. */
    private static final class Scoped extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Scoped(String message, IllegalArgumentException cause) {
            super(message, cause);
        }
    }
}
