package io.github.pinpointgtm.runtime.identity;

import java.util.concurrent.atomic.AtomicInteger;

/** A key source whose keys (or failure) the test sets, counting reads. */
final class CountingKeySource implements SigningKeySource {

    private volatile String current;
    private volatile String previous;
    private volatile boolean failing;
    private final AtomicInteger reads = new AtomicInteger();

    CountingKeySource(String current, String previous) {
        this.current = current;
        this.previous = previous;
    }

    void rotate(String newCurrent) {
        previous = current;
        current = newCurrent;
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    int reads() {
        return reads.get();
    }

    @Override
    public SigningKeys read() {
        reads.incrementAndGet();
        if (failing) {
            throw new SigningKeysUnavailableException("injected: the secret cannot be read", null);
        }
        return SigningKeys.of(current, previous);
    }
}
