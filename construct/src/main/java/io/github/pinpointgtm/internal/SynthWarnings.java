package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import software.amazon.awscdk.Annotations;
import software.constructs.IConstruct;

/**
 * The risky configurations a connector warns about at synthesis, each under a stable id that can be acknowledged
 * the CDK way: {@code Annotations.of(scope).acknowledgeWarning(id, reason)} on the connector or any scope above it.
 * Computed from explicit inputs, so each rule is testable on its own.
 */
public final class SynthWarnings {

    /** The prefix of every id. */
    public static final String ID_PREFIX = "pinpoint-gtm-connector:";
    /** Anyone can send events for any endpoint id to a destination that can message people. */
    public static final String ANONYMOUS_JOURNEY_DESTINATION = ID_PREFIX + "anonymousJourneyDestination";
    /** {@code allowedOrigins} is {@code *}. */
    public static final String ANY_ORIGIN = ID_PREFIX + "anyOrigin";
    /** {@code allowRequestsWithoutOrigin} is on. */
    public static final String REQUESTS_WITHOUT_ORIGIN = ID_PREFIX + "requestsWithoutOrigin";
    /**
     * {@code userAttributesEnabled} without an authorizer, and without identity verification or with one that lets
     * anonymous-prefix ids through unsigned.
     */
    public static final String UNVERIFIED_USER_ATTRIBUTES = ID_PREFIX + "unverifiedUserAttributes";
    /** {@code allowedEventTypes} is empty. */
    public static final String NO_EVENT_TYPE_ALLOWLIST = ID_PREFIX + "noEventTypeAllowlist";
    /** The custom domain's {@code disableExecuteApiEndpoint} is on. */
    public static final String EXECUTE_API_ENDPOINT_DISABLED = ID_PREFIX + "executeApiEndpointDisabled";

    /**
     * Destinations (their {@code DESTINATION_TYPE}) whose events can start journeys, campaigns or rules that contact
     * the endpoint's person: Pinpoint (journeys, event-triggered campaigns), EventBridge (rules to any target) and
     * Connect Customer Profiles (outbound campaign event triggers).
     */
    static final Set<String> JOURNEY_CAPABLE_DESTINATIONS = Set.of("pinpoint", "eventbridge", "customer-profiles");

    private SynthWarnings() {
    }

    /**
     * What the warnings are computed from.
     *
     * @param anonymous                  the API has no authorizer ({@code ConnectorAuthorization.none()})
     * @param identityVerified           the processor verifies signed endpoint ids
     * @param unsignedAnonymousIds       identity verification lets ids with its anonymous prefix through unsigned
     * @param destinationType            the destination's {@code DESTINATION_TYPE}, e.g. {@code pinpoint}
     * @param allowedOrigins             {@code allowedOrigins}, {@code ["*"]} for any
     * @param allowRequestsWithoutOrigin {@code allowRequestsWithoutOrigin}
     * @param userAttributesEnabled      {@code userAttributesEnabled}
     * @param allowedEventTypes          {@code allowedEventTypes}, empty for any
     * @param executeApiEndpointDisabled the custom domain's {@code disableExecuteApiEndpoint}
     */
    public record Inputs(boolean anonymous, boolean identityVerified, boolean unsignedAnonymousIds,
                         String destinationType,
                         List<String> allowedOrigins, boolean allowRequestsWithoutOrigin,
                         boolean userAttributesEnabled, List<String> allowedEventTypes,
                         boolean executeApiEndpointDisabled) {

        /**
         * Copies the lists; none of the references may be null.
         *
         * @param anonymous                  the API has no authorizer
         * @param identityVerified           the processor verifies signed endpoint ids
         * @param unsignedAnonymousIds       ids with the anonymous prefix need no signature
         * @param destinationType            the destination's {@code DESTINATION_TYPE}
         * @param allowedOrigins             {@code allowedOrigins}
         * @param allowRequestsWithoutOrigin {@code allowRequestsWithoutOrigin}
         * @param userAttributesEnabled      {@code userAttributesEnabled}
         * @param allowedEventTypes          {@code allowedEventTypes}
         * @param executeApiEndpointDisabled the custom domain's {@code disableExecuteApiEndpoint}
         */
        public Inputs {
            Objects.requireNonNull(destinationType, "destinationType");
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedEventTypes = List.copyOf(allowedEventTypes);
        }
    }

