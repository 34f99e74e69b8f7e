package io.github.pinpointgtm.testkit;

import java.util.concurrent.ThreadLocalRandom;

/** The seed of a randomized test or run: the one a system property sets, to replay a run, else a new one. */
public final class Seeds {

    private Seeds() {
    }

    /**
     * @param propertyName the system property, e.g. {@code pinpointgtm.seed}
     * @return the seed the property sets, else a new random one
     * @throws IllegalArgumentException if the property is set but not a long
     */
    public static long fromSystemProperty(String propertyName) {
        String configured = System.getProperty(propertyName);
        if (configured == null || configured.isBlank()) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(propertyName + " must be a long, was '" + configured + "'", e);
        }
    }
}
