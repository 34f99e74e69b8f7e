package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifiers;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Hits sent with {@code consent=denied}: recorded as anonymous counts, with every identifier dropped. */
class AnonymousHitsTest {
    private static final String KEY = "site-backend-signing-key";
    private static final ProcessorConfig CONFIG = ProcessorConfig.fromEnvironment(Map.of(
            "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
            "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
            "ALLOWED_ORIGINS", "https://www.example.com",
            "USER_ATTRIBUTES_ENABLED", "true"));
    private static final HitReader VERIFYING = new HitReader(CONFIG,
            EndpointIdVerifiers.withKeys(new FixedKeySource(KEY), CONFIG, Clock.systemUTC()));

    private static EnvelopeJson fromSite() {
        return EnvelopeJson.get().with("referer", "https://www.example.com/checkout");
    }

    private static CustomerEvent accepted(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        return ((HitOutcome.Accepted) outcome).event();
    }

    private static Rejection rejected(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Rejected.class);
        return ((HitOutcome.Rejected) outcome).rejection();
    }

    @Test
    void aConsentDeniedHitIsRecordedUnderTheFixedIdWithEveryIdentifierDropped() {
        String body = fromSite()
                .with("sourceIp", "203.0.113.9")
                .query("event", "purchase", "consent", "denied", "endpoint_id", "customer-4711",
                        "endpoint_sig", JavaSigningSnippet.sign(KEY, "customer-4711"), "usat_email", "a@example.com",
                        "session_id", "s-1", "evat_plan", "pro", "evmt_value", "9.5")
                .json();

        HitOutcome outcome = new HitReader(CONFIG).read(body);

        CustomerEvent event = accepted(outcome);
        assertThat(event.endpointId()).isEqualTo(HitReader.ANONYMOUS_ENDPOINT_ID).isEqualTo("anonymous");
        assertThat(event.userAttributes()).isEmpty();
        assertThat(event.sessionId()).isNull();
        assertThat(event.context().sourceIp()).isEmpty();
        assertThat(event.context().authenticated()).isFalse();
        assertThat(event.attributes()).containsExactly(entry("plan", "pro"));
        assertThat(event.metrics()).containsExactly(entry("value", 9.5));
        assertThat(((HitOutcome.Accepted) outcome).ignoredUserAttributes()).isZero();
    }

    @Test
    void withVerificationOnAnUnsignedConsentDeniedHitIsAcceptedAsAnonymous() {
        String body = fromSite().query("event", "purchase", "consent", "denied").json();

        assertThat(accepted(VERIFYING.read(body)).endpointId()).isEqualTo("anonymous");
    }

    @Test
    void consentDeniedCannotCarryAForgedHitToARealCustomer() {
        String forged = fromSite().query("event", "purchase", "consent", "denied", "endpoint_id", "customer-4711",
                "endpoint_sig", JavaSigningSnippet.sign("guessed-key", "customer-4711")).json();
        String withoutConsent = fromSite().query("event", "purchase", "endpoint_id", "customer-4711",
                "endpoint_sig", JavaSigningSnippet.sign("guessed-key", "customer-4711")).json();

        assertThat(accepted(VERIFYING.read(forged)).endpointId()).isEqualTo("anonymous");
        assertThat(rejected(VERIFYING.read(withoutConsent)).reason()).isEqualTo(RejectionReason.IDENTITY_UNVERIFIED);
    }

    @Test
    void anAuthorizersIdentityIsDroppedToo() {
        String body = fromSite().with("identity", "cognito-sub-123").with("identitySource", "cognito:sub")
                .query("event", "purchase", "consent", "denied").json();

        CustomerEvent event = accepted(new HitReader(CONFIG).read(body));

        assertThat(event.endpointId()).isEqualTo("anonymous");
        assertThat(event.context().identitySource()).isEmpty();
    }

    @Test
    void consentDeniedInAPostBodyCountsLikeTheQueryParameter() {
        String body = fromSite().with("httpMethod", "POST").with("contentType", "application/json")
                .with("body", "{\"event\":\"purchase\",\"consent\":\"denied\",\"endpoint_id\":\"customer-4711\"}")
                .json();

        assertThat(accepted(VERIFYING.read(body)).endpointId()).isEqualTo("anonymous");
    }

    @ParameterizedTest
    @ValueSource(strings = {"granted", ""})
    void grantedOrEmptyConsentIsAnOrdinaryHit(String consent) {
        String body = fromSite().with("sourceIp", "203.0.113.9").query("event", "purchase", "consent", consent,
                "endpoint_id", "customer-4711", "session_id", "s-1").json();

        CustomerEvent event = accepted(new HitReader(CONFIG).read(body));

        assertThat(event.endpointId()).isEqualTo("customer-4711");
        assertThat(event.sessionId()).isEqualTo("s-1");
        assertThat(event.context().sourceIp()).isEqualTo("203.0.113.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Denied", "DENIED", "denied ", "no", "false", "0"})
    void anyOtherConsentValueIsRefusedRatherThanRecordedWithItsIdentifiers(String consent) {
        String body = fromSite().query("event", "purchase", "consent", consent, "endpoint_id", "customer-4711")
                .json();

        Rejection rejection = rejected(new HitReader(CONFIG).read(body));

        assertThat(rejection.reason()).isEqualTo(RejectionReason.INVALID_CONSENT);
        assertThat(rejection.reason().code()).isEqualTo("invalid-consent");
        assertThat(rejection.detail()).isEqualTo("parameter consent must be denied or granted (or absent)");
    }

    @Test
    void theIdentityCheckIsStillSkippedOnlyForDeniedConsent() {
        String granted = fromSite().query("event", "purchase", "consent", "granted",
                "endpoint_id", "customer-4711").json();

        assertThat(rejected(VERIFYING.read(granted)).reason()).isEqualTo(RejectionReason.IDENTITY_UNVERIFIED);
    }
}
