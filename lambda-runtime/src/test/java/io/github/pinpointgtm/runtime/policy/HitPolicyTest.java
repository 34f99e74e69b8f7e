package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HitPolicyTest {
    private final HitPolicy strict = new HitPolicy(AllowedOrigins.parse("https://www.example.com"), false, Set.of());

    private static Optional<RejectionReason> reason(Optional<Rejection> rejection) {
        return rejection.map(Rejection::reason);
    }

    @Test
    void theOriginHeaderIsCheckedFirst() {
        HitPolicy.RequestOrigin origin = HitPolicy.requestOrigin("https://www.example.com",
                "https://evil.example/page");

        assertThat(origin.text()).isEqualTo("https://www.example.com");
        assertThat(strict.checkOrigin(origin)).isEmpty();
    }

    @Test
    void theRefererIsUsedWhenThereIsNoOriginHeader() {
        assertThat(strict.checkOrigin(HitPolicy.requestOrigin("", "https://www.EXAMPLE.com:443/shop?x=1")))
                .isEmpty();
        assertThat(reason(strict.checkOrigin(HitPolicy.requestOrigin("", "https://evil.example/shop"))))
                .contains(RejectionReason.ORIGIN_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com", "https://www.example.com:443", "HTTPS://WWW.Example.COM",
            "https://www.example.com/checkout?step=2#summary"})
    void anOriginOnlyRefererIsCheckedLikeAFullOne(String referer) {
        // The envelope keeps only the Referer's origin unless the deployment keeps the page URL.
        HitPolicy.RequestOrigin origin = HitPolicy.requestOrigin("", referer);

        assertThat(origin.text()).isEqualTo("https://www.example.com");
        assertThat(strict.checkOrigin(origin)).isEmpty();
        assertThat(reason(strict.checkOrigin(HitPolicy.requestOrigin("", referer.replace("xample", "vil")))))
                .contains(RejectionReason.ORIGIN_NOT_ALLOWED);
    }

    @Test
    void aDisallowedOriginHeaderIsRejectedEvenWithAnAllowedReferer() {
        Optional<Rejection> rejection = strict.checkOrigin(
                HitPolicy.requestOrigin("https://evil.example", "https://www.example.com/"));

        assertThat(reason(rejection)).contains(RejectionReason.ORIGIN_NOT_ALLOWED);
        assertThat(rejection.get().detail()).contains("https://evil.example");
    }

    @Test
    void opaqueAndUnparseableOriginsAreNotAllowed() {
        assertThat(reason(strict.checkOrigin(HitPolicy.requestOrigin("null", ""))))
                .contains(RejectionReason.ORIGIN_NOT_ALLOWED);
        assertThat(reason(strict.checkOrigin(HitPolicy.requestOrigin("", "garbage referer"))))
                .contains(RejectionReason.ORIGIN_NOT_ALLOWED);
        assertThat(HitPolicy.requestOrigin("null", "").text()).isEmpty();
    }

    @Test
    void aMissingOriginIsRejectedUnlessAllowed() {
        HitPolicy.RequestOrigin missing = HitPolicy.requestOrigin("", "");
        HitPolicy lenient = new HitPolicy(AllowedOrigins.parse("https://www.example.com"), true, Set.of());

        assertThat(missing.isMissing()).isTrue();
        assertThat(reason(strict.checkOrigin(missing))).contains(RejectionReason.ORIGIN_MISSING);
        assertThat(lenient.checkOrigin(missing)).isEmpty();
    }

    @Test
    void starAllowsAnyOriginButNotAMissingOne() {
        HitPolicy any = new HitPolicy(AllowedOrigins.any(), false, Set.of());

        assertThat(any.checkOrigin(HitPolicy.requestOrigin("https://anything.example", ""))).isEmpty();
        assertThat(reason(any.checkOrigin(HitPolicy.requestOrigin("", ""))))
                .contains(RejectionReason.ORIGIN_MISSING);
    }

    @Test
    void theEventTypeAllowlistIsExactAndEmptyMeansAny() {
        HitPolicy allowlist = new HitPolicy(AllowedOrigins.any(), false, Set.of("purchase", "page_view"));

        assertThat(allowlist.checkEventType("purchase")).isEmpty();
        assertThat(reason(allowlist.checkEventType("Purchase"))).contains(RejectionReason.EVENT_TYPE_NOT_ALLOWED);
        assertThat(reason(allowlist.checkEventType("refund"))).contains(RejectionReason.EVENT_TYPE_NOT_ALLOWED);
        assertThat(allowlist.checkEventType("refund").get().detail()).doesNotContain("refund");
        assertThat(strict.checkEventType("anything")).isEmpty();
    }
}
