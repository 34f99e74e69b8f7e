package io.github.pinpointgtm.runtime.identity;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Warns, once per processor instance, when a signing key read is shorter than {@link #RECOMMENDED_KEY_BYTES}: a
 * short key can be guessed from one id and its signature. The warning names which key, never the key nor its length.
 * Thread-safe.
 */
public final class WeakKeyWarning implements Consumer<SigningKeys> {

    /** The shortest key, in UTF-8 bytes, that does not warn: HMAC-SHA256's output size. */
    public static final int RECOMMENDED_KEY_BYTES = 32;

    private final Consumer<String> warn;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** @param warn receives the warning's text, at most once */
    public WeakKeyWarning(Consumer<String> warn) {
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    @Override
    public void accept(SigningKeys keys) {
        List<String> weak = keys.shorterThan(RECOMMENDED_KEY_BYTES);
        if (!weak.isEmpty() && warned.compareAndSet(false, true)) {
            warn.accept(String.join(" and ", weak) + " of the identity secret " + (weak.size() == 1 ? "is" : "are")
                    + " shorter than " + RECOMMENDED_KEY_BYTES + " UTF-8 bytes: rotate to a key of at least "
                    + RECOMMENDED_KEY_BYTES + " random characters");
        }
    }
}
