package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.pinpointgtm.internal.SynthWarnings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * The connector's synth-time warnings: each risky configuration warns on the connector under its stable id, a safe
 * one does not, and an acknowledgement on the stack silences exactly the acknowledged id.
 */
class SynthWarningsTest {

    private static final String CONNECTOR_PATH = "/TestStack/Connector";
    private static final List<String> EVENT_TYPES = List.of("purchase", "add_to_cart");

    /** The ids of the warnings on the connector. */
    private static List<String> warningIds(Function<Stack, PinpointGtmConnectorProps> props) {
        return warningIds(props, stack -> { });
    }

    private static List<String> warningIds(Function<Stack, PinpointGtmConnectorProps> props,
            java.util.function.Consumer<Stack> before) {
        Stack stack = TestStacks.newStack();
        before.accept(stack);
        new PinpointGtmConnector(stack, "Connector", props.apply(stack));
        return software.amazon.awscdk.assertions.Annotations.fromStack(stack)
                .findWarning(CONNECTOR_PATH, Match.anyValue()).stream()
                .map(SynthWarningsTest::idOf).toList();
    }

    /** {@code addWarningV2} ends every message with {@code [ack: <id>]}. */
    private static String idOf(SynthesisMessage message) {
        String text = String.valueOf(message.getEntry().getData());
        int ack = text.lastIndexOf("[ack: ");
        assertThat(ack).as(text).isPositive();
        return text.substring(ack + "[ack: ".length(), text.length() - 1);
    }

    /** A Kinesis destination, explicit origins and an event-type allowlist: nothing to warn about. */
    private static PinpointGtmConnectorProps.Builder quiet(Stack stack) {
        return PinpointGtmConnectorProps.builder()
                .destination(EventDestination.kinesisStream(DestinationFixtures.in(stack).stream))
                .allowedOrigins(List.of(TestStacks.ORIGIN))
                .allowedEventTypes(EVENT_TYPES);
    }

    @Test
    void aSafeConfigurationHasNoWarning() {
        assertThat(warningIds(stack -> quiet(stack).build())).isEmpty();
    }

