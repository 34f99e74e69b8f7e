package io.github.pinpointgtm.runtime.enrichment;

import io.github.pinpointgtm.runtime.policy.PinpointLimits;

/**
 * How a derived attribute value longer than Pinpoint's limit is shortened instead of costing the event: its first
 * {@value PinpointLimits#MAX_ATTRIBUTE_VALUE_LENGTH} UTF-16 code units, one fewer when the last of them would be the
 * first half of a surrogate pair (so the value stays valid Unicode).
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
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end);
    }
}
