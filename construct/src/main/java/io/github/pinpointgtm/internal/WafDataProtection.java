package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awscdk.services.wafv2.CfnWebACL;

/**
 * The request fields the connector's web ACL replaces with {@code REDACTED} in its logs and sampled requests (AWS
 * WAF's data protection, which covers both; a logging configuration's {@code RedactedFields} covers only logs and can
 * only redact the whole query string, not one argument).
 *
 * <ul>
 *   <li>Query arguments: {@code endpoint_id}, {@code endpoint_sig} and an authorizer's query-string credentials.</li>
 *   <li>Headers: {@code authorization} (a Cognito ID token), {@code cookie} (a first-party custom domain receives the
 *       site's cookies) and an authorizer's header credentials. WAF's log shows the {@code Cookie} header's value
 *       only redacted when that header itself is protected.</li>
 *   <li>Every cookie, by name: where a rule's match details name a single cookie.</li>
 * </ul>
 * Header names are written in lower case and each once: HTTP header names are case-insensitive, as are the names
 * WAF's rules match a single header by. The client IP (and {@code X-Forwarded-For}), the {@code User-Agent} and the
 * full {@code Referer} stay in logs and samples.
 */
public final class WafDataProtection {

    /** The query arguments always redacted: the visitor's id and its signature. */
    public static final List<String> IDENTITY_QUERY_ARGUMENTS = List.of("endpoint_id", "endpoint_sig");
    /** The headers always redacted: a bearer token and the site's cookies. */
    public static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "cookie");
    /** The longest field key AWS WAF's data protection accepts. */
    static final int MAX_KEY_LENGTH = 64;
    /** The most field keys one protected field type accepts. */
    static final int MAX_KEYS = 100;

    private static final String SUBSTITUTION = "SUBSTITUTION";

    private WafDataProtection() {
    }

    /**
     * @param credentialQueryArguments the query arguments an authorizer reads credentials from
     * @param credentialHeaders        the headers an authorizer reads credentials from, in any case
     * @return the web ACL's data protection, in one order in every JVM
     * @throws IllegalArgumentException (naming the {@code authorization} prop) if a name is longer than WAF can
     *                                  protect, or there are more names than it accepts
     */
    public static CfnWebACL.DataProtectionConfigProperty config(Set<String> credentialQueryArguments,
            List<String> credentialHeaders) {
        Set<String> queryArguments = new TreeSet<>(IDENTITY_QUERY_ARGUMENTS);
        for (String argument : credentialQueryArguments) {
            queryArguments.add(protectable("query parameter", argument));
        }
        Set<String> headers = new LinkedHashSet<>(CREDENTIAL_HEADERS);
        for (String header : credentialHeaders) {
            headers.add(protectable("header", header).toLowerCase(Locale.ROOT));
        }
        List<CfnWebACL.DataProtectProperty> protections = new ArrayList<>();
        protections.add(substitute("SINGLE_QUERY_ARGUMENT", List.copyOf(queryArguments)));
        protections.add(substitute("SINGLE_HEADER", List.copyOf(headers)));
        // No keys: every cookie, whatever its name.
        protections.add(substitute("SINGLE_COOKIE", null));
        return CfnWebACL.DataProtectionConfigProperty.builder().dataProtections(protections).build();
    }

    private static String protectable(String kind, String name) {
        if (name.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("authorization: the " + kind + " '" + name + "' is longer than the "
                    + MAX_KEY_LENGTH + " characters AWS WAF can redact from its logs and sampled requests");
        }
        return name;
    }

    private static CfnWebACL.DataProtectProperty substitute(String fieldType, List<String> keys) {
        if (keys != null && keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("authorization: AWS WAF redacts at most " + MAX_KEYS + " names of one "
                    + "kind from its logs and sampled requests, the connector would need " + keys.size() + " ("
                    + fieldType + ")");
        }
        CfnWebACL.FieldToProtectProperty.Builder field = CfnWebACL.FieldToProtectProperty.builder().fieldType(fieldType);
        if (keys != null) {
            field.fieldKeys(keys);
        }
        return CfnWebACL.DataProtectProperty.builder().field(field.build()).action(SUBSTITUTION).build();
    }
}
