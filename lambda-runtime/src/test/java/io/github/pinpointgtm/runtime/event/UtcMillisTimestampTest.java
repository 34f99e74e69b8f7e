package io.github.pinpointgtm.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.Generator;
import io.github.pinpointgtm.testkit.PropertyCheck;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcMillisTimestampTest {

    /** What the event JSON has always written: the formatter this class stands in for. */
    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesUtcWithMillisecondsTruncated() {
        assertThat(UtcMillisTimestamp.format(Instant.parse("2026-11-27T10:15:30Z"))).isEqualTo("2026-11-27T10:15:30.000Z");
        assertThat(UtcMillisTimestamp.format(Instant.parse("2026-11-27T10:15:30.123999999Z")))
                .isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(UtcMillisTimestamp.format(Instant.parse("2024-02-29T23:59:59.999Z")))
                .isEqualTo("2024-02-29T23:59:59.999Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "0000-01-01T00:00:00.001Z", "1969-12-31T23:59:59.999Z",
            "1970-01-01T00:00:00Z", "1900-02-28T12:00:00.5Z", "2000-02-29T00:00:00Z", "2100-03-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999Z"})
    void equalsThePatternAtTheEdges(String instant) {
        Instant value = Instant.parse(instant);

        assertThat(UtcMillisTimestamp.format(value)).isEqualTo(PATTERN.format(value));
    }

    @Test
    void equalsThePatternForAnyInstant() {
        Generator<Instant> nearYearZeroToTenThousand = random -> Instant.ofEpochSecond(
                random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400), random.nextInt(1_000_000_000));
        Generator<Instant> aroundNow = random -> Instant.ofEpochMilli(
                random.nextLong(1_700_000_000_000L, 1_900_000_000_000L));
        // Any instant the pattern can format: the formatter itself refuses years beyond LocalDateTime's.
        Generator<Instant> anyInstant = random -> Instant.ofEpochSecond(
                random.nextLong(LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC),
                        LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC)),
                random.nextInt(1_000_000_000));

        PropertyCheck.forAll(20_000, Generator.oneOf(nearYearZeroToTenThousand, aroundNow, anyInstant),
                instant -> assertThat(UtcMillisTimestamp.format(instant)).isEqualTo(PATTERN.format(instant)));
    }
}
