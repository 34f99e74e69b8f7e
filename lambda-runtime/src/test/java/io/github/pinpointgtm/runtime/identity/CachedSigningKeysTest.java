package io.github.pinpointgtm.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.runtime.testsupport.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedSigningKeysTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final CountingKeySource source = new CountingKeySource("key-1", null);
    private final CachedSigningKeys keys = new CachedSigningKeys(source, clock);

    @Test
    void readsTheKeysOnceAtFirstUseAndKeepsThem() {
        assertThat(source.reads()).isZero();

        SigningKeys first = keys.current();
        clock.advance(Duration.ofHours(5));

        assertThat(keys.current()).isSameAs(first);
        assertThat(source.reads()).isEqualTo(1);
    }

    @Test
    void refreshReadsAgainOnlyOnceTheIntervalHasPassed() {
        keys.current();

        clock.advance(CachedSigningKeys.REREAD_INTERVAL.minusSeconds(1));
        assertThat(keys.refresh()).isEmpty();
        assertThat(source.reads()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        source.rotate("key-2");
        assertThat(keys.refresh()).hasValueSatisfying(read -> assertThat(read.keys()).hasSize(2));
        assertThat(keys.current().keys()).hasSize(2);
        assertThat(source.reads()).isEqualTo(2);

        assertThat(keys.refresh()).isEmpty();
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
        assertThat(keys.current().keys()).hasSize(1);
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void aFailedRefreshKeepsTheKeysReadBefore() {
        SigningKeys before = keys.current();
        source.failing(true);
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);

        assertThatThrownBy(keys::refresh).isInstanceOf(SigningKeysUnavailableException.class);

        assertThat(keys.current()).isSameAs(before);
        assertThat(keys.refresh()).isEmpty();
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
}
