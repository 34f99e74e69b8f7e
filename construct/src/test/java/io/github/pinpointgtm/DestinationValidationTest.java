package io.github.pinpointgtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.kinesis.Stream;

/** Every destination factory and option fails at once, naming what is wrong. */
class DestinationValidationTest {

    private static void assertRejected(ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(messageParts);
    }

    // ------------------------------------------------------------------ null resources

    @Test
    void aStreamIsRequired() {
        assertRejected(() -> EventDestination.kinesisStream(null), "kinesisStream", "stream", "null");
    }

    @Test
    void aDeliveryStreamIsRequired() {
        assertRejected(() -> EventDestination.firehose(null), "firehose", "deliveryStream", "null");
    }

    @Test
    void aBusIsRequired() {
        assertRejected(() -> EventDestination.eventBridge(null), "eventBridge", "bus", "null");
        assertRejected(() -> EventDestination.eventBridge(null, EventBridgeDestinationOptions.builder().build()),
                "eventBridge", "bus", "null");
    }

    @Test
    void eventBridgeOptionsAreRequiredWhenPassed() {
        Stack stack = TestStacks.newStack();
        assertRejected(() -> EventDestination.eventBridge(EventBus.Builder.create(stack, "Bus").build(), null),
                "eventBridge", "options", "null");
    }

    // ------------------------------------------------------------------ Customer Profiles names

