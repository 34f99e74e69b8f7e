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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("props");
    }

    @Test
    void theWebAclMustBeInTheStacksRegion() {
        assertThatThrownBy(() -> new PinpointGtmConnector(stackIn("123456789012", "us-east-1"), "Connector",
                minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("webAclArn", "eu-west-1", "us-east-1");
    }

    @Test
    void theWebAclMustBeInTheStacksAccount() {
        assertThatThrownBy(() -> new PinpointGtmConnector(stackIn("210987654321", "eu-west-1"), "Connector",
                minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("webAclArn", "123456789012", "210987654321");
    }

    @Test
    void aWebAclOfTheStacksRegionAndAccountIsAccepted() {
        assertThatNoException().isThrownBy(() -> new PinpointGtmConnector(stackIn("123456789012", "eu-west-1"),
                "Connector", minimalProps().edgeProtection(EdgeProtection.existingWebAcl(WEB_ACL_ARN)).build()));
    }
}
