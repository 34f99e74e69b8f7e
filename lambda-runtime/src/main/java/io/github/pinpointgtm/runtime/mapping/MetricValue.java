package io.github.pinpointgtm.runtime.mapping;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** An {@code evmt_} value: a plain decimal number ({@code 9.5}, {@code -3}, {@code 1e3}) that is finite. */
final class MetricValue {
    // Stricter than Double.parseDouble, which also takes "NaN", "Infinity", hex floats and "1d"/"1f" suffixes.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private MetricValue() {
    }

    /**
     * @param value the parameter value
     * @return the number, or empty when it is not a finite decimal number
     */
    static OptionalDouble parse(String value) {
        if (value.length() > 64 || !DECIMAL.matcher(value).matches()) {
            return OptionalDouble.empty();
        }
        double number = Double.parseDouble(value);
        return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
    }
}
