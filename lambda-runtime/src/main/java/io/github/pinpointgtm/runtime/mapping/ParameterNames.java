package io.github.pinpointgtm.runtime.mapping;

/** The GTM parameter contract (see DESIGN.md): the names HitReader understands. */
final class ParameterNames {
    static final String EVENT = "event";
    static final String ENDPOINT_ID = "endpoint_id";
    /** The endpoint id's HMAC signature: checked, never forwarded, never logged. */
    static final String ENDPOINT_SIGNATURE = "endpoint_sig";
    static final String ATTRIBUTE_PREFIX = "evat_";
    static final String METRIC_PREFIX = "evmt_";
    static final String USER_ATTRIBUTE_PREFIX = "usat_";
    static final String TIMESTAMP = "ts";
    static final String SESSION_ID = "session_id";
    /** {@code denied} makes the hit an anonymous count (see {@link ConsentParameter}). */
    static final String CONSENT = "consent";
    /** The client's event id (see {@link ClientEventId}). */
    static final String EVENT_ID = "event_id";
    /** The page's URL, source of the derived campaign and page attributes (see {@code PageEnrichment}). */
    static final String PAGE_URL = "page_url";

    /** Longest parameter name quoted in a rejection detail: names are client input too. */
    private static final int MAX_QUOTED_LENGTH = 60;

    private ParameterNames() {
    }

    /** @return the name, shortened for a rejection detail if it is very long */
    static String quoted(String name) {
        return name.length() <= MAX_QUOTED_LENGTH ? name : name.substring(0, MAX_QUOTED_LENGTH) + "...";
    }
}
