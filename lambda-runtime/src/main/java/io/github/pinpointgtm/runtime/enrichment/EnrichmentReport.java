package io.github.pinpointgtm.runtime.enrichment;

import java.util.List;
import java.util.Objects;

/**
 * What a hit's enrichment did not do as asked, for the processor's metrics and log (derived values are never
 * changed or left out silently).
 *
 * @param pageUrlIgnored whether a {@code page_url} was sent that is not an http(s) URL, so nothing was derived
 * @param truncated      derived attributes whose value was cut to Pinpoint's 200 characters
 * @param omitted        derived attributes left out because the event had no room under Pinpoint's 40 keys
 * @param botFlagged     whether the hit came from a bot and is delivered with {@code is_bot=true}
 */
public record EnrichmentReport(boolean pageUrlIgnored, List<String> truncated, List<String> omitted,
                               boolean botFlagged) {
    /** Nothing to report. */
    public static final EnrichmentReport NONE = new EnrichmentReport(false, List.of(), List.of(), false);

    /**
     * Creates a report; the lists are copied.
     *
     * @param pageUrlIgnored whether a {@code page_url} was sent that is not an http(s) URL, so nothing was derived
     * @param truncated      derived attributes whose value was cut to Pinpoint's 200 characters
     * @param omitted        derived attributes left out because the event had no room under Pinpoint's 40 keys
     * @param botFlagged     whether the hit came from a bot and is delivered with {@code is_bot=true}
     */
    public EnrichmentReport {
        truncated = List.copyOf(Objects.requireNonNull(truncated, "truncated"));
        omitted = List.copyOf(Objects.requireNonNull(omitted, "omitted"));
    }

    /**
     * @param flagged whether the hit is delivered flagged as a bot's
     * @return this report with {@link #botFlagged()} set as given
     */
    public EnrichmentReport withBotFlagged(boolean flagged) {
        return flagged == botFlagged ? this : new EnrichmentReport(pageUrlIgnored, truncated, omitted, flagged);
    }

    /** @return whether a derived value was cut or left out */
    public boolean limited() {
        return !truncated.isEmpty() || !omitted.isEmpty();
    }
}
