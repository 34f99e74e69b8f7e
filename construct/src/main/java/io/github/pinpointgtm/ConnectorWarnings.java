package io.github.pinpointgtm;

import io.github.pinpointgtm.internal.SynthWarnings;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.constructs.IConstruct;

/** The synthesis warnings a connector's props deserve ({@link SynthWarnings} holds the rules). */
final class ConnectorWarnings {

    private ConnectorWarnings() {
    }

    /**
     * Adds the warnings to the connector.
     *
     * @param connector the connector
     * @param props     its props
     */
    static void addTo(IConstruct connector, PinpointGtmConnectorProps props) {
        SynthWarnings.addTo(connector, SynthWarnings.of(inputs(props)));
    }

    /**
     * @param props a connector's props
     * @return what the warnings are computed from
     */
    static SynthWarnings.Inputs inputs(PinpointGtmConnectorProps props) {
        IdentityVerification identity = props.getIdentityVerification();
        return new SynthWarnings.Inputs(props.getAuthorization().authorizationType() == AuthorizationType.NONE,
                identity != null, identity != null && identity.getAnonymousPrefix() != null,
                props.getDestination().getDestinationType(), props.getAllowedOrigins(),
                props.isAllowRequestsWithoutOrigin(), props.isUserAttributesEnabled(), props.getAllowedEventTypes(),
                props.getCustomDomain() != null && props.getCustomDomain().isDisableExecuteApiEndpoint());
    }
}
