package io.github.pinpointgtm.runtime.mapping;

import java.util.OptionalDouble;

/**
 * An {@code evmt_} value: a plain decimal number ({@code 9.5}, {@code -3}, {@code 1e3}) that is finite.
 *
 * <p>The syntax is {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} with ASCII digits, checked by a scan rather than a
 * regular expression because it runs for every metric of every hit.
 */
final class MetricValue {
    /** The longest value parsed; longer ones are rejected unread. */
    static final int MAX_LENGTH = 64;

    private MetricValue() {
    }

    /**
     * @param value the parameter value
     * @return the number, or empty when it is not a finite decimal number
     */
    static OptionalDouble parse(String value) {
        // Stricter than Double.parseDouble, which also takes "NaN", "Infinity", hex floats and "1d"/"1f" suffixes.
        if (value.length() > MAX_LENGTH || !isDecimal(value)) {
            return OptionalDouble.empty();
        }
        double number = Double.parseDouble(value);
        return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
    }

    static boolean isDecimal(String value) {
        int length = value.length();
        int i = skipSign(value, 0);
        int integerDigits = digits(value, i);
        i += integerDigits;
        if (i < length && value.charAt(i) == '.') {
            i++;
            int fractionDigits = digits(value, i);
            if (integerDigits == 0 && fractionDigits == 0) {
                return false;
            }
            i += fractionDigits;
        } else if (integerDigits == 0) {
            return false;
        }
        if (i < length && (value.charAt(i) == 'e' || value.charAt(i) == 'E')) {
            i = skipSign(value, i + 1);
            int exponentDigits = digits(value, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == length;
    }

    private static int skipSign(String value, int at) {
        return at < value.length() && (value.charAt(at) == '+' || value.charAt(at) == '-') ? at + 1 : at;
    }

    /** @return how many ASCII digits follow from {@code from} */
    private static int digits(String value, int from) {
        int i = from;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }
}
