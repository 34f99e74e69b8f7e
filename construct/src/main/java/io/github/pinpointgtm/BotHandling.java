package io.github.pinpointgtm;

/**
 * What the processor does with a hit whose User-Agent is a bot's: a search or AI crawler, an uptime monitor or
 * synthetic test, a link preview fetcher, a headless browser or an HTTP library. The processor recognises bots that
 * name themselves in the header; one that claims to be a browser passes as one. In-app browsers (Instagram,
 * Facebook, TikTok, ...) carry people and are not bots; neither is a hit without a User-Agent.
 */
public enum BotHandling {
    /**
     * To the rejected queue with reason {@code bot} (counted by {@code metricRejected("bot")}), never delivered:
     * crawlers that run GTM would otherwise add page views no person made.
     */
    REJECT,
    /**
     * Delivered like any hit, with the event attribute {@code is_bot=true} (replacing a client's
     * {@code evat_is_bot}, so a bot cannot unflag itself), for analyses that want to see bot traffic. Each one
     * counts in the processor's {@code BotsFlagged} metric.
     */
    DELIVER_FLAGGED
}
