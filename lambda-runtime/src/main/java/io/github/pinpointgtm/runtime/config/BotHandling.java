package io.github.pinpointgtm.runtime.config;

import java.util.Locale;

/**
 * What the processor does with a hit whose User-Agent is a bot's: the value of the {@code BOT_HANDLING} environment
 * variable.
 */
public enum BotHandling {
    /** To the rejected queue with reason {@code bot}. */
    REJECT("reject"),
    /** Delivered like any hit, with the event attribute {@code is_bot=true}. */
    DELIVER_FLAGGED("deliver-flagged");

    private final String value;

    BotHandling(String value) {
        this.value = value;
    }

    /** @return the environment variable's spelling, e.g. {@code deliver-flagged} */
    public String value() {
        return value;
    }

    /**
     * @param value the environment variable's value (case-insensitive)
     * @return the matching handling
     * @throws IllegalArgumentException if none has that name
     */
    public static BotHandling fromValue(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (BotHandling handling : values()) {
            if (handling.value.equals(wanted)) {
                return handling;
            }
        }
        throw new IllegalArgumentException("unknown bot handling '" + value + "'; expected reject or deliver-flagged");
    }
}