    @Test
    void theDefaultsWarnAboutAnonymousJourneysAndTheMissingAllowlist() {
        assertThat(warningIds(stack -> minimalProps().build())).containsExactly(
                "pinpoint-gtm-connector:anonymousJourneyDestination", "pinpoint-gtm-connector:noEventTypeAllowlist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pinpoint", "eventbridge", "customer-profiles"})
    void anonymousHitsToAJourneyCapableDestinationWarn(String destinationType) {
        Function<Stack, PinpointGtmConnectorProps.Builder> props = stack -> PinpointGtmConnectorProps.builder()
                .destination(DestinationFixtures.in(stack).destinations().get(destinationType))
                .allowedOrigins(List.of(TestStacks.ORIGIN)).allowedEventTypes(EVENT_TYPES);

        assertThat(warningIds(stack -> props.apply(stack).build()))
                .containsExactly("pinpoint-gtm-connector:anonymousJourneyDestination");
        Stack stack = TestStacks.newStack();
        new PinpointGtmConnector(stack, "Connector", props.apply(stack).build());
        software.amazon.awscdk.assertions.Annotations.fromStack(stack).hasWarning(CONNECTOR_PATH,
                Match.stringLikeRegexp(".*to the " + destinationType + " destination.*"));
        assertThat(warningIds(stack2 -> props.apply(stack2)
                .authorization(ConnectorAuthorization.cognito(new UserPool(stack2, "Users"))).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kinesis", "firehose"})
    void anonymousHitsToARecordDestinationDoNotWarn(String destinationType) {
        assertThat(warningIds(stack -> PinpointGtmConnectorProps.builder()
                .destination(DestinationFixtures.in(stack).destinations().get(destinationType))
                .allowedOrigins(List.of(TestStacks.ORIGIN)).allowedEventTypes(EVENT_TYPES).build())).isEmpty();
    }

    @Test
    void anyOriginWarns() {
        assertThat(warningIds(stack -> quiet(stack).allowedOrigins(List.of("*")).build()))
                .containsExactly("pinpoint-gtm-connector:anyOrigin");
    }

    @Test
    void requestsWithoutOriginWarn() {
        assertThat(warningIds(stack -> quiet(stack).allowRequestsWithoutOrigin(true).build()))
                .containsExactly("pinpoint-gtm-connector:requestsWithoutOrigin");
    }

    @Test
    void userAttributesWarnOnlyWithoutAnAuthorizer() {
        assertThat(warningIds(stack -> quiet(stack).userAttributesEnabled(true).build()))
                .containsExactly("pinpoint-gtm-connector:unverifiedUserAttributes");
        assertThat(warningIds(stack -> quiet(stack).userAttributesEnabled(true)
                .authorization(ConnectorAuthorization.lambda(software.amazon.awscdk.services.lambda.Function.Builder
                        .create(stack, "Authorizer").runtime(Runtime.NODEJS_22_X).handler("index.handler")
                        .code(Code.fromInline("exports.handler = async () => ({});")).build(), "token"))
                .build())).isEmpty();
    }

    @Test
    void aMissingEventTypeAllowlistWarns() {
        assertThat(warningIds(stack -> quiet(stack).allowedEventTypes(List.of()).build()))
                .containsExactly("pinpoint-gtm-connector:noEventTypeAllowlist");
    }

    @Test
    void anAcknowledgementOnTheStackSilencesExactlyThatId() {
        assertThat(warningIds(stack -> minimalProps().build(), stack -> Annotations.of(stack).acknowledgeWarning(
                "pinpoint-gtm-connector:noEventTypeAllowlist", "the tag manager container is ours")))
                .containsExactly("pinpoint-gtm-connector:anonymousJourneyDestination");
    }

    @Test
    void identityVerificationRemovesTheIdentityWarnings() {
        SynthWarnings.Inputs risky = new SynthWarnings.Inputs(true, false, false, "customer-profiles",
                List.of(TestStacks.ORIGIN), false, true, EVENT_TYPES, false);
        SynthWarnings.Inputs verified = new SynthWarnings.Inputs(true, true, false, "customer-profiles",
                List.of(TestStacks.ORIGIN), false, true, EVENT_TYPES, false);

        assertThat(SynthWarnings.of(risky)).extracting(SynthWarnings.Warning::id).containsExactly(
                SynthWarnings.ANONYMOUS_JOURNEY_DESTINATION, SynthWarnings.UNVERIFIED_USER_ATTRIBUTES);
        assertThat(SynthWarnings.of(verified)).isEmpty();
    }

    @Test
    void withAnAnonymousPrefixIdentityVerificationKeepsTheUserAttributesWarning() {
        SynthWarnings.Inputs withPrefix = new SynthWarnings.Inputs(true, true, true, "customer-profiles",
                List.of(TestStacks.ORIGIN), false, true, EVENT_TYPES, false);
        SynthWarnings.Inputs withPrefixNoUserAttributes = new SynthWarnings.Inputs(true, true, true,
                "customer-profiles", List.of(TestStacks.ORIGIN), false, false, EVENT_TYPES, false);
        SynthWarnings.Inputs withPrefixBehindAnAuthorizer = new SynthWarnings.Inputs(false, true, true,
                "customer-profiles", List.of(TestStacks.ORIGIN), false, true, EVENT_TYPES, false);

        assertThat(SynthWarnings.of(withPrefix)).singleElement().satisfies(warning -> {
            assertThat(warning.id()).isEqualTo(SynthWarnings.UNVERIFIED_USER_ATTRIBUTES);
            assertThat(warning.message()).contains("anonymous prefix").contains("userAttributesEnabled")
                    .contains("identityVerification");
        });
        assertThat(SynthWarnings.of(withPrefixNoUserAttributes)).isEmpty();
        assertThat(SynthWarnings.of(withPrefixBehindAnAuthorizer)).isEmpty();
    }

    @Test
    void theConnectorPassesItsAnonymousPrefixToTheWarnings() {
        Function<Stack, PinpointGtmConnectorProps.Builder> userAttributes = stack -> quiet(stack)
                .userAttributesEnabled(true);

        assertThat(warningIds(stack -> userAttributes.apply(stack)
                .identityVerification(IdentityVerification.hmacSha256(
                        new software.amazon.awscdk.services.secretsmanager.Secret(stack, "IdentityKey"), "anon-"))
                .build())).containsExactly("pinpoint-gtm-connector:unverifiedUserAttributes");
        assertThat(warningIds(stack -> userAttributes.apply(stack)
                .identityVerification(IdentityVerification.hmacSha256(
                        new software.amazon.awscdk.services.secretsmanager.Secret(stack, "IdentityKey")))
                .build())).isEmpty();
    }

    @Test
    void theConnectorPassesItsIdentityVerificationToTheWarnings() {
        Function<Stack, PinpointGtmConnectorProps.Builder> risky = stack -> PinpointGtmConnectorProps.builder()
                .destination(DestinationFixtures.in(stack).destinations().get("customer-profiles"))
                .allowedOrigins(List.of(TestStacks.ORIGIN)).allowedEventTypes(EVENT_TYPES)
                .userAttributesEnabled(true);

        assertThat(warningIds(stack -> risky.apply(stack).build())).containsExactly(
                "pinpoint-gtm-connector:anonymousJourneyDestination", "pinpoint-gtm-connector:unverifiedUserAttributes");
        assertThat(warningIds(stack -> risky.apply(stack)
                .identityVerification(IdentityVerification.hmacSha256(
                        new software.amazon.awscdk.services.secretsmanager.Secret(stack, "IdentityKey")))
                .build())).isEmpty();
    }

    @Test
    void aDisabledExecuteApiEndpointWarnsToMoveTheTagsToTheEventsUrlFirst() {
        Function<Boolean, Function<Stack, PinpointGtmConnectorProps>> withDomain = disabled -> stack -> quiet(stack)
                .customDomain(CustomDomain.builder().domainName("collect.example.com")
                        .certificate(software.amazon.awscdk.services.certificatemanager.Certificate.fromCertificateArn(
                                stack, "Certificate", "arn:aws:acm:eu-west-1:123456789012:certificate/1"))
                        .disableExecuteApiEndpoint(disabled).build())
                .build();

        assertThat(warningIds(withDomain.apply(true)))
                .containsExactly("pinpoint-gtm-connector:executeApiEndpointDisabled");
        assertThat(warningIds(withDomain.apply(false))).isEmpty();
        assertThat(warningIds(stack -> quiet(stack).build())).isEmpty();
    }

    @Test
    void everyWarningNamesWhatToChange() {
        SynthWarnings.Inputs everything = new SynthWarnings.Inputs(true, false, false, "eventbridge", List.of("*"),
                true, true, List.of(), true);
        Map<String, String> props = Map.of(
                SynthWarnings.ANONYMOUS_JOURNEY_DESTINATION, "identityVerification",
                SynthWarnings.ANY_ORIGIN, "allowedOrigins",
                SynthWarnings.REQUESTS_WITHOUT_ORIGIN, "allowRequestsWithoutOrigin",
                SynthWarnings.UNVERIFIED_USER_ATTRIBUTES, "userAttributesEnabled",
                SynthWarnings.NO_EVENT_TYPE_ALLOWLIST, "allowedEventTypes",
                SynthWarnings.EXECUTE_API_ENDPOINT_DISABLED, "getEventsUrl()");

        assertThat(SynthWarnings.of(everything)).hasSize(6)
                .allSatisfy(warning -> assertThat(warning.message()).contains(props.get(warning.id())));
    }
}
