package io.github.pinpointgtm.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Java signing snippet of {@code docs/identity.md}, compiled: the text between the markers is what the guide
 * shows (the runtime's SigningSnippetsTest checks it), and the tests sign with it.
 */
public final class JavaSigningSnippet {

    private JavaSigningSnippet() {
    }

    // docs/identity.md java snippet start
    /** endpoint_sig for endpointId: base64url without padding of HMAC-SHA256(UTF-8 key, UTF-8 id). */
    static String endpointSignature(String key, String endpointId) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal(endpointId.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
    // docs/identity.md java snippet end

    /** {@link #endpointSignature} for tests, which cannot fail on a JVM with HMAC-SHA256. */
    public static String sign(String key, String endpointId) {
        try {
            return endpointSignature(key, endpointId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
