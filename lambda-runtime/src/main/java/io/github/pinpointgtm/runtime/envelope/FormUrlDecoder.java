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
    /** The decoded text so far; reused within one envelope (a decoded text is never longer than its encoding). */
    private char[] decoded = new char[0];
    private int decodedLength;

    /**
     * @param chars  the encoded text's characters
     * @param offset where the text starts
     * @param length how many characters it has
     * @return the decoded text
     * @throws IllegalArgumentException if a {@code %} is not followed by two ASCII hex digits
     */
    String decode(char[] chars, int offset, int length) {
        int end = offset + length;
        int first = nextSpecial(chars, offset, end);
        if (first == end) {
            return new String(chars, offset, length); // nothing to decode: ids, methods, simple values
        }
        if (decoded.length < length) {
            decoded = new char[Math.max(length, 64)];
        }
        decodedLength = 0;
        int i = offset;
        while (i < end) {
            int special = nextSpecial(chars, i, end);
            // Plain runs are copied whole rather than character by character.
            System.arraycopy(chars, i, decoded, decodedLength, special - i);
            decodedLength += special - i;
            if (special == end) {
                break;
            }
            if (chars[special] == '+') {
                decoded[decodedLength++] = ' ';
                i = special + 1;
            } else {
                i = appendEscapeRun(chars, special, end);
            }
        }
        return new String(decoded, 0, decodedLength);
    }

    /** @return the index of the first {@code %} or {@code +} from {@code from}, or {@code end} */
    private static int nextSpecial(char[] chars, int from, int end) {
        int i = from;
        while (i < end && chars[i] != '%' && chars[i] != '+') {
            i++;
        }
        return i;
    }

    /** Decodes the run of escapes starting at {@code start}; returns the index after it. */
    private int appendEscapeRun(char[] chars, int start, int end) {
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
                decoded[decodedLength++] = (char) bytes[b];
            }
        } else {
            // UTF-8 never decodes to more UTF-16 units than it has bytes (U+FFFD included), and each byte took three
            // characters of the input, so the buffer sized for the input holds the result.
            String text = new String(bytes, 0, count, StandardCharsets.UTF_8);
            text.getChars(0, text.length(), decoded, decodedLength);
            decodedLength += text.length();
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
