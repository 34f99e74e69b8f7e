package io.github.pinpointgtm.runtime.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing keys of one processor instance: read at the first hit that needs them, then kept. A signature that
 * matches no key may mean the key was rotated since, so {@link #refresh()} reads again, but at most once per
 * {@link #REREAD_INTERVAL}: forged signatures cannot turn into a stream of Secrets Manager calls. A failed read is
 * remembered for the same interval, so an unreadable secret is asked once a minute, not once a hit. Thread-safe.
 */
public final class CachedSigningKeys {

    /** The shortest time between two reads of the keys. */
    public static final Duration REREAD_INTERVAL = Duration.ofMinutes(1);

    private final SigningKeySource source;
    private final Clock clock;
    private SigningKeys keys;
    private Instant lastRead;
    private SigningKeysUnavailableException lastFailure;

    /**
     * @param source where the keys are read from
     * @param clock  the clock of the re-read interval
     */
    public CachedSigningKeys(SigningKeySource source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the keys, read now if none were read yet
     * @throws SigningKeysUnavailableException if there are none and they cannot be read (or failed within the
     *                                         interval)
     */
    public synchronized SigningKeys current() {
        if (keys != null) {
            return keys;
        }
        if (lastFailure != null && !intervalPassed()) {
            throw new SigningKeysUnavailableException(lastFailure.getMessage(), lastFailure);
        }
        return read();
    }

    /**
     * Reads the keys again if the last read is at least {@link #REREAD_INTERVAL} old.
     *
     * @return the newly read keys, or empty when the last read is too recent
     * @throws SigningKeysUnavailableException if the read fails (the keys read before stay in use)
     */
    public synchronized Optional<SigningKeys> refresh() {
        if (!intervalPassed()) {
            return Optional.empty();
        }
        return Optional.of(read());
    }

    private boolean intervalPassed() {
        return lastRead == null || !clock.instant().isBefore(lastRead.plus(REREAD_INTERVAL));
    }

    private SigningKeys read() {
        lastRead = clock.instant();
        try {
            keys = source.read();
            lastFailure = null;
            return keys;
        } catch (SigningKeysUnavailableException e) {
            lastFailure = e;
            throw e;
        } catch (RuntimeException e) {
            lastFailure = new SigningKeysUnavailableException("reading the identity keys failed: " + e, e);
            throw lastFailure;
        }
    }
}
