package io.github.pinpointgtm.internal;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one API Gateway request template puts into the envelope, beyond the fields every template writes.
 *
 * @param includeBody       {@code true} for the POST integration: the raw body and its Content-Type go into the
 *                          envelope; {@code false} writes both as {@code ""}
 * @param identityReference a VTL reference to the authenticated identity in API Gateway's {@code $context}, such as
 *                          {@code $context.authorizer.principalId}, {@code $context.authorizer.claims.sub} or
 *                          {@code $context.authorizer.claims['custom:tenant']}; {@code null} or empty when the API is
 *                          unauthenticated (the envelope's {@code identity} is then {@code ""})
 * @param identitySource    a label for where the identity comes from, such as {@code lambda:principalId} or
 *                          {@code cognito:sub}; required with an {@code identityReference}, empty without one
 * @param includeSourceIp   whether the client's IP ({@code $context.identity.sourceIp}) goes into the envelope
 * @param omittedQueryParameters query parameters never written to the envelope: the credentials an authorizer
 *                          reads from the query string (e.g. {@code token}), which must not be stored in the queues
 * @param includeFullReferer whether the envelope's {@code referer} is the whole {@code Referer} header; otherwise
 *                          only its origin (see {@link EnvelopeRequestTemplate#REFERER_ORIGIN})
 */
public record EnvelopeTemplateOptions(
        boolean includeBody, String identityReference, String identitySource, boolean includeSourceIp,
        Set<String> omittedQueryParameters, boolean includeFullReferer) {

    /** Query parameter names that can be written into the template as VTL string literals. */
    private static final Pattern QUERY_PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._\\-]{1,128}");

    /**
     * {@code $context} followed by property segments ({@code .name}) or quoted map keys ({@code ['custom:x']}).
     * Anything else (other roots, method calls, {@code ${...}}, directives) could read a client-controlled value or
     * run arbitrary VTL, so it is refused.
     */
    private static final Pattern CONTEXT_REFERENCE =
            Pattern.compile("\\$context(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\['[A-Za-z0-9_:.\\-]+'\\])+");

    /** Labels are written into the template as constant text; printable ASCII keeps them readable in logs. */
    private static final Pattern SOURCE_LABEL = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /**
     * Options that omit no query parameter.
     *
     * @param includeBody       see the record's components
     * @param identityReference see the record's components
     * @param identitySource    see the record's components
     * @param includeSourceIp   see the record's components
     */
    public EnvelopeTemplateOptions(
            boolean includeBody, String identityReference, String identitySource, boolean includeSourceIp) {
        this(includeBody, identityReference, identitySource, includeSourceIp, Set.of());
    }

    /**
     * Options that keep only the Referer's origin.
     *
     * @param includeBody            see the record's components
     * @param identityReference      see the record's components
     * @param identitySource         see the record's components
     * @param includeSourceIp        see the record's components
     * @param omittedQueryParameters see the record's components
     */
    public EnvelopeTemplateOptions(boolean includeBody, String identityReference, String identitySource,
            boolean includeSourceIp, Set<String> omittedQueryParameters) {
        this(includeBody, identityReference, identitySource, includeSourceIp, omittedQueryParameters, false);
    }

    /**
     * Checks the options; a null {@code identityReference} or {@code identitySource} is stored as empty.
     *
     * @param includeBody       {@code true} for the POST integration: the raw body and its Content-Type go into the
     *                          envelope; {@code false} writes both as {@code ""}
     * @param identityReference a plain {@code $context} reference to the authenticated identity, or {@code null} or
     *                          empty when the API is unauthenticated
     * @param identitySource    a label for where the identity comes from; required with an {@code identityReference},
     *                          empty without one
     * @param includeSourceIp   whether the client's IP goes into the envelope
     * @param omittedQueryParameters query parameters never written to the envelope (an authorizer's credentials)
     * @param includeFullReferer whether the envelope keeps the whole Referer rather than its origin
     * @throws IllegalArgumentException when {@code identityReference} is not a plain {@code $context} reference, or
     *                                  {@code identitySource} is missing, set without a reference, or not 1 to 128
     *                                  printable ASCII characters, or an omitted query parameter name cannot be written as a VTL literal
     */
    public EnvelopeTemplateOptions {
        omittedQueryParameters = Collections.unmodifiableSet(new TreeSet<>(
                Objects.requireNonNullElse(omittedQueryParameters, Set.<String>of())));
        for (String name : omittedQueryParameters) {
            if (!QUERY_PARAMETER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("omittedQueryParameters entry '" + name
                        + "' must match " + QUERY_PARAMETER_NAME.pattern());
            }
        }
        identityReference = Objects.requireNonNullElse(identityReference, "");
        identitySource = Objects.requireNonNullElse(identitySource, "");
        if (identityReference.isEmpty()) {
            if (!identitySource.isEmpty()) {
                throw new IllegalArgumentException("identitySource '" + identitySource
                        + "' is set but identityReference is empty; an unauthenticated template has no identity source");
            }
        } else {
            if (!CONTEXT_REFERENCE.matcher(identityReference).matches()) {
                throw new IllegalArgumentException("identityReference '" + identityReference
                        + "' is not a plain $context reference (expected e.g. $context.authorizer.principalId or"
                        + " $context.authorizer.claims['custom:id'])");
            }
            if (!SOURCE_LABEL.matcher(identitySource).matches()) {
                throw new IllegalArgumentException("identitySource '" + identitySource + "' must be 1 to 128"
                        + " printable ASCII characters without spaces (e.g. lambda:principalId) when identityReference"
                        + " is set");
            }
        }
    }

    /**
     * Whether the template reads an authenticated identity.
     *
     * @return {@code true} when {@code identityReference} is set
     */
    public boolean authenticated() {
        return !identityReference.isEmpty();
    }
}
