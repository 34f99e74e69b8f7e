package io.github.pinpointgtm;

import java.util.Set;

import software.amazon.awscdk.Duration;

/**
 * The rules of the web ACL a {@link PinpointGtmConnector} creates ({@link EdgeProtection#webAcl}). Immutable; create
 * it with {@link #builder()}. Every rule publishes its own CloudWatch metrics (namespace {@code AWS/WAFV2}) and keeps
 * sampled requests; the {@code endpoint_id}, {@code endpoint_sig} and authorizer-token query arguments are replaced
 * by {@code REDACTED} in sampled requests and logs.
 *
 * <p>The rules, in the order WAF evaluates them:
 * <ol>
 *   <li>{@code RateLimitPerIp}: at most {@link Builder#rateLimitPerIp} requests per client IP per evaluation
 *       window, then 429;</li>
 *   <li>{@code RateLimitPerEndpointId} (off by default): at most {@link Builder#rateLimitPerEndpointId} requests
 *       per {@code endpoint_id} query argument per window, then 429;</li>
 *   <li>{@code AWSManagedRulesAmazonIpReputationList} (on by default): sources Amazon threat intelligence lists as
 *       malicious (bots, scanners, DDoS participants);</li>
 *   <li>{@code AWSManagedRulesAnonymousIpList} (off by default): VPNs, Tor, proxies and hosting providers; it blocks
 *       real visitors who use a VPN too;</li>
 *   <li>{@code AWSManagedRulesKnownBadInputsRuleSet} (on by default): request patterns of known exploits (Log4j,
 *       Java deserialization, ...);</li>
 *   <li>{@code QueryStringTooLarge} and {@code BodyTooLarge}: a query string longer than
 *       {@link Builder#maxQueryStringBytes} or a body longer than {@link Builder#maxBodyBytes} is answered 413.</li>
 * </ol>
 *
 * <p>The size limits cannot be set so high that a hit WAF lets through would be refused by SQS: a query string of
 * at most 10,240 bytes (API Gateway's URL limit for a regional API) and a body of at most 16,384 bytes (what WAF
 * inspects of an API Gateway request body; a larger body is blocked, never passed uninspected) expand to less than
 * a third of SQS's 1 MiB message (the arithmetic is in {@code docs/envelope.md}).
 */
public final class EdgeProtectionOptions {

    /** The evaluation windows AWS WAF supports for rate-based rules, in seconds. */
    public static final Set<Integer> EVALUATION_WINDOWS_SECONDS = Set.of(60, 120, 300, 600);
    /** The smallest limit of a rate-based rule. */
    public static final int MIN_RATE_LIMIT = 10;
    /** The largest limit of a rate-based rule. */
    public static final int MAX_RATE_LIMIT = 2_000_000_000;
    /** API Gateway's URL limit for a regional API: a longer query string never reaches the stage. */
    public static final int MAX_QUERY_STRING_BYTES = 10_240;
    /** How much of an API Gateway request body WAF inspects by default; a larger body is blocked. */
    public static final int MAX_BODY_BYTES = 16_384;

    private final int rateLimitPerIp;
    private final Duration rateLimitWindow;
    private final Integer rateLimitPerEndpointId;
    private final boolean ipReputationList;
    private final boolean knownBadInputs;
    private final boolean anonymousIpList;
    private final int maxQueryStringBytes;
    private final int maxBodyBytes;
    private final WafLogDestination logDestination;

    private EdgeProtectionOptions(Builder b) {
        this.rateLimitPerIp = b.rateLimitPerIp;
        this.rateLimitWindow = b.rateLimitWindow;
        this.rateLimitPerEndpointId = b.rateLimitPerEndpointId;
        this.ipReputationList = b.ipReputationList;
        this.knownBadInputs = b.knownBadInputs;
        this.anonymousIpList = b.anonymousIpList;
        this.maxQueryStringBytes = b.maxQueryStringBytes;
        this.maxBodyBytes = b.maxBodyBytes;
        this.logDestination = b.logDestination;
    }

    /** @return a new builder, every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return requests per client IP per evaluation window; default 10,000 */
    public int getRateLimitPerIp() {
        return rateLimitPerIp;
    }

    /** @return the evaluation window of the rate-based rules; default 5 minutes */
    public Duration getRateLimitWindow() {
        return rateLimitWindow;
    }

    /** @return requests per {@code endpoint_id} per evaluation window, or {@code null} (the default: no such rule) */
    public Integer getRateLimitPerEndpointId() {
        return rateLimitPerEndpointId;
    }

    /** @return whether {@code AWSManagedRulesAmazonIpReputationList} blocks; default {@code true} */
    public boolean isIpReputationList() {
        return ipReputationList;
    }

    /** @return whether {@code AWSManagedRulesKnownBadInputsRuleSet} blocks; default {@code true} */
    public boolean isKnownBadInputs() {
        return knownBadInputs;
    }

    /** @return whether {@code AWSManagedRulesAnonymousIpList} blocks; default {@code false} */
    public boolean isAnonymousIpList() {
        return anonymousIpList;
    }

    /** @return the longest query string let through, in bytes as sent; default 8,192 */
    public int getMaxQueryStringBytes() {
        return maxQueryStringBytes;
    }

    /** @return the longest request body let through, in bytes; default 16,384 */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    /** @return where WAF writes its logs, or {@code null} (the default: no WAF logging) */
    public WafLogDestination getLogDestination() {
        return logDestination;
    }

