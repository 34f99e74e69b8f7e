package io.github.pinpointgtm.runtime.identity;

import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verified identity: an endpoint id from the query string or body is accepted only with
 * {@code endpoint_sig = base64url-without-padding(HMAC-SHA256(key, UTF-8(endpoint_id)))}, made by the site's backend
 * with a key the browser never sees. Signatures are compared in constant time, against the current key and the
 * previous one. One that matches neither is refused only when those keys were read once the hit had arrived: the site
 * signed it before, so no newer key can explain the mismatch. When the keys are older than the hit, they are re-read
 * (at most once a minute, see {@link CachedSigningKeys}) in case the key was rotated since; when they cannot be
 * re-read yet, the hit is retried ({@link SigningKeysStaleException}), never refused. A signature that is not 32
 * bytes cannot be an HMAC-SHA256 and is refused at once, without spending the re-read.
 *
 * <p>Ids that start with the anonymous prefix, when one is configured, need no signature (anonymous visitors' ids,
 * which no backend knows); a signature sent with such an id is not checked. Ids supplied by an authorizer are
 * trusted and never reach this check. The signature itself never appears in a rejection's detail.
 */
public final class EndpointIdVerifier {

    /** No verification: every endpoint id is accepted as sent. */
    public static final EndpointIdVerifier OFF = new EndpointIdVerifier(null, null);

    private final CachedSigningKeys keys;
    private final String anonymousPrefix;

    private EndpointIdVerifier(CachedSigningKeys keys, String anonymousPrefix) {
        this.keys = keys;
        this.anonymousPrefix = anonymousPrefix;
    }

    /**
     * @param keys            the signing keys
     * @param anonymousPrefix ids starting with it need no signature; null or empty for none
     * @return a verifier that requires a valid signature for every other id
     */
    public static EndpointIdVerifier requiringSignatures(CachedSigningKeys keys, String anonymousPrefix) {
        return new EndpointIdVerifier(Objects.requireNonNull(keys, "keys"),
                anonymousPrefix == null || anonymousPrefix.isEmpty() ? null : anonymousPrefix);
    }

    /** @return whether signatures are checked at all */
    public boolean isEnabled() {
        return keys != null;
    }

    /**
     * @param endpointId  the endpoint id the client sent (non-empty)
     * @param signature   the {@code endpoint_sig} the client sent, or null
     * @param requestTime when API Gateway received the hit (the envelope's {@code requestTimeEpoch})
     * @return a rejection with reason {@link RejectionReason#IDENTITY_UNVERIFIED}, or empty when the id is accepted
     * @throws SigningKeysUnavailableException if the keys are needed and cannot be read (retry the hit)
     * @throws SigningKeysStaleException       if the signature matches none of the keys at hand, those were read
     *                                         before {@code requestTime} and cannot be re-read yet (retry the hit)
     */
    public Optional<Rejection> check(String endpointId, String signature, Instant requestTime) {
        if (keys == null || (anonymousPrefix != null && endpointId.startsWith(anonymousPrefix))) {
            return Optional.empty();
        }
        if (signature == null || signature.isEmpty()) {
            return unverified("parameter endpoint_sig is missing or empty"
                    + (anonymousPrefix == null ? "" : " and endpoint_id does not start with the anonymous prefix"));
        }
        byte[] sent;
        try {
            sent = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return unverified("parameter endpoint_sig is not base64url");
        }
        if (sent.length != SigningKeys.SIGNATURE_BYTES) {
            return unverified("parameter endpoint_sig is not an HMAC-SHA256 signature (" + SigningKeys.SIGNATURE_BYTES
                    + " bytes, 43 base64url characters)");
        }
        byte[] message = endpointId.getBytes(StandardCharsets.UTF_8);
        CachedSigningKeys.Snapshot checked = keys.current();
        if (matchesAny(checked.keys(), message, sent)) {
            return Optional.empty();
        }
        if (!checked.readSince(requestTime)) {
            Optional<CachedSigningKeys.Snapshot> newer = keys.readSince(requestTime);
            if (newer.isEmpty()) {
                throw new SigningKeysStaleException("parameter endpoint_sig matches no key read so far, and the keys "
                        + "were read before the hit arrived and cannot be re-read yet: retried, as the key may have "
                        + "been rotated since");
            }
            if (matchesAny(newer.get().keys(), message, sent)) {
                return Optional.empty();
            }
        }
        return unverified("parameter endpoint_sig does not match endpoint_id under the current or previous key");
    }

    private static boolean matchesAny(SigningKeys candidates, byte[] message, byte[] sent) {
        boolean matched = false;
        for (SecretKeySpec key : candidates.keys()) {
            // Every key is tried, so the time taken does not tell which one matched.
            matched |= MessageDigest.isEqual(hmac(key, message), sent);
        }
        return matched;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(SigningKeys.ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        }
    }

    private static Optional<Rejection> unverified(String detail) {
        return Optional.of(new Rejection(RejectionReason.IDENTITY_UNVERIFIED, detail));
    }
}
