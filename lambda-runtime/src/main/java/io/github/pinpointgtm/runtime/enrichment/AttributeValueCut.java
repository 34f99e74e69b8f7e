package io.github.pinpointgtm.runtime.enrichment;

import io.github.pinpointgtm.runtime.policy.PinpointLimits;

/**
 * How a derived attribute value longer than Pinpoint's limit is shortened instead of costing the event: its first
 * {@value PinpointLimits#MAX_ATTRIBUTE_VALUE_LENGTH} UTF-16 code units, one fewer when the last of them would be the
 * first half of a surrogate pair (so the value stays valid Unicode). A percent-encoded value
 * ({@linkplain #cutPercentEncoded page_path}) is cut further, before a {@code %} among its last two kept characters,
 * so that a {@code %XX} escape is kept whole or not at all.
 */
public final class AttributeValueCut {
    private AttributeValueCut() {
    }

    /**
     * @param value an attribute value
     * @return the value itself when it is within the limit, else its cut prefix
     */
    public static String cut(String value) {
        int limit = PinpointLimits.MAX_ATTRIBUTE_VALUE_LENGTH;
        if (value.length() <= limit) {
            return value;
        }
        return value.substring(0, end(value));
    }

    /**
     * @param value a percent-encoded attribute value, such as a URL's path
     * @return the value itself when it is within the limit, else its cut prefix, which never ends inside a
     *         {@code %XX} escape
     */
    public static String cutPercentEncoded(String value) {
        if (value.length() <= PinpointLimits.MAX_ATTRIBUTE_VALUE_LENGTH) {
            return value;
        }
        int end = end(value);
        // The escape starting at end - 1 or end - 2 would lose its last hex digits; cutting before a '%' never splits
        // a surrogate pair.
        int escape = value.lastIndexOf('%', end - 1);
        return value.substring(0, escape >= 0 && escape >= end - 2 ? escape : end);
    }

    private static int end(String value) {
        int limit = PinpointLimits.MAX_ATTRIBUTE_VALUE_LENGTH;
        return Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
