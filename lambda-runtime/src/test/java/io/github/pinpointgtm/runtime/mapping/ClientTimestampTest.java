package io.github.pinpointgtm.runtime.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClientTimestampTest {
    private static final Instant REQUEST_TIME = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(300);

    @ParameterizedTest
    @CsvSource({
            "2026-11-26T12:00:00Z, 2026-11-26T12:00:00Z",
            "2026-11-26T12:00:00.5Z, 2026-11-26T12:00:00.500Z",
            "2026-11-26T13:00:00+01:00, 2026-11-26T12:00:00Z",
            "2026-11-26T06:30:00-05:30, 2026-11-26T12:00:00Z",
            "1764158400000, 2025-11-26T12:00:00Z",
            "0, 1970-01-01T00:00:00Z",
    })
    void parsesIsoWithOffsetAndEpochMillis(String value, String instant) {
        assertThat(ClientTimestamp.parse(value)).contains(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26T12:00:00", "12:00", "-5", "1.5", "1e12",
            "9999999999999999", "now", " 1764158400000"})
    void otherFormatsDoNotParse(String value) {
        assertThat(ClientTimestamp.parse(value)).isEmpty();
    }

    @Test
    void theSkewBoundaryIsInclusive() {
        Instant early = REQUEST_TIME.minus(SKEW);
        Instant late = REQUEST_TIME.plus(SKEW);

        assertThat(ClientTimestamp.resolve(early.toString(), REQUEST_TIME, SKEW)).isEqualTo(early);
        assertThat(ClientTimestamp.resolve(late.toString(), REQUEST_TIME, SKEW)).isEqualTo(late);
        assertThat(ClientTimestamp.resolve(late.plusMillis(1).toString(), REQUEST_TIME, SKEW)).isEqualTo(REQUEST_TIME);
        assertThat(ClientTimestamp.resolve(early.minusMillis(1).toString(), REQUEST_TIME, SKEW))
                .isEqualTo(REQUEST_TIME);
    }

    @Test
    void absentOrZeroSkewMeansTheRequestTime() {
        assertThat(ClientTimestamp.resolve(null, REQUEST_TIME, SKEW)).isEqualTo(REQUEST_TIME);
        assertThat(ClientTimestamp.resolve(REQUEST_TIME.minusMillis(1).toString(), REQUEST_TIME, Duration.ZERO))
                .isEqualTo(REQUEST_TIME);
    }
}
