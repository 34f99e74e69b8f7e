package io.github.pinpointgtm.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class DestinationFactoryTest {

    private static final DestinationFactory.Constructor NO_DESTINATION = (config, clients, retries) -> null;

    @Test
    void theConstructorAndTheOfflineAnswersAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> new DestinationFactory(null, () -> null))
                .withMessage("constructor");
        assertThatNullPointerException().isThrownBy(() -> new DestinationFactory(NO_DESTINATION, null))
                .withMessage("offlineAnswers");
    }
}
