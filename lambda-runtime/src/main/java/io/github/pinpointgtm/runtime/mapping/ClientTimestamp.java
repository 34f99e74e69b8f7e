package io.github.pinpointgtm.runtime.mapping;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The client's {@code ts} parameter: ISO 8601 with an offset ({@code 2026-11-26T10:15:30Z},
 * {@code 2026-11-26T11:15:30.5+01:00}) or epoch milliseconds ({@code 1764152130000}).
 */
final class ClientTimestamp {
    private static final int MAX_EPOCH_MILLIS_DIGITS = 15; // up to the year 33658: never overflows a long

    private ClientTimestamp() {
    }

    /**
     * @param value the {@code ts} value
     * @return the instant, or empty if the value is in neither format
     */
    static Optional<Instant> parse(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (isDigits(value)) {
            return value.length() > MAX_EPOCH_MILLIS_DIGITS
                    ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /**
     * @param value       the {@code ts} value, or null when absent
     * @param requestTime API Gateway's request time
     * @param maxSkew     how far from the request time a client timestamp is trusted
     * @return the client's timestamp when it parses and is within {@code maxSkew} of the request time, else
     *         the request time
     */
    static Instant resolve(String value, Instant requestTime, Duration maxSkew) {
        if (value == null) {
            return requestTime;
        }
        return parse(value)
                .filter(client -> Duration.between(client, requestTime).abs().compareTo(maxSkew) <= 0)
                .orElse(requestTime);
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
