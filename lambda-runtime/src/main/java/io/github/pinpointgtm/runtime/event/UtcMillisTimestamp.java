package io.github.pinpointgtm.runtime.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats an instant as ISO-8601 UTC with milliseconds ({@code 2026-11-27T10:15:30.123Z}, the pattern
 * {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}; the fraction is truncated, not rounded). Years 0 to 9999 are written
 * digit by digit, which costs a fraction of {@link DateTimeFormatter}'s general machinery per call (two calls per
 * event on the hot path); any other year goes through the formatter itself, so every instant formats as the pattern
 * says.
 */
final class UtcMillisTimestamp {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** 0000-01-01T00:00:00Z and the first second after 9999-12-31T23:59:59Z. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
    private static final long END_OF_FOUR_DIGIT_YEARS = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int LENGTH = "uuuu-MM-ddTHH:mm:ss.SSSZ".length();

    private UtcMillisTimestamp() {
    }

    /**
     * @param instant a point in time
     * @return it as {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= END_OF_FOUR_DIGIT_YEARS) {
            return PATTERN.format(instant);
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        byte[] text = new byte[LENGTH];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded, ending before {@code at + count}. */
    private static void digits(byte[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
