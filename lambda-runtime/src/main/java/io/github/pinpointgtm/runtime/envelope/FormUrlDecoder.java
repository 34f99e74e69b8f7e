package io.github.pinpointgtm.runtime.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Form-URL-decoding ({@code application/x-www-form-urlencoded}, UTF-8) in one pass over the characters the JSON
 * parser already holds: {@code +} is a space, each run of {@code %XX} escapes is a run of UTF-8 bytes, everything else
 * stays as it is. The result equals {@link java.net.URLDecoder#decode(String, java.nio.charset.Charset)} (invalid
 * UTF-8 becomes U+FFFD the same way), except that an escape must be two ASCII hex digits: {@code URLDecoder} also
 * takes {@code %+1} and non-ASCII digits, which {@code $util.urlEncode} never writes.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class FormUrlDecoder {
    private static final int NOT_HEX = -1;

    /** UTF-8 bytes of the current escape run; reused within one envelope. */
    private byte[] bytes = new byte[0];

    /**
     * @param chars  the encoded text's characters
     * @param offset where the text starts
     * @param length how many characters it has
     * @return the decoded text
     * @throws IllegalArgumentException if a {@code %} is not followed by two ASCII hex digits
     */
    String decode(char[] chars, int offset, int length) {
        int end = offset + length;
        int first = offset;
        while (first < end && chars[first] != '%' && chars[first] != '+') {
            first++;
        }
        if (first == end) {
            return new String(chars, offset, length); // nothing to decode: ids, methods, simple values
        }
        StringBuilder out = new StringBuilder(length);
        out.append(chars, offset, first - offset);
        int i = first;
        while (i < end) {
            char c = chars[i];
            if (c == '+') {
                out.append(' ');
                i++;
            } else if (c == '%') {
                i = appendEscapeRun(chars, i, end, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Decodes the run of escapes starting at {@code start}; returns the index after it. */
    private int appendEscapeRun(char[] chars, int start, int end, StringBuilder out) {
        int count = 0;
        boolean ascii = true;
        int i = start;
        while (i < end && chars[i] == '%') {
            if (i + 2 >= end) {
                throw new IllegalArgumentException("incomplete trailing escape");
            }
            int high = hexValue(chars[i + 1]);
            int low = hexValue(chars[i + 2]);
            if (high == NOT_HEX || low == NOT_HEX) {
                throw new IllegalArgumentException("an escape is not two hex digits");
            }
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(16, (end - start) / 3 + 1));
            }
            int value = high << 4 | low;
            bytes[count++] = (byte) value;
            ascii &= value < 0x80;
            i += 3;
        }
        if (ascii) {
            // ASCII bytes are their own characters: no charset decoder needed (the common case: %2F, %3A, %40)
            for (int b = 0; b < count; b++) {
                out.append((char) bytes[b]);
            }
        } else {
            out.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
        }
        return i;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return NOT_HEX;
    }
}
