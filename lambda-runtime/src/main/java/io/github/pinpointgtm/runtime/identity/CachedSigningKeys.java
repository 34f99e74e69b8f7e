package io.github.pinpointgtm.runtime.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The signing keys of one processor instance: read at the first hit that needs them, then kept. A signature that
 * matches no key may mean the key was rotated since, so {@link #readSince(Instant)} reads again, but at most once per
 * {@link #REREAD_INTERVAL}: forged signatures cannot turn into a stream of Secrets Manager calls. A failed read is
 * remembered for the same interval, so an unreadable secret is asked once a minute, not once a hit. Thread-safe.
 */
public final class CachedSigningKeys {

    /** The shortest time between two reads of the keys. */
    public static final Duration REREAD_INTERVAL = Duration.ofMinutes(1);

    /**
     * Keys and when they were read.
     *
     * @param keys    the keys
     * @param readAt  when this instance read them
     * @param rotates whether their source can change them ({@link SigningKeySource#rotates()})
     */
    public record Snapshot(SigningKeys keys, Instant readAt, boolean rotates) {
        /**
         * @param keys    the keys
         * @param readAt  when this instance read them
         * @param rotates whether their source can change them
         * @throws NullPointerException when {@code keys} or {@code readAt} is null
         */
        public Snapshot {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(readAt, "readAt");
        }

        /**
         * @param time a hit's request time
         * @return whether these keys hold every key a hit of that time can have been signed with: they were read at
         *         or after {@code time} (the hit was signed before), or their source never changes them
         */
        public boolean readSince(Instant time) {
            return !rotates || !readAt.isBefore(time);
        }
    }

    private final SigningKeySource source;
    private final Clock clock;
    private final Consumer<SigningKeys> onRead;
    private Snapshot snapshot;
    private Instant lastRead;
    private SigningKeysUnavailableException lastFailure;

    /**
     * @param source where the keys are read from
     * @param clock  the clock of the re-read interval and of the keys' read times
     */
    public CachedSigningKeys(SigningKeySource source, Clock clock) {
        this(source, clock, keys -> { });
    }

    /**
     * @param source where the keys are read from
     * @param clock  the clock of the re-read interval and of the keys' read times
     * @param onRead told about every successful read (e.g. {@link WeakKeyWarning})
     */
    public CachedSigningKeys(SigningKeySource source, Clock clock, Consumer<SigningKeys> onRead) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onRead = Objects.requireNonNull(onRead, "onRead");
    }

    /**
     * @return the keys, read now if none were read yet
     * @throws SigningKeysUnavailableException if there are none and they cannot be read (or failed within the
     *                                         interval)
     */
    public synchronized Snapshot current() {
        if (snapshot != null) {
            return snapshot;
        }
        if (lastFailure != null && !intervalPassed()) {
            throw new SigningKeysUnavailableException(lastFailure.getMessage(), lastFailure);
        }
        return read();
    }

    /**
     * Keys read at or after {@code time}: the kept ones when they were (another hit may have had them re-read), else
     * keys read now when the last read is at least {@link #REREAD_INTERVAL} old.
     *
     * @param time a hit's request time
     * @return keys read at or after {@code time}, or empty when the kept keys are older and the last read is too
     *         recent
     * @throws SigningKeysUnavailableException if a read is due and fails (the keys read before stay in use)
     */
    public synchronized Optional<Snapshot> readSince(Instant time) {
        Objects.requireNonNull(time, "time");
        if (snapshot != null && snapshot.readSince(time)) {
            return Optional.of(snapshot);
        }
        if (!intervalPassed()) {
            return Optional.empty();
        }
        Snapshot fresh = read();
        return fresh.readSince(time) ? Optional.of(fresh) : Optional.empty();
    }

    private boolean intervalPassed() {
        return lastRead == null || !clock.instant().isBefore(lastRead.plus(REREAD_INTERVAL));
    }

    private Snapshot read() {
        Instant now = clock.instant();
        lastRead = now;
        SigningKeys keys;
        try {
            keys = source.read();
        } catch (SigningKeysUnavailableException e) {
            lastFailure = e;
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError is the shaded Secrets Manager client failing to load: still not the hit's fault.
            lastFailure = new SigningKeysUnavailableException("reading the identity keys failed: " + e, e);
            throw lastFailure;
        }
        lastFailure = null;
        snapshot = new Snapshot(keys, now, source.rotates());
        onRead.accept(keys);
        return snapshot;
    }
}
