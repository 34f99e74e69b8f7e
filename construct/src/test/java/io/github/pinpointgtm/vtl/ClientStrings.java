package io.github.pinpointgtm.vtl;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** jqwik generators for what a client can send: any valid UTF-16 text, nasty fragments and mixtures of both. */
final class ClientStrings {

    static final int MAX_CHARS = 2_000;

    private ClientStrings() {
    }

    /** Any valid UTF-16 string (surrogates only in pairs) of up to {@link #MAX_CHARS} chars, nasty ones often. */
    static Arbitrary<String> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, unicode()),
                Tuple.of(2, Arbitraries.of(NastyStrings.ALL)),
                Tuple.of(2, mixture()));
    }

    private static Arbitrary<String> unicode() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0x00, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x7F, 0xFFFF)
                        .filter(c -> !Character.isSurrogate((char) c.intValue()))),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(MAX_CHARS).map(ClientStrings::fromCodePoints);
    }

    private static Arbitrary<String> mixture() {
        return Arbitraries.oneOf(unicode(), Arbitraries.of(NastyStrings.ALL)).list().ofMinSize(2).ofMaxSize(6)
                .map(parts -> truncate(String.join("", parts)));
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return truncate(text.toString());
    }

    /** Cuts to at most {@link #MAX_CHARS} chars without splitting a surrogate pair. */
    private static String truncate(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return text.substring(0, end);
    }
}