    /**
     * One warning.
     *
     * @param id      its stable id
     * @param message what the risk is and how to remove it
     */
    public record Warning(String id, String message) {
    }

    /**
     * @param inputs the configuration
     * @return the warnings it deserves, in a stable order; empty when none
     */
    public static List<Warning> of(Inputs inputs) {
        List<Warning> warnings = new ArrayList<>();
        boolean unverifiedIdentities = inputs.anonymous() && !inputs.identityVerified();
        if (unverifiedIdentities && JOURNEY_CAPABLE_DESTINATIONS.contains(inputs.destinationType())) {
            warnings.add(new Warning(ANONYMOUS_JOURNEY_DESTINATION, "Anyone can send hits for any endpoint_id (no "
                    + "authorizer, no identity verification) to the " + inputs.destinationType() + " destination, "
                    + "whose events can start journeys, campaigns or rules that contact that endpoint's person: a "
                    + "forged hit can message a real customer. Turn on identityVerification or an authorizer."));
        }
        if (inputs.allowedOrigins().contains(AllowedOrigins.ANY)) {
            warnings.add(new Warning(ANY_ORIGIN, "allowedOrigins is '*': the browsers of every website may send "
                    + "hits, and the processor's origin check accepts any origin. List your site's origins."));
        }
        if (inputs.allowRequestsWithoutOrigin()) {
            warnings.add(new Warning(REQUESTS_WITHOUT_ORIGIN, "allowRequestsWithoutOrigin is true: hits with "
                    + "neither Origin nor Referer are accepted, which any script or server can send, so the origin "
                    + "check stops only browsers on other sites."));
        }
        if (inputs.userAttributesEnabled() && unverifiedIdentities) {
            warnings.add(new Warning(UNVERIFIED_USER_ATTRIBUTES, "userAttributesEnabled is true without an "
                    + "authorizer or identity verification: anyone can rewrite the user attributes of any endpoint "
                    + "by sending usat_* parameters with its endpoint_id."));
        } else if (inputs.userAttributesEnabled() && inputs.anonymous() && inputs.unsignedAnonymousIds()) {
            warnings.add(new Warning(UNVERIFIED_USER_ATTRIBUTES, "userAttributesEnabled is true and "
                    + "identityVerification lets ids with its anonymous prefix through unsigned: anyone can rewrite "
                    + "the user attributes of any such endpoint by sending usat_* parameters with its endpoint_id. "
                    + "Use identityVerification without an anonymous prefix, or an authorizer."));
        }
        if (inputs.allowedEventTypes().isEmpty()) {
            warnings.add(new Warning(NO_EVENT_TYPE_ALLOWLIST, "allowedEventTypes is empty: any event type is "
                    + "accepted, so anyone can create event types in the destination and fire the ones your "
                    + "journeys and rules react to. List the event types your tags send."));
        }
        if (inputs.executeApiEndpointDisabled()) {
            warnings.add(new Warning(EXECUTE_API_ENDPOINT_DISABLED, "customDomain's disableExecuteApiEndpoint is "
                    + "true: the execute-api URL answers 403, so hits from tags still sending to it are lost at the "
                    + "edge. Move every tag to getEventsUrl() (the custom domain) before disabling the endpoint."));
        }
        return warnings;
    }

    /**
     * Adds each warning to {@code scope} with {@code Annotations.addWarningV2}, which appends the id as
     * {@code [ack: id]} and skips warnings acknowledged on the scope or above it.
     *
     * @param scope    the connector
     * @param warnings what {@link #of(Inputs)} computed
     */
    public static void addTo(IConstruct scope, List<Warning> warnings) {
        for (Warning warning : warnings) {
            Annotations.of(scope).addWarningV2(warning.id(), warning.message());
        }
    }
}
