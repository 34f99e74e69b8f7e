package io.github.pinpointgtm.runtime.identity;

import static io.github.pinpointgtm.runtime.identity.JavaSigningSnippet.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.testsupport.SettableClock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointIdVerifierTest {

    private static final String CURRENT = "current-signing-key";
    private static final String PREVIOUS = "previous-signing-key";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final CountingKeySource source = new CountingKeySource(CURRENT, PREVIOUS);

    private EndpointIdVerifier verifier(String anonymousPrefix) {
        return EndpointIdVerifier.requiringSignatures(new CachedSigningKeys(source, clock), anonymousPrefix);
    }

    private static void assertUnverified(Optional<Rejection> outcome, String detailPart) {
        assertThat(outcome).hasValueSatisfying(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectionReason.IDENTITY_UNVERIFIED);
            assertThat(rejection.reason().code()).isEqualTo("identity-unverified");
            assertThat(rejection.detail()).contains(detailPart);
        });
    }

    @Test
    void acceptsAnIdSignedWithTheCurrentKey() {
        assertThat(verifier(null).check("customer-4711", sign(CURRENT, "customer-4711"))).isEmpty();
    }

    @Test
    void acceptsAnIdSignedWithThePreviousKey() {
        assertThat(verifier(null).check("customer-4711", sign(PREVIOUS, "customer-4711"))).isEmpty();
    }

    @Test
    void refusesAnUnsignedId() {
        assertUnverified(verifier(null).check("customer-4711", null), "endpoint_sig is missing");
        assertUnverified(verifier(null).check("customer-4711", ""), "endpoint_sig is missing");
    }

    @Test
    void refusesASignatureOfAnotherIdOrByAnotherKeyWithoutQuotingIt() {
        String otherId = sign(CURRENT, "customer-4712");
        String otherKey = sign("someone-elses-key", "customer-4711");

        Optional<Rejection> forgedId = verifier(null).check("customer-4711", otherId);
        Optional<Rejection> forgedKey = verifier(null).check("customer-4711", otherKey);

        assertUnverified(forgedId, "does not match");
        assertUnverified(forgedKey, "does not match");
        assertThat(forgedId.get().detail()).doesNotContain(otherId).doesNotContain("customer-4711");
    }

    @Test
    void refusesASignatureThatIsNotBase64UrlOrHasTheWrongLength() {
        String standardBase64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff});

        assertUnverified(verifier(null).check("customer-4711", standardBase64), "not base64url");
        assertUnverified(verifier(null).check("customer-4711", "%%%"), "not base64url");
        assertUnverified(verifier(null).check("customer-4711", sign(CURRENT, "customer-4711").substring(0, 40)),
                "does not match");
    }

    @Test
    void acceptsAPaddedSignatureToo() {
        String unpadded = sign(CURRENT, "customer-4711");

        assertThat(verifier(null).check("customer-4711", unpadded + "=")).isEmpty();
    }

    @Test
    void idsWithTheAnonymousPrefixNeedNoSignatureAndTheirSignatureIsNotChecked() {
        EndpointIdVerifier verifier = verifier("anon-");

        assertThat(verifier.check("anon-7f3c", null)).isEmpty();
        assertThat(verifier.check("anon-7f3c", "not-a-valid-signature")).isEmpty();
        assertUnverified(verifier.check("customer-4711", null), "does not start with the anonymous prefix");
        assertUnverified(verifier.check("ANON-7f3c", null), "endpoint_sig is missing");
        assertThat(source.reads()).as("anonymous and unsigned ids never need the keys").isZero();
    }

    @Test
    void offAcceptsEveryIdAndNeverReadsKeys() {
        assertThat(EndpointIdVerifier.OFF.isEnabled()).isFalse();
        assertThat(EndpointIdVerifier.OFF.check("customer-4711", null)).isEmpty();
        assertThat(EndpointIdVerifier.OFF.check("customer-4711", "forged")).isEmpty();
    }

    @Test
    void aMismatchReReadsTheKeysAtMostOnceAMinuteSoARotatedKeyIsPickedUp() {
        EndpointIdVerifier verifier = verifier(null);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"))).isEmpty();
        assertThat(source.reads()).isEqualTo(1);

        // Forged signatures within the interval cause no read.
        for (int i = 0; i < 5; i++) {
            assertUnverified(verifier.check("customer-4711", sign("forger", "customer-4711")), "does not match");
        }
        assertThat(source.reads()).isEqualTo(1);

        source.rotate("rotated-signing-key");
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        assertThat(verifier.check("customer-4711", sign("rotated-signing-key", "customer-4711"))).isEmpty();
        assertThat(source.reads()).isEqualTo(2);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"))).as("now the previous key")
                .isEmpty();
    }

    @Test
    void unreadableKeysAreAnErrorNotARefusal() {
        source.failing(true);

        assertThatThrownBy(() -> verifier(null).check("customer-4711", sign(CURRENT, "customer-4711")))
                .isInstanceOf(SigningKeysUnavailableException.class);
    }

    /** Seeded ids of every kind (ASCII, non-ASCII, separators, long) and keys of several lengths. */
    static Stream<Object[]> generatedIdsAndKeys() {
        Random random = new Random(20261205L);
        String alphabet = "abcXYZ019-_.:@+/=&%\"' äöü€日本😀\n";
        return IntStream.range(0, 60).mapToObj(i -> {
            StringBuilder id = new StringBuilder();
            int length = 1 + random.nextInt(i % 10 == 0 ? 200 : 24);
            while (id.length() < length) {
                id.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            StringBuilder key = new StringBuilder();
            int keyLength = 1 + random.nextInt(96);
            for (int k = 0; k < keyLength; k++) {
                key.append((char) ('!' + random.nextInt(94)));
            }
            return new Object[] {id.toString(), key.toString()};
        });
    }

    @ParameterizedTest
    @MethodSource("generatedIdsAndKeys")
    void acceptsExactlyTheSignatureTheGuidesSnippetMakes(String endpointId, String key) {
        EndpointIdVerifier verifier = EndpointIdVerifier.requiringSignatures(
                new CachedSigningKeys(new FixedKeySource(key), clock), null);
        String signature = sign(key, endpointId);
        byte[] tampered = Base64.getUrlDecoder().decode(signature);
        tampered[endpointId.length() % tampered.length] ^= 1;

        assertThat(verifier.check(endpointId, signature)).isEmpty();
        assertUnverified(verifier.check(endpointId,
                Base64.getUrlEncoder().withoutPadding().encodeToString(tampered)), "does not match");
        assertUnverified(verifier.check(endpointId + "x", signature), "does not match");
    }
}
