package io.github.pinpointgtm.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The destinations the example app can deploy: the value of the {@code destination} context key. */
public enum ExampleDestination {
    /** Amazon Pinpoint (the default): the project id comes from the {@code pinpointApplicationId} context key. */
    PINPOINT("Amazon Pinpoint"),
    /** A new on-demand Kinesis data stream, encrypted with a new customer managed key. */
    KINESIS("Amazon Kinesis Data Streams"),
    /** A new Firehose delivery stream writing newline-delimited JSON to a new S3 bucket. */
    FIREHOSE("Amazon Data Firehose"),
    /** A new custom EventBridge bus, with an example rule sending one event type to an SQS queue. */
    EVENTBRIDGE("Amazon EventBridge"),
    /** A new Customer Profiles domain with a {@code GtmCustomerEvent} object type. */
    CUSTOMER_PROFILES("Amazon Connect Customer Profiles");

    private final String displayName;

    ExampleDestination(String displayName) {
        this.displayName = displayName;
    }

    /**
     * @return the context value, the constant's name in lower case with hyphens, e.g. {@code customer-profiles} (also
     *     the connector's destination type)
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the service's name, e.g. {@code Amazon Kinesis Data Streams} */
    public String displayName() {
        return displayName;
    }

    /**
     * @param value a {@code destination} context value (case-insensitive, surrounding spaces ignored)
     * @return the destination
     * @throws IllegalArgumentException naming the accepted values if {@code value} is none of them
     */
    public static ExampleDestination fromValue(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (ExampleDestination destination : values()) {
            if (destination.value().equals(wanted)) {
                return destination;
            }
        }
        throw new IllegalArgumentException("Unknown destination '" + value + "' (context key 'destination'): use one of "
                + Arrays.stream(values()).map(ExampleDestination::value).collect(Collectors.joining(", ")));
    }
}
