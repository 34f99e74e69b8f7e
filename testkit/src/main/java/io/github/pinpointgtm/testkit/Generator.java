package io.github.pinpointgtm.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A source of test values drawn from a {@link Random}: the same seed gives the same values. {@link PropertyCheck}
 * runs a property on many of them.
 *
 * @param <T> the values' type
 */
@FunctionalInterface
public interface Generator<T> {

    /** How many draws {@link #filter} makes before it gives up on a predicate that (almost) never holds. */
    int MAX_FILTER_DRAWS = 10_000;

    /**
     * @param random the source of randomness; all of a value's randomness comes from it
     * @return the next value
     */
    T next(Random random);

    /**
     * @param mapper turns a value into another
     * @param <R>    the new values' type
     * @return a generator of the mapped values
     */
    default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /**
     * @param predicate what a value must satisfy
     * @return a generator of the values that satisfy it
     * @throws IllegalStateException (when drawing) if {@value #MAX_FILTER_DRAWS} draws in a row fail the predicate
     */
    default Generator<T> filter(Predicate<? super T> predicate) {
        return random -> {
            for (int draw = 0; draw < MAX_FILTER_DRAWS; draw++) {
                T value = next(random);
                if (predicate.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("no value satisfied the filter in " + MAX_FILTER_DRAWS + " draws");
        };
    }

    /**
     * @param minSize the fewest elements
     * @param maxSize the most elements
     * @return a generator of lists of this generator's values, their size uniform between the bounds
     */
    default Generator<List<T>> list(int minSize, int maxSize) {
        if (minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("list sizes must satisfy 0 <= minSize <= maxSize, were " + minSize
                    + " and " + maxSize);
        }
        return random -> {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /**
     * @param presentProbability how often a value is present, between 0 and 1
     * @return a generator of a value, or of an empty optional
     */
    default Generator<Optional<T>> optional(double presentProbability) {
        return random -> random.nextDouble() < presentProbability ? Optional.of(next(random)) : Optional.empty();
    }

    /**
     * @param other    a second generator
     * @param combiner makes one value of a value of each
     * @param <U>      the second generator's type
     * @param <R>      the combined values' type
     * @return a generator of combined values
     */
    default <U, R> Generator<R> with(Generator<U> other, BiFunction<? super T, ? super U, ? extends R> combiner) {
        return random -> combiner.apply(next(random), other.next(random));
    }

    /**
     * @param values the values, at least one
     * @param <T>    their type
     * @return a generator picking one of them, each as likely
     */
    static <T> Generator<T> of(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("Generator.of needs at least one value");
        }
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /**
     * @param generators the generators, at least one
     * @param <T>        their values' type
     * @return a generator drawing from one of them, each as likely
     */
    @SafeVarargs
    static <T> Generator<T> oneOf(Generator<? extends T>... generators) {
        List<Generator<? extends T>> choices = List.of(generators);
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("Generator.oneOf needs at least one generator");
        }
        return random -> choices.get(random.nextInt(choices.size())).next(random);
    }

    /**
     * @param choices the generators with their weights
     * @param <T>     their values' type
     * @return a generator drawing from one of them, each as often as its weight says
     */
    @SafeVarargs
    static <T> Generator<T> frequencyOf(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> weighted = List.of(choices);
        int total = weighted.stream().mapToInt(Weighted::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("Generator.frequencyOf needs a positive total weight");
        }
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : weighted) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.generator().next(random);
                }
            }
            throw new IllegalStateException("unreachable: the weights add up to " + total);
        };
    }

    /**
     * @param minimum the smallest value
     * @param maximum the largest value
     * @return a generator of ints, uniform between the bounds (both included)
     */
    static Generator<Integer> integers(int minimum, int maximum) {
        if (maximum < minimum) {
            throw new IllegalArgumentException("maximum " + maximum + " is below minimum " + minimum);
        }
        long range = (long) maximum - minimum + 1;
        return random -> (int) (minimum + Math.floorMod(random.nextLong(), range));
    }

    /**
     * @return a generator of any double: the edge cases (zeros, the extremes, infinities, NaN) a quarter of the time,
     *         any bit pattern a quarter, ordinary magnitudes the rest
     */
    static Generator<Double> doubles() {
        List<Double> edgeCases = List.of(0.0, -0.0, 1.0, -1.0, 0.1, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN, 9_007_199_254_740_993.0, 1e-300, 1e300);
        return frequencyOf(new Weighted<>(1, of(edgeCases)),
                new Weighted<>(1, random -> Double.longBitsToDouble(random.nextLong())),
                new Weighted<>(2, random -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(19) - 6)));
    }

    /** @return a generator of {@code true} and {@code false}, each as likely */
    static Generator<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /**
     * A generator and how often to draw from it relative to the others.
     *
     * @param weight    its weight, at least 0
     * @param generator the generator
     * @param <T>       its values' type
     */
    record Weighted<T>(int weight, Generator<T> generator) {

        /** Validates the weight. */
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("weight must be at least 0, was " + weight);
            }
        }
    }
}
