package io.github.pinpointgtm.runtime.mapping;

import java.util.regex.Pattern;

/**
 * The optional {@code event_id} parameter: a client-chosen event id, so a tag that fires twice or a beacon the
 * browser retries (two requests, two request ids) deduplicates downstream. At most 64 characters of
 * {@code [A-Za-z0-9._-]}, which every destination accepts as a key; without it the event id is API Gateway's request
 * id.
 */
final class ClientEventId {
    /** The longest accepted {@code event_id}. */
    static final int MAX_LENGTH = 64;
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private ClientEventId() {
    }

    /**
     * @param parameter the {@code event_id} parameter, or null; empty counts as absent
     * @param requestId API Gateway's request id
     * @return the event id: the parameter when present, else the request id
     * @throws InvalidEventIdException if the parameter is present and not a valid event id
     */
    static String resolve(String parameter, String requestId) throws InvalidEventIdException {
        if (parameter == null || parameter.isEmpty()) {
            return requestId;
        }
        if (!SYNTAX.matcher(parameter).matches()) {
            throw new InvalidEventIdException(parameter.length() > MAX_LENGTH
                    ? "parameter event_id is " + parameter.length() + " characters long; at most " + MAX_LENGTH
                    + " are allowed"
                    : "parameter event_id may contain only letters, digits, '.', '_' and '-'");
        }
        return parameter;
    }

    /** An {@code event_id} that is too long or has other characters. The message never quotes the value. */
    static final class InvalidEventIdException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidEventIdException(String message) {
            super(message, null, false, false);
        }
    }
}
