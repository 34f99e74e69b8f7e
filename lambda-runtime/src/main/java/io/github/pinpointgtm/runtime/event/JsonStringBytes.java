package io.github.pinpointgtm.runtime.event;

/**
 * The bytes of a string's body in a JSON request body as the AWS SDK's JSON writer writes it, UTF-8 encoded, for
 * size limits that must never be exceeded by what the SDK sends.
 */
public final class JsonStringBytes {

    private JsonStringBytes() {
    }

    /**
     * Counts {@code "} and {@code \} as two-byte escapes, every control character as a six-byte {@code \}{@code uXXXX}
     * (never less than its escape), and each half of a surrogate pair as a six-byte {@code \}{@code uXXXX}: the SDK's
     * Jackson escapes characters outside the Basic Multilingual Plane so, twelve bytes for one emoji.
     *
     * @param text the string
     * @return its bytes between the quotes, never fewer than the SDK writes
     */
    public static long of(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
