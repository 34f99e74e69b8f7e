package io.github.pinpointgtm.runtime.identity;

import static io.github.pinpointgtm.testkit.JavaSigningSnippet.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.testkit.SettableClock;
import java.time.Duration;
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

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    /** A hit that arrived a second before the keys are first read (at {@link #START}). */
    private static final Instant EARLIER_HIT = START.minusSeconds(1);

    private final SettableClock clock = new SettableClock(START);
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
        assertThat(verifier(null).check("customer-4711", sign(CURRENT, "customer-4711"), EARLIER_HIT)).isEmpty();
    }

    @Test
    void acceptsAnIdSignedWithThePreviousKey() {
        assertThat(verifier(null).check("customer-4711", sign(PREVIOUS, "customer-4711"), EARLIER_HIT)).isEmpty();
    }

    @Test
    void refusesAnUnsignedId() {
        assertUnverified(verifier(null).check("customer-4711", null, EARLIER_HIT), "endpoint_sig is missing");
        assertUnverified(verifier(null).check("customer-4711", "", EARLIER_HIT), "endpoint_sig is missing");
    }

    @Test
    void refusesASignatureOfAnotherIdOrByAnotherKeyWithoutQuotingIt() {
        String otherId = sign(CURRENT, "customer-4712");
        String otherKey = sign("someone-elses-key", "customer-4711");

        Optional<Rejection> forgedId = verifier(null).check("customer-4711", otherId, EARLIER_HIT);
        Optional<Rejection> forgedKey = verifier(null).check("customer-4711", otherKey, EARLIER_HIT);

        assertUnverified(forgedId, "does not match");
        assertUnverified(forgedKey, "does not match");
        assertThat(forgedId.get().detail()).doesNotContain(otherId).doesNotContain("customer-4711");
    }

    @Test
    void refusesASignatureThatIsNotBase64Url() {
        String standardBase64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff});

        assertUnverified(verifier(null).check("customer-4711", standardBase64, EARLIER_HIT), "not base64url");
        assertUnverified(verifier(null).check("customer-4711", "%%%", EARLIER_HIT), "not base64url");
    }

    /** Signatures of 31 and 33 bytes, truncated or extended real ones among them, and arbitrary short ones. */
    static Stream<String> signaturesOfTheWrongLength() {
        String real = sign(CURRENT, "customer-4711");
        Random random = new Random(20261206L);
        Stream<String> generated = IntStream.range(0, 20).mapToObj(i -> {
            byte[] bytes = new byte[random.nextInt(2) == 0 ? random.nextInt(32) : 33 + random.nextInt(64)];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
        return Stream.concat(Stream.of(real.substring(0, 40), real + "AAAA", "c2hvcnQ"), generated);
    }

    @ParameterizedTest
    @MethodSource("signaturesOfTheWrongLength")
    void aSignatureThatIsNot32BytesIsRefusedAtOnceWithoutSpendingTheReRead(String signature) {
        EndpointIdVerifier verifier = verifier(null);
        Instant laterHit = START.plusSeconds(5);
        clock.advance(Duration.ofSeconds(10));

        assertUnverified(verifier.check("customer-4711", signature, laterHit), "not an HMAC-SHA256 signature");
        assertThat(source.reads()).as("no key is needed to refuse it").isZero();
    }

    @Test
    void acceptsAPaddedSignatureToo() {
        String unpadded = sign(CURRENT, "customer-4711");

        assertThat(verifier(null).check("customer-4711", unpadded + "=", EARLIER_HIT)).isEmpty();
    }

    @Test
    void idsWithTheAnonymousPrefixNeedNoSignatureAndTheirSignatureIsNotChecked() {
        EndpointIdVerifier verifier = verifier("anon-");

        assertThat(verifier.check("anon-7f3c", null, EARLIER_HIT)).isEmpty();
        assertThat(verifier.check("anon-7f3c", "not-a-valid-signature", EARLIER_HIT)).isEmpty();
        assertUnverified(verifier.check("customer-4711", null, EARLIER_HIT),
                "does not start with the anonymous prefix");
        assertUnverified(verifier.check("ANON-7f3c", null, EARLIER_HIT), "endpoint_sig is missing");
        assertThat(source.reads()).as("anonymous and unsigned ids never need the keys").isZero();
    }

    @Test
    void offAcceptsEveryIdAndNeverReadsKeys() {
        assertThat(EndpointIdVerifier.OFF.isEnabled()).isFalse();
        assertThat(EndpointIdVerifier.OFF.check("customer-4711", null, EARLIER_HIT)).isEmpty();
        assertThat(EndpointIdVerifier.OFF.check("customer-4711", "forged", EARLIER_HIT)).isEmpty();
    }

    @Test
    void aMismatchAgainstKeysReadOnceTheHitHadArrivedIsRefusedWithoutAReRead() {
        EndpointIdVerifier verifier = verifier(null);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"), EARLIER_HIT)).isEmpty();
        clock.advance(CachedSigningKeys.REREAD_INTERVAL.multipliedBy(10));

        for (int i = 0; i < 5; i++) {
            assertUnverified(verifier.check("customer-4711", sign("forger", "customer-4711"), EARLIER_HIT),
                    "does not match");
        }
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"), START)).as("a hit of the read's "
                + "own millisecond").isEmpty();
        assertUnverified(verifier.check("customer-4711", sign("forger", "customer-4711"), START), "does not match");
        assertThat(source.reads()).as("a key rotated in later cannot have signed these hits").isEqualTo(1);
    }

    @Test
    void aHitSignedWithAKeyRotatedInAfterTheKeysWereReadIsRetriedUntilTheyCanBeReReadThenAccepted() {
        EndpointIdVerifier verifier = verifier(null);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"), EARLIER_HIT)).isEmpty();
        // Junk spent the re-read: the keys were just read when the rotation happened.
        source.rotate("rotated-signing-key");
        clock.advance(Duration.ofSeconds(10));
        Instant hitAfterRotation = START.plusSeconds(9);
        String newSignature = sign("rotated-signing-key", "customer-4712");

        assertThatThrownBy(() -> verifier.check("customer-4712", newSignature, hitAfterRotation))
                .isInstanceOf(SigningKeysStaleException.class)
                .hasMessageContaining("cannot be re-read yet")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(newSignature)
                        .doesNotContain("customer-4712"));
        assertThat(source.reads()).isEqualTo(1);

        // The message comes back after the queue's visibility timeout.
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        assertThat(verifier.check("customer-4712", newSignature, hitAfterRotation)).isEmpty();
        assertThat(source.reads()).isEqualTo(2);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"), hitAfterRotation))
                .as("the replaced key is now the previous one").isEmpty();
    }

    @Test
    void aForgedHitNewerThanTheKeysIsRetriedThenRefusedByKeysReadSinceIt() {
        EndpointIdVerifier verifier = verifier(null);
        verifier.check("customer-4711", sign(CURRENT, "customer-4711"), EARLIER_HIT);
        clock.advance(Duration.ofSeconds(30));
        Instant forgedHit = clock.instant();
        String forged = sign("forger", "customer-4711");

        assertThatThrownBy(() -> verifier.check("customer-4711", forged, forgedHit))
                .isInstanceOf(SigningKeysStaleException.class);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);

        assertUnverified(verifier.check("customer-4711", forged, forgedHit), "does not match");
        assertThat(source.reads()).isEqualTo(2);
        assertUnverified(verifier.check("customer-4711", forged, forgedHit), "does not match");
        assertThat(source.reads()).as("the keys now postdate the hit: no further read").isEqualTo(2);
    }

    @Test
    void aFixedKeyThatCannotRotateRefusesAMismatchAtOnceWhenTheHitArrived() {
        CountingFixedKeys fixed = new CountingFixedKeys(CURRENT);
        EndpointIdVerifier verifier = EndpointIdVerifier.requiringSignatures(new CachedSigningKeys(fixed, clock), null);
        assertThat(verifier.check("customer-4711", sign(CURRENT, "customer-4711"), START)).isEmpty();
        clock.advance(Duration.ofSeconds(10));

        assertUnverified(verifier.check("customer-4712", sign("forger", "customer-4712"), clock.instant()),
                "does not match");
        assertThat(fixed.reads).isEqualTo(1);
    }

    /** A fixed key (it never rotates) that counts its reads. */
    private static final class CountingFixedKeys implements SigningKeySource {
        private final FixedKeySource key;
        private int reads;

        CountingFixedKeys(String key) {
            this.key = new FixedKeySource(key);
        }

        @Override
        public SigningKeys read() {
            reads++;
            return key.read();
        }

        @Override
        public boolean rotates() {
            return key.rotates();
        }
    }

    @Test
    void keysReReadForAnotherHitJudgeEveryHitTheyPostdate() {
        EndpointIdVerifier verifier = verifier(null);
        verifier.check("customer-4711", sign(CURRENT, "customer-4711"), EARLIER_HIT);
        source.rotate("rotated-signing-key");
        clock.advance(CachedSigningKeys.REREAD_INTERVAL.plusSeconds(5));
        Instant first = START.plusSeconds(20);
        Instant second = START.plusSeconds(40);

        assertThat(verifier.check("customer-1", sign("rotated-signing-key", "customer-1"), first)).isEmpty();
        assertThat(verifier.check("customer-2", sign("rotated-signing-key", "customer-2"), second)).isEmpty();
        assertUnverified(verifier.check("customer-3", sign("forger", "customer-3"), second), "does not match");
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void unreadableKeysAreAnErrorNotARefusal() {
        source.failing(true);

        assertThatThrownBy(() -> verifier(null).check("customer-4711", sign(CURRENT, "customer-4711"),
                EARLIER_HIT)).isInstanceOf(SigningKeysUnavailableException.class);
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

        assertThat(verifier.check(endpointId, signature, EARLIER_HIT)).isEmpty();
        assertUnverified(verifier.check(endpointId,
                Base64.getUrlEncoder().withoutPadding().encodeToString(tampered), EARLIER_HIT), "does not match");
        assertUnverified(verifier.check(endpointId + "x", signature, EARLIER_HIT), "does not match");
    }
}
