package io.github.pinpointgtm;

import java.util.regex.Pattern;

import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.route53.IHostedZone;

/**
 * Serves the connector's events URL on a domain of the site, e.g. {@code https://collect.example.com/events}: a
 * REGIONAL API Gateway custom domain name (TLS 1.2 security policy) with a base path mapping to the connector's
 * stage, and, when a hosted zone is given, Route 53 alias A and AAAA records pointing the name at it. The stage's web
 * ACL sees every request, whichever host name it came in on.
 *
 * <p>Immutable; create it with {@link #builder()}.
 *
 * <pre>{@code
 * CustomDomain.builder()
 *     .domainName("collect.example.com")
 *     .certificate(Certificate.fromCertificateArn(this, "Cert", certificateArn)) // in the stack's region
 *     .hostedZone(zone)                                                          // optional
 *     .build();
 * }</pre>
 */
public final class CustomDomain {

    /** One DNS label: letters, digits and inner hyphens, 1 to 63 characters. */
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    /** At least two labels; no wildcard (the events URL names one host). */
    private static final Pattern DOMAIN_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");
    /** What API Gateway accepts in a single-level base path (the characters CDK's BasePathMapping checks). */
    private static final Pattern BASE_PATH = Pattern.compile("[A-Za-z0-9$_.+!*'()-]{1,128}");

    private final String domainName;
    private final ICertificate certificate;
    private final IHostedZone hostedZone;
    private final String basePath;
    private final boolean disableExecuteApiEndpoint;

    private CustomDomain(Builder builder) {
        this.domainName = builder.domainName;
        this.certificate = builder.certificate;
        this.hostedZone = builder.hostedZone;
        this.basePath = builder.basePath;
        this.disableExecuteApiEndpoint = builder.disableExecuteApiEndpoint;
    }

    /** @return a builder; {@code domainName} and {@code certificate} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the host name the events URL uses, e.g. {@code collect.example.com} (may be a token) */
    public String getDomainName() {
        return domainName;
    }

    /** @return the ACM certificate for the domain name, in the stack's region */
    public ICertificate getCertificate() {
        return certificate;
    }

    /** @return the zone that gets the alias records, or {@code null} when the DNS is managed elsewhere */
    public IHostedZone getHostedZone() {
        return hostedZone;
    }

    /** @return the path segment before the events path; {@code ""} (the default) maps the domain's root */
    public String getBasePath() {
        return basePath;
    }

    /** @return whether the API's default {@code execute-api} endpoint is turned off; default {@code false} */
    public boolean isDisableExecuteApiEndpoint() {
        return disableExecuteApiEndpoint;
    }

    /** Builds a {@link CustomDomain}; {@link #build()} validates every value. */
    public static final class Builder {
        private String domainName;
        private ICertificate certificate;
        private IHostedZone hostedZone;
        private String basePath = "";
        private boolean disableExecuteApiEndpoint = false;

        private Builder() {
        }

        /**
         * @param domainName the host name to serve the events on, e.g. {@code collect.example.com}: a subdomain of
         *                   the site, so collection is first-party. Required. Letters, digits, hyphens and dots, at
         *                   least two labels, no wildcard; a token (e.g. a parameter) is accepted as is
         * @return this builder
         */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        /**
         * @param certificate an ACM certificate covering {@code domainName}, issued in the region the stack deploys to
         *                    (a REGIONAL custom domain needs it there; the connector refuses one of another region
         *                    when both regions are known at synthesis). Required
         * @return this builder
         */
        public Builder certificate(ICertificate certificate) {
            this.certificate = certificate;
            return this;
        }

        /**
         * @param hostedZone the Route 53 zone that holds {@code domainName}: alias A and AAAA records are created in
         *                   it. Default: none; point the name at the custom domain's regional domain name yourself
         *                   (a CNAME to {@code getEventsDomain().getDomainNameAliasDomainName()})
         * @return this builder
         */
        public Builder hostedZone(IHostedZone hostedZone) {
            this.hostedZone = hostedZone;
            return this;
        }

        /**
         * @param basePath one path segment before the events path, e.g. {@code t} for
         *                 {@code https://collect.example.com/t/events}: 1 to 128 of {@code A-Z a-z 0-9 $ - _ . + ! * ' ( )},
         *                 but not {@code .} or {@code ..} (URL normalisation removes those). Default {@code ""}: the
         *                 domain's root is mapped to the stage, and the domain can serve no other API
         * @return this builder
         */
        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        /**
         * @param disable turn off the API's default {@code https://<id>.execute-api.<region>.amazonaws.com} endpoint,
         *                so hits arrive only through the custom domain; default {@code false} (both work)
         * @return this builder
         */
        public Builder disableExecuteApiEndpoint(boolean disable) {
            this.disableExecuteApiEndpoint = disable;
            return this;
        }

        /**
         * @return the validated, immutable custom domain
         * @throws IllegalArgumentException naming the property that is missing or malformed
         */
        public CustomDomain build() {
            if (domainName == null || domainName.isEmpty()) {
                throw new IllegalArgumentException("customDomain: domainName is required (e.g. collect.example.com)");
            }
            if (!Token.isUnresolved(domainName) && (domainName.length() > 253
                    || !DOMAIN_NAME.matcher(domainName).matches())) {
                throw new IllegalArgumentException("customDomain: domainName '" + domainName + "' must be a host "
                        + "name of at least two labels (letters, digits and inner hyphens, 1 to 63 characters each, "
                        + "253 in all), without a wildcard, scheme, port or path");
            }
            if (certificate == null) {
                throw new IllegalArgumentException("customDomain: certificate is required (an ACM certificate for "
                        + domainName + " in the stack's region)");
            }
            if (basePath == null) {
                throw new IllegalArgumentException("customDomain: basePath must not be null (\"\" maps the root)");
            }
            if (!basePath.isEmpty() && !Token.isUnresolved(basePath) && !BASE_PATH.matcher(basePath).matches()) {
                throw new IllegalArgumentException("customDomain: basePath '" + basePath + "' must be one path "
                        + "segment of 1 to 128 of the characters A-Z a-z 0-9 $ - _ . + ! * ' ( ), without '/'");
            }
            if (basePath.equals(".") || basePath.equals("..")) {
                throw new IllegalArgumentException("customDomain: basePath '" + basePath + "' is a dot segment, which "
                        + "browsers and HTTP clients remove from a URL, so the events URL could not be reached: give "
                        + "a name such as 't'");
            }
            if (hostedZone != null) {
                requireWithinZone(domainName, hostedZone.getZoneName());
            }
            return new CustomDomain(this);
        }

        /* CDK would append the zone to a name outside it (collect.other.com.example.com): refuse that at once. */
        private static void requireWithinZone(String domainName, String zoneName) {
            if (Token.isUnresolved(domainName) || zoneName == null || Token.isUnresolved(zoneName)) {
                return;
            }
            String name = stripTrailingDot(domainName).toLowerCase(java.util.Locale.ROOT);
            String zone = stripTrailingDot(zoneName).toLowerCase(java.util.Locale.ROOT);
            if (!name.equals(zone) && !name.endsWith("." + zone)) {
                throw new IllegalArgumentException("customDomain: domainName '" + domainName + "' is not in the "
                        + "hostedZone '" + zoneName + "': give the zone that holds the name, or no zone");
            }
        }

        private static String stripTrailingDot(String name) {
            return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        }
    }
}
