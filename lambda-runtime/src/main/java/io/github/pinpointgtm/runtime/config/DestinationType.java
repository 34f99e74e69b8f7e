package io.github.pinpointgtm.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the processor writes customer events: the value of the {@code DESTINATION_TYPE} environment variable. */
public enum DestinationType {
    /** Amazon Pinpoint {@code PutEvents}. */
    PINPOINT("pinpoint"),
    /** Amazon Kinesis Data Streams {@code PutRecords}. */
    KINESIS("kinesis"),
    /** Amazon Data Firehose {@code PutRecordBatch}. */
    FIREHOSE("firehose"),
    /** Amazon EventBridge {@code PutEvents}. */
    EVENTBRIDGE("eventbridge"),
    /** Amazon Connect Customer Profiles {@code PutProfileObject}. */
    CUSTOMER_PROFILES("customer-profiles");

    private final String value;

    DestinationType(String value) {
        this.value = value;
    }

    /** @return the environment variable's spelling of this destination, e.g. {@code customer-profiles} */
    public String value() {
        return value;
    }

    /**
     * @param value the environment variable's value (case-insensitive)
     * @return the matching destination type
     * @throws IllegalArgumentException if no destination type has that name
     */
    public static DestinationType fromValue(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (DestinationType type : values()) {
            if (type.value.equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown destination type '" + value + "'; expected one of "
                + Arrays.stream(values()).map(DestinationType::value).collect(Collectors.joining(", ")));
    }
}
