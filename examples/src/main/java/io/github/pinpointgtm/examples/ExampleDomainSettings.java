package io.github.pinpointgtm.examples;

import java.util.function.Function;

import io.github.pinpointgtm.CustomDomain;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.constructs.Construct;

/**
 * Where the example serves its events, read from CDK context: a custom domain of the site (first-party collection)
 * and the events path. The certificate and the zone are referenced by ARN and id, never looked up, so the app still
 * synthesizes offline.
 *
 * <table>
 *   <caption>Context keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code eventsPath}</td><td>{@value #DEFAULT_EVENTS_PATH}</td><td>the events resource's path part</td></tr>
 *   <tr><td>{@code domainName}</td><td>none</td><td>serve the events on this host, e.g. {@code collect.example.com}
 *       </td></tr>
 *   <tr><td>{@code certificateArn}</td><td>none</td><td>the ACM certificate for {@code domainName}, in the stack's
 *       region; required with {@code domainName}</td></tr>
 *   <tr><td>{@code hostedZoneId}, {@code hostedZoneName}</td><td>none</td><td>the Route 53 zone that gets alias A
 *       and AAAA records for {@code domainName}; both or neither. Without them, point the name at the
 *       {@code EventsDomainTarget} output yourself</td></tr>
 *   <tr><td>{@code basePath}</td><td>none</td><td>a path segment before the events path on the domain</td></tr>
 *   <tr><td>{@code disableExecuteApiEndpoint}</td><td>{@code false}</td><td>{@code true} turns the API's default
 *       {@code execute-api} URL off</td></tr>
 * </table>
 *
 * @param eventsPath                the events resource's path part
 * @param domainName                the custom domain's host name, or {@code null} for none
 * @param certificateArn            the certificate's ARN, or {@code null} without a domain
 * @param hostedZoneId              the zone's id, or {@code null}
 * @param hostedZoneName            the zone's name, or {@code null}
 * @param basePath                  the base path, {@code ""} for the domain's root
 * @param disableExecuteApiEndpoint whether the default endpoint is turned off
 */
public record ExampleDomainSettings(String eventsPath, String domainName, String certificateArn, String hostedZoneId,
                                    String hostedZoneName, String basePath, boolean disableExecuteApiEndpoint) {

    public static final String DEFAULT_EVENTS_PATH = "events";

    /** The API's own URL and the default events path. */
    public static final ExampleDomainSettings NONE =
            new ExampleDomainSettings(DEFAULT_EVENTS_PATH, null, null, null, null, "", false);

    /**
     * @param context a context lookup, e.g. {@code app.getNode()::tryGetContext}
     * @return the settings, defaults filled in
     * @throws IllegalArgumentException naming the context key when the keys do not go together
     */
    public static ExampleDomainSettings fromContext(Function<String, Object> context) {
        String domainName = string(context, "domainName");
        String certificateArn = string(context, "certificateArn");
        String hostedZoneId = string(context, "hostedZoneId");
        String hostedZoneName = string(context, "hostedZoneName");
        String basePath = string(context, "basePath");
        String disable = string(context, "disableExecuteApiEndpoint");
        if (domainName == null && (certificateArn != null || hostedZoneId != null || hostedZoneName != null
                || basePath != null || disable != null)) {
            throw new IllegalArgumentException("certificateArn, hostedZoneId, hostedZoneName, basePath and "
                    + "disableExecuteApiEndpoint need -c domainName=<host>");
        }
        if (domainName != null && certificateArn == null) {
            throw new IllegalArgumentException("domainName needs -c certificateArn=<ACM certificate ARN in the "
                    + "stack's region>");
        }
        if ((hostedZoneId == null) != (hostedZoneName == null)) {
            throw new IllegalArgumentException("hostedZoneId and hostedZoneName go together: give both or neither");
        }
        if (disable != null && !disable.equals("true") && !disable.equals("false")) {
            throw new IllegalArgumentException("disableExecuteApiEndpoint must be true or false, got '" + disable + "'");
        }
        String eventsPath = string(context, "eventsPath");
        return new ExampleDomainSettings(eventsPath == null ? DEFAULT_EVENTS_PATH : eventsPath, domainName,
                certificateArn, hostedZoneId, hostedZoneName, basePath == null ? "" : basePath, "true".equals(disable));
    }

    /**
     * Sets the events path and, with a domain name, the custom domain on the connector's props.
     *
     * @param scope the stack, which gets the imported certificate and zone
     * @param props the connector's props
     */
    public void applyTo(Construct scope, PinpointGtmConnectorProps.Builder props) {
        props.eventsPath(eventsPath);
        if (domainName == null) {
            return;
        }
        CustomDomain.Builder domain = CustomDomain.builder()
                .domainName(domainName)
                .certificate(Certificate.fromCertificateArn(scope, "EventsCertificate", certificateArn))
                .basePath(basePath)
                .disableExecuteApiEndpoint(disableExecuteApiEndpoint);
        if (hostedZoneId != null) {
            domain.hostedZone(HostedZone.fromHostedZoneAttributes(scope, "EventsZone", HostedZoneAttributes.builder()
                    .hostedZoneId(hostedZoneId)
                    .zoneName(hostedZoneName)
                    .build()));
        }
        props.customDomain(domain.build());
    }

    private static String string(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
