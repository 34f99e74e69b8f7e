package io.github.pinpointgtm.testkit;

import java.util.Random;

/**
 * Runs a property on generated values, a fixed number of tries, from one seed. The seed is new for every run unless the
 * system property {@value #SEED_PROPERTY} sets it; a failure names the seed, the try and the value, so
 * {@code -Dpinpointgtm.seed=<seed>} replays it exactly.
 */
public final class PropertyCheck {

    /** The system property that fixes the seed, e.g. {@code -Dpinpointgtm.seed=42}. */
    public static final String SEED_PROPERTY = "pinpointgtm.seed";

    /** How much of a failing value the failure message shows. */
    static final int MAX_SHOWN_CHARS = 600;

    private PropertyCheck() {
    }

    /**
     * A property of one value.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Property<T> {

        /**
         * @param value a generated value
         * @throws Exception (or an {@link AssertionError}) when the property does not hold for it
         */
        void check(T value) throws Exception;
    }

    /**
     * Checks {@code property} on {@code tries} values of {@code generator}, with the seed of
     * {@link #seed()}.
     *
     * @param tries     how many values, at least 1
     * @param generator their generator
     * @param property  what must hold for each
     * @param <T>       the values' type
     * @throws AssertionError at the first value the property fails on, naming the seed, the try and the value
     */
    public static <T> void forAll(int tries, Generator<T> generator, Property<? super T> property) {
        forAll(seed(), tries, generator, property);
    }

    /**
     * Checks {@code property} on {@code tries} values of {@code generator}, drawn from {@code new Random(seed)}.
     *
     * @param seed      the seed
     * @param tries     how many values, at least 1
     * @param generator their generator
     * @param property  what must hold for each
     * @param <T>       the values' type
     * @throws AssertionError at the first value the property fails on, naming the seed, the try and the value
     */
    public static <T> void forAll(long seed, int tries, Generator<T> generator, Property<? super T> property) {
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, was " + tries);
        }
        Random random = new Random(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            T value = generator.next(random);
            try {
                property.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("property failed on try " + attempt + " of " + tries + " with seed " + seed
                        + " (replay: -D" + SEED_PROPERTY + "=" + seed + "); value: " + shown(value), e);
            }
        }
    }

    /** @return the seed {@value #SEED_PROPERTY} sets, else a new random one */
    public static long seed() {
        return Seeds.fromSystemProperty(SEED_PROPERTY);
    }

    /** The value with every char outside printable ASCII escaped, cut to {@value #MAX_SHOWN_CHARS} chars. */
    static String shown(Object value) {
        String text = String.valueOf(value);
        StringBuilder shown = new StringBuilder();
        int i = 0;
        for (; i < text.length() && shown.length() < MAX_SHOWN_CHARS; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                shown.append(c);
            } else {
                shown.append(String.format("\\u%04x", (int) c));
            }
        }
        return i < text.length() ? shown + "... (" + text.length() + " chars)" : shown.toString();
    }
}