    @Test
    void customerProfilesNamesAreRequired() {
        assertRejected(() -> EventDestination.customerProfiles(null, "GtmCustomerEvent"), "domainName", "null");
        assertRejected(() -> EventDestination.customerProfiles("gtm-shop", null), "objectTypeName", "null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gtm shop", "gtm.shop", "gtm/shop", "gtm:shop", "gtm*",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void domainNamesFollowTheCustomerProfilesApi(String domainName) {
        assertRejected(() -> EventDestination.customerProfiles(domainName, "GtmCustomerEvent"),
                "customerProfiles", "domainName", "1 to 64", "'" + domainName + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gtm-shop", "GTM_shop_2", "0", "-", "_",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void validDomainNamesAreAccepted(String domainName) {
        assertThat(EventDestination.customerProfiles(domainName, "GtmCustomerEvent").getDomainName())
                .isEqualTo(domainName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1GtmEvent", "-GtmEvent", "Gtm Event", "Gtm.Event", "Gtm/Event", "Gtm*"})
    void objectTypeNamesFollowTheCustomerProfilesApi(String objectTypeName) {
        assertRejected(() -> EventDestination.customerProfiles("gtm-shop", objectTypeName),
                "customerProfiles", "objectTypeName", "1 to 255", "'" + objectTypeName + "'");
    }

    @Test
    void objectTypeNamesAreAtMost255Characters() {
        String longest = "G" + "x".repeat(254);
        assertThat(EventDestination.customerProfiles("gtm-shop", longest).getObjectTypeName()).isEqualTo(longest);
        assertRejected(() -> EventDestination.customerProfiles("gtm-shop", longest + "x"), "objectTypeName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GtmCustomerEvent", "gtm_event-v2", "_private", "A"})
    void validObjectTypeNamesAreAccepted(String objectTypeName) {
        assertThat(EventDestination.customerProfiles("gtm-shop", objectTypeName).getObjectTypeName())
                .isEqualTo(objectTypeName);
    }

    @Test
    void customerProfilesTokensAreCheckedAtDeployTime() {
        CustomerProfilesDestination destination = EventDestination.customerProfiles(
                Fn.importValue("Domain"), Fn.importValue("ObjectType"));
        assertThat(destination.getDestinationType()).isEqualTo("customer-profiles");
    }

    // ------------------------------------------------------------------ EventBridge options

    @Test
    void eventBridgeOptionsDefaultToTheProcessorsDefaults() {
        EventBridgeDestinationOptions options = EventBridgeDestinationOptions.builder().build();
        assertThat(options.getSource()).isEqualTo("io.github.pinpointgtm");
        assertThat(options.getDetailType()).isEqualTo("GTM Customer Event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws.foo", "aws.events", "aws."})
    void theAwsSourcePrefixIsReserved(String source) {
        assertRejected(() -> EventBridgeDestinationOptions.builder().source(source).build(),
                "eventBridge", "source", "aws.", "reserved");
    }

    @Test
    void sourcesAre1To256Characters() {
        assertRejected(() -> EventBridgeDestinationOptions.builder().source("").build(), "source", "1 to 256");
        assertRejected(() -> EventBridgeDestinationOptions.builder().source(" ").build(), "source", "1 to 256");
        assertRejected(() -> EventBridgeDestinationOptions.builder().source(null).build(), "source", "null");
        assertRejected(() -> EventBridgeDestinationOptions.builder().source("s".repeat(257)).build(),
                "source", "1 to 256", "257 characters");
        assertThat(EventBridgeDestinationOptions.builder().source("s".repeat(256)).build().getSource())
                .hasSize(256);
        assertThat(EventBridgeDestinationOptions.builder().source("awsome.shop").build().getSource())
                .isEqualTo("awsome.shop");
    }

    @Test
    void detailTypesAre1To128Characters() {
        assertRejected(() -> EventBridgeDestinationOptions.builder().detailType("").build(), "detailType", "1 to 128");
        assertRejected(() -> EventBridgeDestinationOptions.builder().detailType(null).build(), "detailType", "null");
        assertRejected(() -> EventBridgeDestinationOptions.builder().detailType("d".repeat(129)).build(),
                "detailType", "1 to 128", "129 characters");
        assertThat(EventBridgeDestinationOptions.builder().detailType("d".repeat(128)).build().getDetailType())
                .hasSize(128);
    }

    @Test
    void eventBridgeTokensAreCheckedAtDeployTime() {
        EventBridgeDestinationOptions options = EventBridgeDestinationOptions.builder()
                .source(Fn.importValue("Source")).detailType(Fn.importValue("DetailType")).build();
        assertThat(options.getSource()).isNotEmpty();
    }

    @Test
    void theDestinationExposesItsBusSourceAndDetailType() {
        Stack stack = TestStacks.newStack();
        EventBus bus = EventBus.Builder.create(stack, "Bus").build();
        EventBridgeDestination destination = EventDestination.eventBridge(bus,
                EventBridgeDestinationOptions.builder().source("com.example").detailType("Hit").build());
        assertThat(destination.getEventBus()).isSameAs(bus);
        assertThat(destination.getSource()).isEqualTo("com.example");
        assertThat(destination.getDetailType()).isEqualTo("Hit");
        assertThat(destination.getDestinationType()).isEqualTo("eventbridge");
    }

    @Test
    void theOtherDestinationsExposeTheirResources() {
        Stack stack = TestStacks.newStack();
        DestinationFixtures fixtures = DestinationFixtures.in(stack);
        assertThat(EventDestination.kinesisStream(fixtures.stream).getStream()).isSameAs(fixtures.stream);
        assertThat(EventDestination.firehose(fixtures.deliveryStream).getDeliveryStream())
                .isSameAs(fixtures.deliveryStream);
        Stream plain = Stream.Builder.create(stack, "Plain").build();
        assertThat(EventDestination.kinesisStream(plain).getDestinationType()).isEqualTo("kinesis");
        assertThat(EventDestination.firehose(fixtures.deliveryStream).getDestinationType()).isEqualTo("firehose");
    }

    // ------------------------------------------------------------------ props: exactly one destination

    @Test
    void neitherDestinationNorPinpointApplicationIdIsRejectedListingTheFactories() {
        assertRejected(() -> PinpointGtmConnectorProps.builder().allowedOrigins(List.of(TestStacks.ORIGIN)).build(),
                "destination is required", "kinesisStream", "firehose", "eventBridge", "customerProfiles",
                "pinpointApplicationId");
    }

    @Test
    void bothDestinationAndPinpointApplicationIdAreRejected() {
        assertRejected(() -> TestStacks.minimalProps()
                        .destination(EventDestination.customerProfiles("gtm-shop", "GtmCustomerEvent")).build(),
                "pinpointApplicationId and destination are mutually exclusive", "exactly one");
    }

    @Test
    void aDestinationAloneIsEnough() {
        PinpointGtmConnectorProps props = PinpointGtmConnectorProps.builder()
                .destination(EventDestination.customerProfiles("gtm-shop", "GtmCustomerEvent"))
                .allowedOrigins(List.of(TestStacks.ORIGIN))
                .build();
        assertThat(props.getDestination()).isInstanceOf(CustomerProfilesDestination.class);
    }
}
