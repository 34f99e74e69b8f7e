package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.wafv2.CfnWebACL;

/** The limits AWS WAF's data protection sets on the names the connector asks it to redact. */
class WafDataProtectionTest {

    @Test
    void aQueryCredentialLongerThanWafCanRedactIsRefused() {
        String name = "t".repeat(65);

        assertThatThrownBy(() -> WafDataProtection.config(Set.of(name), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("authorization", "query parameter", name, "64");
        assertThat(keys(WafDataProtection.config(Set.of("t".repeat(64)), List.of()), 0)).contains("t".repeat(64));
    }

    @Test
    void moreNamesOfOneKindThanWafAcceptsAreRefused() {
        // Two headers are always redacted: 98 more make the most WAF accepts.
        List<String> headers = IntStream.range(0, 98).mapToObj(i -> "x-key-" + i).collect(Collectors.toList());

        assertThat(keys(WafDataProtection.config(Set.of(), headers), 1)).hasSize(100);
        List<String> oneTooMany = new java.util.ArrayList<>(headers);
        oneTooMany.add("x-key-98");
        assertThatThrownBy(() -> WafDataProtection.config(Set.of(), oneTooMany))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("authorization", "100", "101", "SINGLE_HEADER");
    }

    @SuppressWarnings("unchecked")
    private static List<String> keys(CfnWebACL.DataProtectionConfigProperty config, int index) {
        CfnWebACL.DataProtectProperty protection =
                (CfnWebACL.DataProtectProperty) ((List<Object>) config.getDataProtections()).get(index);
        return ((CfnWebACL.FieldToProtectProperty) protection.getField()).getFieldKeys();
    }
}