    /** Builds {@link EdgeProtectionOptions}; {@link #build()} validates every value. */
    public static final class Builder {
        private int rateLimitPerIp = 10_000;
        private Duration rateLimitWindow = Duration.minutes(5);
        private Integer rateLimitPerEndpointId;
        private boolean ipReputationList = true;
        private boolean knownBadInputs = true;
        private boolean anonymousIpList = false;
        private int maxQueryStringBytes = 8_192;
        private int maxBodyBytes = MAX_BODY_BYTES;
        private WafLogDestination logDestination;

        private Builder() {
        }

        /**
         * The most requests one client IP may send per evaluation window; WAF answers 429 to the rest until the
         * address's rate falls below the limit again. WAF's counts are estimates and it enforces them a few seconds
         * late, so treat the limit as approximate.
         *
         * <p>Default 10,000 per 5 minutes (about 33 requests per second sustained): an office or campus NAT puts
         * many real visitors behind one address, and 250 of them browsing at once, each sending a page view every 30
         * seconds with three more events (40 hits in 5 minutes), stay under it, while one machine flooding the pixel
         * is stopped within seconds of crossing it.
         *
         * @param limit requests per client IP per window, 10 to 2,000,000,000
         * @return this builder
         */
        public Builder rateLimitPerIp(int limit) {
            this.rateLimitPerIp = limit;
            return this;
        }

        /**
         * @param window the evaluation window of the rate-based rules: 1, 2, 5 or 10 minutes; default 5 minutes
         * @return this builder
         */
        public Builder rateLimitWindow(Duration window) {
            this.rateLimitWindow = window;
            return this;
        }

        /**
         * Adds a rule that limits requests per value of the {@code endpoint_id} query argument (a custom-key
         * rate-based rule), so one forged or runaway visitor id cannot flood its profile from many addresses.
         * Requests without {@code endpoint_id} (a POST that carries it in the body, an authorized identity) are not
         * counted by it. Default: no such rule.
         *
         * @param limit requests per {@code endpoint_id} per window, 10 to 2,000,000,000; {@code null}
         *              for none
         * @return this builder
         */
        public Builder rateLimitPerEndpointId(Integer limit) {
            this.rateLimitPerEndpointId = limit;
            return this;
        }

        /**
         * @param enabled block sources on Amazon's IP reputation list ({@code AWSManagedRulesAmazonIpReputationList});
         *                default true
         * @return this builder
         */
        public Builder ipReputationList(boolean enabled) {
            this.ipReputationList = enabled;
            return this;
        }

        /**
         * @param enabled block request patterns of known exploits ({@code AWSManagedRulesKnownBadInputsRuleSet});
         *                default true
         * @return this builder
         */
        public Builder knownBadInputs(boolean enabled) {
            this.knownBadInputs = enabled;
            return this;
        }

        /**
         * @param enabled block VPNs, Tor exit nodes, proxies and hosting providers
         *                ({@code AWSManagedRulesAnonymousIpList}); default false, because it also blocks the real
         *                visitors who browse through a VPN and server-side tagging hosted in a cloud
         * @return this builder
         */
        public Builder anonymousIpList(boolean enabled) {
            this.anonymousIpList = enabled;
            return this;
        }

        /**
         * @param bytes the longest query string let through (bytes as sent, percent-encoding included; longer ones
         *              get 413), 1 to 10,240 (API Gateway's URL limit for a regional API); default 8,192, which
         *              holds 30 attributes of 200 plain ASCII characters; send more with POST
         * @return this builder
         */
        public Builder maxQueryStringBytes(int bytes) {
            this.maxQueryStringBytes = bytes;
            return this;
        }

        /**
         * @param bytes the longest request body let through (longer ones get 413), 1 to 16,384 (what WAF inspects of
         *              an API Gateway request body by default); default 16,384
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param destination where WAF logs every request ({@link WafLogDestination#logGroup} or
         *                    {@link WafLogDestination#firehose}); default none (no WAF logging)
         * @return this builder
         */
        public Builder logDestination(WafLogDestination destination) {
            this.logDestination = destination;
            return this;
        }

        /**
         * @return the validated, immutable options
         * @throws IllegalArgumentException naming the option that is out of range
         */
        public EdgeProtectionOptions build() {
            requireRateLimit("rateLimitPerIp", rateLimitPerIp);
            if (rateLimitPerEndpointId != null) {
                requireRateLimit("rateLimitPerEndpointId", rateLimitPerEndpointId);
            }
            if (rateLimitWindow == null || rateLimitWindow.toMilliseconds().doubleValue() % 1000 != 0
                    || !EVALUATION_WINDOWS_SECONDS.contains(rateLimitWindow.toSeconds().intValue())) {
                throw new IllegalArgumentException("edgeProtection: rateLimitWindow must be 1, 2, 5 or 10 minutes "
                        + "(the evaluation windows AWS WAF supports), got "
                        + (rateLimitWindow == null ? "null" : rateLimitWindow.toHumanString()));
            }
            requireRange("maxQueryStringBytes", maxQueryStringBytes, 1, MAX_QUERY_STRING_BYTES,
                    " (API Gateway's URL limit for a regional API)");
            requireRange("maxBodyBytes", maxBodyBytes, 1, MAX_BODY_BYTES,
                    " (what AWS WAF inspects of an API Gateway request body)");
            return new EdgeProtectionOptions(this);
        }

        private static void requireRateLimit(String option, int limit) {
            requireRange(option, limit, MIN_RATE_LIMIT, MAX_RATE_LIMIT, " (AWS WAF's range for rate-based rules)");
        }

        private static void requireRange(String option, long value, long min, long max, String why) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("edgeProtection: " + option + " must be between " + min + " and "
                        + max + why + ", got " + value);
            }
        }
    }
}
