package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** Rules the constructor checks against the stack, which props alone cannot know. */
class ConstructValidationTest {

    private static final String WEB_ACL_ARN =
            "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel/a1b2c3d4-5678-90ab-cdef-123456789abc";

    private static Stack stackIn(String account, String region) {
        return new Stack(new App(), "Pinned", StackProps.builder()
                .env(Environment.builder().account(account).region(region).build()).build());
    }

    @Test
    void propsAreRequired() {
        assertThatThrownBy(() -> new PinpointGtmConnector(TestStacks.newStack(), "Connector", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TestStack/Connector: props is required");
    }

    @Test
    void theWebAclMustBeInTheStacksRegion() {
        assertThatThrownBy(() -> new PinpointGtmConnector(stackIn("123456789012", "us-east-1"), "Connector",
                minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Pinned/Connector: webAclArn is in region eu-west-1")
                .hasMessageContaining("us-east-1");
    }

    @Test
    void theWebAclMustBeInTheStacksAccount() {
        assertThatThrownBy(() -> new PinpointGtmConnector(stackIn("210987654321", "eu-west-1"), "Connector",
                minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Pinned/Connector: webAclArn belongs to account 123456789012")
                .hasMessageContaining("210987654321");
    }

    @Test
    void anErrorRaisedWhileBuildingNamesTheConnectorsPath() {
        // AWS WAF redacts names of at most 64 characters from its logs: the web ACL refuses a longer credential name.
        String longParameter = "t".repeat(65);
        Stack shop = new Stack(new App(), "Shop");
        PinpointGtmConnectorProps props = minimalProps().authorization(ConnectorAuthorization.lambda(
                ConnectorAuthorizationTest.authorizerFunction(shop), longParameter)).build();
        assertThatThrownBy(() -> new PinpointGtmConnector(shop, "Pixel", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Shop/Pixel: authorization: the query parameter '" + longParameter + "'");
    }

    @Test
    void aWebAclOfTheStacksRegionAndAccountIsAccepted() {
        assertThatNoException().isThrownBy(() -> new PinpointGtmConnector(stackIn("123456789012", "eu-west-1"),
                "Connector", minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()));
    }
}
