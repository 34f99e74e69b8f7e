package io.github.pinpointgtm.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedSigningKeysTest {

    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final CountingKeySource source = new CountingKeySource("key-1", null);
    private final CachedSigningKeys keys = new CachedSigningKeys(source, clock);

    @Test
    void readsTheKeysOnceAtFirstUseAndKeepsThemWithTheirReadTime() {
        assertThat(source.reads()).isZero();

        CachedSigningKeys.Snapshot first = keys.current();
        clock.advance(Duration.ofHours(5));

        assertThat(keys.current()).isSameAs(first);
        assertThat(first.readAt()).isEqualTo(START);
        assertThat(source.reads()).isEqualTo(1);
    }

    @Test
    void keysReadSinceAHitAreTheKeptOnesWithoutAReRead() {
        CachedSigningKeys.Snapshot kept = keys.current();

        assertThat(keys.readSince(START.minusSeconds(30))).containsSame(kept);
        assertThat(keys.readSince(START)).as("read in the hit's very millisecond: still after its signing")
                .containsSame(kept);
        assertThat(source.reads()).isEqualTo(1);
    }

    @Test
    void keysOlderThanAHitAreReReadOnlyOnceTheIntervalHasPassed() {
        keys.current();
        Instant hit = START.plusSeconds(10);

        clock.advance(CachedSigningKeys.REREAD_INTERVAL.minusSeconds(1));
        assertThat(keys.readSince(hit)).isEmpty();
        assertThat(source.reads()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        source.rotate("key-2");
        assertThat(keys.readSince(hit)).hasValueSatisfying(read -> {
            assertThat(read.keys().keys()).hasSize(2);
            assertThat(read.readAt()).isEqualTo(START.plus(CachedSigningKeys.REREAD_INTERVAL));
        });
        assertThat(keys.current().keys().keys()).hasSize(2);
        assertThat(source.reads()).isEqualTo(2);

        assertThat(keys.readSince(clock.instant().plusSeconds(1))).as("a hit newer than the re-read, a second later")
                .isEmpty();
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void aFailedReadIsRememberedForTheIntervalInsteadOfRepeatedForEveryHit() {
        source.failing(true);

        assertThatThrownBy(keys::current).isInstanceOf(SigningKeysUnavailableException.class)
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(keys::current).isInstanceOf(SigningKeysUnavailableException.class);
        assertThat(source.reads()).isEqualTo(1);

        source.failing(false);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        assertThat(keys.current().keys().keys()).hasSize(1);
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void aFailedReReadKeepsTheKeysReadBefore() {
        CachedSigningKeys.Snapshot before = keys.current();
        source.failing(true);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        Instant hit = clock.instant();

        assertThatThrownBy(() -> keys.readSince(hit)).isInstanceOf(SigningKeysUnavailableException.class);

        assertThat(keys.current()).isSameAs(before);
        assertThat(keys.readSince(hit)).isEmpty();
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void anUnexpectedFailureOfTheSourceCountsAsUnavailableKeys() {
        CachedSigningKeys broken = new CachedSigningKeys(() -> {
            throw new IllegalStateException("boom");
        }, clock);

        assertThatThrownBy(broken::current).isInstanceOf(SigningKeysUnavailableException.class)
                .hasMessageContaining("boom");
    }

    @Test
    void aClassThatFailsToLoadInTheKeySourceCountsAsUnavailableKeysNotAsAFailedBatch() {
        List<String> reads = new ArrayList<>();
        CachedSigningKeys broken = new CachedSigningKeys(() -> {
            reads.add("read");
            throw new NoClassDefFoundError("software/amazon/awssdk/services/secretsmanager/SecretsManagerClient");
        }, clock);

        assertThatThrownBy(broken::current).isInstanceOf(SigningKeysUnavailableException.class)
                .hasMessageContaining("NoClassDefFoundError").hasMessageContaining("SecretsManagerClient")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(broken::current).as("remembered for the interval like any failed read")
                .isInstanceOf(SigningKeysUnavailableException.class);
        assertThat(reads).hasSize(1);
    }

    @Test
    void everySuccessfulReadIsReportedToTheListener() {
        List<SigningKeys> reported = new ArrayList<>();
        CachedSigningKeys listened = new CachedSigningKeys(source, clock, reported::add);

        CachedSigningKeys.Snapshot first = listened.current();
        source.failing(true);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        assertThatThrownBy(() -> listened.readSince(clock.instant()))
                .isInstanceOf(SigningKeysUnavailableException.class);
        source.failing(false);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        CachedSigningKeys.Snapshot second = listened.readSince(clock.instant()).orElseThrow();

        assertThat(reported).containsExactly(first.keys(), second.keys());
    }
}
