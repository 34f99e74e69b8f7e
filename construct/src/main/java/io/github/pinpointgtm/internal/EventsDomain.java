package io.github.pinpointgtm.internal;

import java.util.Objects;

import io.github.pinpointgtm.CustomDomain;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.apigateway.BasePathMapping;
import software.amazon.awscdk.services.apigateway.CfnDomainName;
import software.amazon.awscdk.services.apigateway.DomainName;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.SecurityPolicy;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.AaaaRecord;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.ApiGatewayDomain;
import software.constructs.Construct;

/**
 * The connector's API on a {@link CustomDomain}: the REGIONAL, dual-stack domain name (TLS 1.2), its base path mapping
 * to the API's deployment stage and, with a hosted zone, alias A and AAAA records; and the events URL on that domain.
 * With {@link CustomDomain#isDisableExecuteApiEndpoint()} the API has no {@code Endpoint} output.
 */
public final class EventsDomain {
    /** The id of the {@code CfnOutput} RestApi creates with its {@code execute-api} URL. */
    static final String DEFAULT_ENDPOINT_OUTPUT = "Endpoint";
    /** {@code EndpointConfiguration.IpAddressType} for IPv4 and IPv6 callers. */
    static final String DUAL_STACK = "dualstack";

    private final CustomDomain customDomain;
    private final DomainName domainName;

    private EventsDomain(CustomDomain customDomain, DomainName domainName) {
        this.customDomain = customDomain;
        this.domainName = domainName;
    }

    /**
     * Creates the domain name, its mapping to {@code api}'s deployment stage and the alias records.
     *
     * @param scope        the connector
     * @param customDomain what to create
     * @param api          the API to serve on the domain
     * @return the created domain
     */
    public static EventsDomain create(Construct scope, CustomDomain customDomain, RestApi api) {
        Objects.requireNonNull(customDomain, "customDomain");
        requireCertificateInStackRegion(scope, customDomain.getCertificate().getCertificateArn());
        DomainName domain = DomainName.Builder.create(scope, "EventsDomain")
                .domainName(customDomain.getDomainName())
                .certificate(customDomain.getCertificate())
                .endpointType(EndpointType.REGIONAL)
                .securityPolicy(SecurityPolicy.TLS_1_2)
                .build();
        // DomainNameOptions has no IP address type: without dual stack the AAAA alias would resolve to nothing. The
        // API's own IPv4-only endpoint may stay as it is; a domain name's type need not match its APIs'.
        ((CfnDomainName) domain.getNode().getDefaultChild())
                .addPropertyOverride("EndpointConfiguration.IpAddressType", DUAL_STACK);
        removeDisabledEndpointOutput(api, customDomain.isDisableExecuteApiEndpoint());
        // Not domain.addBasePathMapping: it puts the base path into a construct id, which refuses a token.
        BasePathMapping.Builder.create(scope, "EventsDomainMapping")
                .domainName(domain)
                .restApi(api)
                .stage(api.getDeploymentStage())
                .basePath(customDomain.getBasePath().isEmpty() ? null : customDomain.getBasePath())
                .build();
        if (customDomain.getHostedZone() != null) {
            RecordTarget target = RecordTarget.fromAlias(new ApiGatewayDomain(domain));
            ARecord.Builder.create(scope, "EventsDomainA")
                    .zone(customDomain.getHostedZone())
                    .recordName(customDomain.getDomainName())
                    .target(target)
                    .build();
            AaaaRecord.Builder.create(scope, "EventsDomainAaaa")
                    .zone(customDomain.getHostedZone())
                    .recordName(customDomain.getDomainName())
                    .target(target)
                    .build();
        }
        return new EventsDomain(customDomain, domain);
    }

    /*
     * While the execute-api endpoint is disabled, RestApi's Endpoint output would show a URL that answers 403, and
     * RestApiProps has no switch for that output: removed. (Redeploying the stage when the flag changes, which is when
     * API Gateway applies it, needs nothing here: CDK hashes the CfnRestApi's properties into the deployment's
     * logical id.)
     */
    private static void removeDisabledEndpointOutput(RestApi api, boolean disabled) {
        if (disabled) {
            api.getNode().tryRemoveChild(DEFAULT_ENDPOINT_OUTPUT);
        }
    }

    /* A REGIONAL domain name takes only a certificate of its own region; CloudFormation would fail late. */
    private static void requireCertificateInStackRegion(Construct scope, String certificateArn) {
        String stackRegion = Stack.of(scope).getRegion();
        if (Token.isUnresolved(certificateArn) || Token.isUnresolved(stackRegion)) {
            return;
        }
        String[] arn = certificateArn.split(":", 6);
        if (arn.length == 6 && !arn[3].equals(stackRegion)) {
            throw new IllegalArgumentException("customDomain: certificate " + certificateArn + " is in region "
                    + arn[3] + " but the stack deploys to " + stackRegion + ": a REGIONAL custom domain needs an "
                    + "ACM certificate in its own region");
        }
    }

    /**
     * @param customDomain the connector's custom domain, or {@code null}
     * @return {@code true} when the API's default endpoint is to be turned off, else {@code null}, which leaves the
     *         property out of the template
     */
    public static Boolean disablesExecuteApiEndpoint(CustomDomain customDomain) {
        return customDomain != null && customDomain.isDisableExecuteApiEndpoint() ? Boolean.TRUE : null;
    }

    /** @return the API Gateway custom domain name */
    public DomainName getDomainName() {
        return domainName;
    }

    /**
     * @param eventsPath the events resource's path part
     * @return {@code https://<domain>/[<basePath>/]<eventsPath>} (a token when the domain name is one)
     */
    public String eventsUrl(String eventsPath) {
        String basePath = customDomain.getBasePath();
        return "https://" + customDomain.getDomainName() + "/" + (basePath.isEmpty() ? "" : basePath + "/")
                + eventsPath;
    }
}
