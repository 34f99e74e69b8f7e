package io.github.pinpointgtm.testkit;

import io.github.pinpointgtm.testkit.Generator.Weighted;
import java.util.List;
import java.util.Random;

/**
 * Generators of what a client can send: text over a mix of code points (printable ASCII most often, control
 * characters, the rest of the Basic Multilingual Plane, supplementary characters), the {@link NastyStrings} corpus and
 * mixtures of both. Lengths count UTF-16 units, as Java and the limits of the processor do.
 */
public final class Texts {

    private Texts() {
    }

    /**
     * @param minChars the fewest UTF-16 units
     * @param maxChars the most UTF-16 units
     * @return well-formed strings (surrogates only in pairs) of that length: code point text (60%), corpus values
     *         cut to fit (20%) and mixtures of both (20%)
     */
    public static Generator<String> wellFormed(int minChars, int maxChars) {
        checkLengths(minChars, maxChars);
        Generator<String> codePoints = random -> codePointText(random, length(random, minChars, maxChars), maxChars);
        Generator<String> corpus = corpus(minChars, maxChars);
        Generator<String> mixture = Generator.oneOf(codePoints, corpus).list(2, 6)
                .map(parts -> truncate(String.join("", parts), maxChars))
                .filter(text -> text.length() >= minChars);
        return Generator.frequencyOf(new Weighted<>(6, codePoints), new Weighted<>(2, corpus),
                new Weighted<>(2, mixture));
    }

    /**
     * @param maxChars the most UTF-16 units
     * @return any UTF-16 strings, lone surrogates included: well-formed text (half) or arbitrary units (half)
     */
    public static Generator<String> anyUtf16(int maxChars) {
        checkLengths(0, maxChars);
        Generator<String> units = random -> {
            char[] text = new char[length(random, 0, maxChars)];
            for (int i = 0; i < text.length; i++) {
                text[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            return new String(text);
        };
        return Generator.oneOf(wellFormed(0, maxChars), units);
    }

    /**
     * @param chars    the UTF-16 units to draw from (a surrogate pair's halves come singly)
     * @param maxChars the most units
     * @return strings of those units only
     */
    public static Generator<String> ofChars(String chars, int maxChars) {
        checkLengths(0, maxChars);
        if (chars.isEmpty()) {
            throw new IllegalArgumentException("ofChars needs at least one char");
        }
        return random -> {
            char[] text = new char[length(random, 0, maxChars)];
            for (int i = 0; i < text.length; i++) {
                text[i] = chars.charAt(random.nextInt(chars.length()));
            }
            return new String(text);
        };
    }

    /**
     * @param text any string
     * @return whether its surrogates all come in pairs (what UTF-8, and so API Gateway, can carry)
     */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param text     any string
     * @param maxChars the most UTF-16 units
     * @return its first {@code maxChars} units, one less when that would split a surrogate pair
     */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end);
    }

    /** The corpus values that are long enough, cut to {@code maxChars}. */
    private static Generator<String> corpus(int minChars, int maxChars) {
        List<String> fitting = NastyStrings.ALL.stream().map(nasty -> truncate(nasty, maxChars))
                .filter(nasty -> nasty.length() >= minChars).distinct().toList();
        return Generator.of(fitting);
    }

    /**
     * Short lengths most often (half up to 8 units above the minimum, a quarter up to 64), since most bugs show on
     * them and long values cost time; the full range a quarter of the time.
     */
    private static int length(Random random, int minChars, int maxChars) {
        int kind = random.nextInt(4);
        int upper = kind < 2 ? Math.min(maxChars, minChars + 8) : kind < 3 ? Math.min(maxChars, minChars + 64) : maxChars;
        return minChars + random.nextInt(upper - minChars + 1);
    }

    private static String codePointText(Random random, int length, int maxChars) {
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            text.appendCodePoint(codePoint(random));
        }
        // a supplementary character may overshoot by one unit; one more BMP character keeps short minimums met
        String cut = truncate(text.toString(), maxChars);
        return cut.length() < length ? cut + 'x' : cut;
    }

    private static int codePoint(Random random) {
        int kind = random.nextInt(9);
        if (kind < 5) {
            return 0x20 + random.nextInt(0x7E - 0x20 + 1);
        }
        if (kind < 6) {
            return random.nextInt(0x20);
        }
        if (kind < 8) {
            int c;
            do {
                c = 0x7F + random.nextInt(0xFFFF - 0x7F + 1);
            } while (Character.isSurrogate((char) c));
            return c;
        }
        return 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0x10000 + 1);
    }

    private static void checkLengths(int minChars, int maxChars) {
        if (minChars < 0 || maxChars < minChars) {
            throw new IllegalArgumentException("lengths must satisfy 0 <= minChars <= maxChars, were " + minChars
                    + " and " + maxChars);
        }
    }
}
