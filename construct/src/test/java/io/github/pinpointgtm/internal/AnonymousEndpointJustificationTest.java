package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The suppression reason names the controls present, and only those. */
class AnonymousEndpointJustificationTest {

    @Test
    void onlyTheWebAclWhenNothingElseIsPresent() {
        String reason = new AnonymousEndpointJustification("the WAF web ACL X").originPolicy(List.of("*")).reason();

        assertThat(reason).contains("anonymous by necessity", "Compensating controls: the WAF web ACL X.")
                .doesNotContain("origin policy", "throttling", "identity verification", "allowlist");
    }

    @Test
    void everyControlPresentIsNamed() {
        String reason = new AnonymousEndpointJustification("the WAF web ACL X")
                .stageThrottling(50, 100)
                .originPolicy(List.of("https://a.example", "https://b.example"))
                .eventTypeAllowlist(true)
                .identityVerification(true)
                .reason();

        assertThat(reason).contains("the WAF web ACL X; stage throttling at 50 requests per second (burst 100)",
                "origin policy", "https://a.example, https://b.example",
                "identity verification (endpoint ids must carry the site's HMAC signature)",
                "the event-type allowlist");
    }

    @Test
    void identityVerificationIsNamedOnlyWhenOn() {
        assertThat(new AnonymousEndpointJustification("acl").identityVerification(false).reason())
                .doesNotContain("identity verification");
    }
}
