package io.github.pinpointgtm;

import software.amazon.awscdk.Token;

/**
 * The {@code source} and {@code detail-type} of the entries an {@link EventBridgeDestination} puts on its bus: what
 * rules match on. Immutable; create it with {@link #builder()}.
 *
 * <pre>{@code
 * EventDestination.eventBridge(bus, EventBridgeDestinationOptions.builder()
 *     .source("com.example.shop")
 *     .detailType("Shop Customer Event")
 *     .build());
 * }</pre>
 */
public final class EventBridgeDestinationOptions {

    /** The default {@code source}: {@value}. */
    public static final String DEFAULT_SOURCE = "io.github.pinpointgtm";
    /** The default {@code detail-type}: {@value}. */
    public static final String DEFAULT_DETAIL_TYPE = "GTM Customer Event";

    static final int MAX_SOURCE_LENGTH = 256;
    static final int MAX_DETAIL_TYPE_LENGTH = 128;

    private final String source;
    private final String detailType;

    private EventBridgeDestinationOptions(String source, String detailType) {
        this.source = source;
        this.detailType = detailType;
    }

    /** @return a new builder, with the defaults filled in */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the entries' {@code source}; default {@value #DEFAULT_SOURCE} */
    public String getSource() {
        return source;
    }

    /** @return the entries' {@code detail-type}; default {@value #DEFAULT_DETAIL_TYPE} */
    public String getDetailType() {
        return detailType;
    }

    /** Builds {@link EventBridgeDestinationOptions}; {@link #build()} validates both values. */
    public static final class Builder {
        private String source = DEFAULT_SOURCE;
        private String detailType = DEFAULT_DETAIL_TYPE;

        private Builder() {
        }

        /**
         * @param source the entries' {@code source}: 1 to 256 characters, not starting with {@code aws.} (reserved
         *               for AWS services), or a token; default {@value #DEFAULT_SOURCE}
         * @return this builder
         */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * @param detailType the entries' {@code detail-type}: 1 to 128 characters, or a token; default
         *                   {@value #DEFAULT_DETAIL_TYPE}
         * @return this builder
         */
        public Builder detailType(String detailType) {
            this.detailType = detailType;
            return this;
        }

        /**
         * @return the validated, immutable options
         * @throws IllegalArgumentException naming the value that is missing or out of range
         */
        public EventBridgeDestinationOptions build() {
            if (source == null || (!Token.isUnresolved(source)
                    && (source.isBlank() || source.length() > MAX_SOURCE_LENGTH))) {
                throw new IllegalArgumentException("eventBridge: source must be 1 to " + MAX_SOURCE_LENGTH
                        + " characters, got " + describe(source));
            }
            if (!Token.isUnresolved(source) && source.startsWith("aws.")) {
                throw new IllegalArgumentException("eventBridge: source must not start with 'aws.' (reserved for "
                        + "events of AWS services), got '" + source + "'");
            }
            if (detailType == null || (!Token.isUnresolved(detailType)
                    && (detailType.isBlank() || detailType.length() > MAX_DETAIL_TYPE_LENGTH))) {
                throw new IllegalArgumentException("eventBridge: detailType must be 1 to " + MAX_DETAIL_TYPE_LENGTH
                        + " characters, got " + describe(detailType));
            }
            return new EventBridgeDestinationOptions(source, detailType);
        }

        private static String describe(String value) {
            if (value == null) {
                return "null";
            }
            return value.length() > 40 ? value.length() + " characters" : "'" + value + "'";
        }
    }
}
