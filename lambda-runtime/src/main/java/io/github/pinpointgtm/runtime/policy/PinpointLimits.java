package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;

import java.util.Map;
import java.util.Optional;

/**
 * Amazon Pinpoint's event-ingestion limits, checked before sending: Pinpoint silently drops an event whose
 * attribute value is too long, so an over-limit event goes to the rejected queue here instead, where it is kept.
 *
 * <p>Lengths are counted in UTF-16 code units ({@link String#length()}), which is never less than the number of
 * characters, so an event that passes is within the limit however Pinpoint counts.
 *
 * <p>Sources: Amazon Pinpoint developer guide, "Quotas", event ingestion and endpoint sections. The event-type
 * length is not in that table; 50 is the limit of the Mobile Analytics event model Pinpoint's ingestion grew from
 * ({@code String50Chars}) and of AWS's Pinpoint client SDKs. The endpoint id limit is this library's own bound
 * (Pinpoint documents none); it keeps ids usable in Pinpoint's {@code /endpoints/{id}} REST paths.
 */
public final class PinpointLimits {
    /** Attribute plus metric keys per event. */
    public static final int MAX_ATTRIBUTE_AND_METRIC_KEYS = 40;
    /** Length of an attribute or metric name. */
    public static final int MAX_KEY_LENGTH = 50;
    /** Length of an attribute value (longer values make Pinpoint drop the event). */
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 200;
    /** Length of an event type. */
    public static final int MAX_EVENT_TYPE_LENGTH = 50;
    /** Length of an endpoint id (this library's bound). */
    public static final int MAX_ENDPOINT_ID_LENGTH = 128;
    /** Length of an endpoint user attribute name. */
    public static final int MAX_USER_ATTRIBUTE_NAME_LENGTH = 50;
    /** Length of an endpoint user attribute value. */
    public static final int MAX_USER_ATTRIBUTE_VALUE_LENGTH = 100;
    /** Endpoint attributes in total (user attributes are a part of them). */
    public static final int MAX_USER_ATTRIBUTES = 250;
    /**
     * Size of one event, in bytes: Pinpoint's 1,000 KB, read as 1,000,000 bytes (AWS does not say whether its KB
     * is 1,000 or 1,024 bytes; the smaller reading is never refused). The Pinpoint destination's planner uses it too.
     */
    public static final int MAX_EVENT_BYTES = 1_000_000;

    /** Longest parameter name quoted in a rejection detail: names are client input too. */
    private static final int MAX_QUOTED_NAME_LENGTH = 60;

    /**
     * @param event a mapped event
     * @return the first limit it exceeds, as a {@link RejectionReason#LIMIT_EXCEEDED} rejection, or empty
     */
    public Optional<Rejection> check(CustomerEvent event) {
        if (event.eventType().length() > MAX_EVENT_TYPE_LENGTH) {
            return exceeded("event", "event type", event.eventType().length(), MAX_EVENT_TYPE_LENGTH);
        }
        if (event.endpointId().length() > MAX_ENDPOINT_ID_LENGTH) {
            return exceeded(event.context().authenticated() ? "identity" : "endpoint_id", "endpoint id",
                    event.endpointId().length(), MAX_ENDPOINT_ID_LENGTH);
        }
        int keys = event.attributes().size() + event.metrics().size();
        if (keys > MAX_ATTRIBUTE_AND_METRIC_KEYS) {
            return Optional.of(new Rejection(RejectionReason.LIMIT_EXCEEDED, "the event has " + keys
                    + " evat_/evmt_ parameters; Pinpoint accepts at most " + MAX_ATTRIBUTE_AND_METRIC_KEYS
                    + " attributes and metrics per event"));
        }
        Optional<Rejection> attributes = checkEntries("evat_", "attribute", event.attributes(), MAX_KEY_LENGTH,
                MAX_ATTRIBUTE_VALUE_LENGTH);
        if (attributes.isPresent()) {
            return attributes;
        }
        for (String name : event.metrics().keySet()) {
            if (name.length() > MAX_KEY_LENGTH) {
                return exceeded(quoted("evmt_" + name), "metric name", name.length(), MAX_KEY_LENGTH);
            }
        }
        if (event.userAttributes().size() > MAX_USER_ATTRIBUTES) {
            return Optional.of(new Rejection(RejectionReason.LIMIT_EXCEEDED, "the event has "
                    + event.userAttributes().size() + " usat_ parameters; a Pinpoint endpoint holds at most "
                    + MAX_USER_ATTRIBUTES + " attributes"));
        }
        Optional<Rejection> userAttributes = checkEntries("usat_", "user attribute", event.userAttributes(),
                MAX_USER_ATTRIBUTE_NAME_LENGTH, MAX_USER_ATTRIBUTE_VALUE_LENGTH);
        if (userAttributes.isPresent()) {
            return userAttributes;
        }
        long bytes = EventSize.estimateJsonBytes(event);
        if (bytes > MAX_EVENT_BYTES) {
            return Optional.of(new Rejection(RejectionReason.LIMIT_EXCEEDED, "the event is about " + bytes
                    + " bytes; Pinpoint accepts at most " + MAX_EVENT_BYTES + " bytes per event"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkEntries(String prefix, String kind, Map<String, String> entries,
                                                    int maxNameLength, int maxValueLength) {
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (name.length() > maxNameLength) {
                return exceeded(quoted(prefix + name), kind + " name", name.length(), maxNameLength);
            }
            if (entry.getValue().length() > maxValueLength) {
                return exceeded(quoted(prefix + name), kind + " value", entry.getValue().length(), maxValueLength);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> exceeded(String parameter, String what, int length, int limit) {
        return Optional.of(new Rejection(RejectionReason.LIMIT_EXCEEDED, "parameter " + parameter + ": " + what
                + " is " + length + " characters; the limit is " + limit));
    }

    private static String quoted(String parameterName) {
        if (parameterName.length() <= MAX_QUOTED_NAME_LENGTH) {
            return parameterName;
        }
        return parameterName.substring(0, MAX_QUOTED_NAME_LENGTH) + "...";
    }
}
