package io.github.pinpointgtm.runtime.observability;

/**
 * The counts of one invocation: {@link InvocationMetrics} adds to them, {@link EmfMetricsWriter} writes each as the
 * Count metric {@link #metricName()}, in this order.
 */
public enum CountMetric {
    /** Messages the invocation received. */
    RECEIVED("Received"),
    /** Messages whose event the destination accepted. */
    DELIVERED("Delivered"),
    /** Messages the rejected queue took (hits the policy refused). */
    REJECTED("Rejected"),
    /** Messages the dead-letter queue took (valid events that could not be delivered). */
    DEAD_LETTERED("DeadLettered"),
    /** Messages reported in {@code batchItemFailures}. */
    RETRIED("Retried"),
    /** Requests the destination completed, whatever their result. */
    DESTINATION_REQUESTS("DestinationRequests"),
    /** Destination answers that showed it is misconfigured (access denied, unknown resource, ...). */
    DESTINATION_CONFIGURATION_ERRORS("DestinationConfigurationErrors"),
    /** {@code usat_*} parameters dropped because user attributes are disabled. */
    IGNORED_USER_ATTRIBUTES("IgnoredUserAttributes"),
    /** Messages retried because the keys of endpoint signatures could not be read. */
    IDENTITY_KEYS_UNAVAILABLE("IdentityKeysUnavailable"),
    /** Events sent again within the invocation after the destination failed them one by one, once per retry. */
    RECORDS_RETRIED_IN_CALL("RecordsRetriedInCall"),
    /** {@code page_url}s of accepted hits that are not http(s) URLs. */
    PAGE_URLS_IGNORED("PageUrlsIgnored"),
    /** Derived attributes cut to the attribute value limit. */
    DERIVED_ATTRIBUTES_TRUNCATED("DerivedAttributesTruncated"),
    /** Derived attributes left out for want of room under the attribute count limit. */
    DERIVED_ATTRIBUTES_OMITTED("DerivedAttributesOmitted"),
    /** Bot hits delivered flagged {@code is_bot=true}. */
    BOTS_FLAGGED("BotsFlagged");

    private final String metricName;

    CountMetric(String metricName) {
        this.metricName = metricName;
    }

    /** @return the CloudWatch metric's name */
    public String metricName() {
        return metricName;
    }
}
