package io.github.pinpointgtm.runtime.enrichment;

import io.github.pinpointgtm.runtime.policy.PinpointLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Adds what a hit's {@code page_url} tells to its event attributes: the {@linkplain CampaignParameter campaign
 * parameters and click ids} under their own names, then {@value #PAGE_HOST} and {@value #PAGE_PATH}.
 *
 * <p>Rules, so that enrichment never costs an event:
 * <ul>
 *   <li>An attribute the client sent ({@code evat_utm_source}, ...) wins: the derived value is not added.</li>
 *   <li>A value longer than Pinpoint's 200 characters is {@linkplain AttributeValueCut cut}, and reported;
 *       {@value #PAGE_PATH}, percent-encoded as sent, is never cut inside a {@code %XX} escape.</li>
 *   <li>Derived attributes only fill the room the client's attributes and metrics leave under Pinpoint's 40 keys per
 *       event, in the order above; those without room are left out, and reported.</li>
 *   <li>A {@code page_url} that is not an http(s) URL ({@link PageUrl}) adds nothing, and is reported; it never
 *       rejects the hit.</li>
 *   <li>An anonymous hit ({@code consent=denied}) gets no click ids: each identifies one ad click, and so a
 *       person.</li>
 * </ul>
 */
public final class PageEnrichment {
    /** The attribute holding the page URL's host. */
    public static final String PAGE_HOST = "page_host";
    /** The attribute holding the page URL's path. */
    public static final String PAGE_PATH = "page_path";

    private PageEnrichment() {
    }

    /**
     * @param attributes the event's attributes so far (the client's), added to in place
     * @param metrics    how many metrics the event has
     * @param pageUrl    the {@code page_url} parameter, or {@code null} or empty when absent
     * @param anonymous  whether the hit is an anonymous count
     * @return what did not go as sent
     */
    public static EnrichmentReport apply(Map<String, String> attributes, int metrics, String pageUrl,
                                         boolean anonymous) {
        if (pageUrl == null || pageUrl.isEmpty()) {
            return EnrichmentReport.NONE;
        }
        Optional<PageUrl> parsed = PageUrl.parse(pageUrl);
        if (parsed.isEmpty()) {
            return new EnrichmentReport(true, List.of(), List.of(), false);
        }
        PageUrl page = parsed.get();
        Additions additions = new Additions(attributes,
                PinpointLimits.MAX_ATTRIBUTE_AND_METRIC_KEYS - attributes.size() - metrics);
        for (CampaignParameter parameter : CampaignParameter.all()) {
            if (!(anonymous && parameter.identifiesClick())) {
                additions.add(parameter.parameterName(), page.campaignValue(parameter));
            }
        }
        additions.add(PAGE_HOST, page.host());
        additions.add(PAGE_PATH, page.path(), AttributeValueCut::cutPercentEncoded);
        return new EnrichmentReport(false, additions.truncated, additions.omitted, false);
    }

    private static final class Additions {
        final Map<String, String> attributes;
        int room;
        List<String> truncated = List.of();
        List<String> omitted = List.of();

        Additions(Map<String, String> attributes, int room) {
            this.attributes = attributes;
            this.room = room;
        }

        void add(String name, String value) {
            add(name, value, AttributeValueCut::cut);
        }

        void add(String name, String value, UnaryOperator<String> cutter) {
            if (value == null || attributes.containsKey(name)) {
                return;
            }
            if (room <= 0) {
                omitted = appended(omitted, name);
                return;
            }
            String cut = cutter.apply(value);
            if (cut.length() < value.length()) {
                truncated = appended(truncated, name);
            }
            attributes.put(name, cut);
            room--;
        }

        private static List<String> appended(List<String> names, String name) {
            List<String> longer = names.isEmpty() ? new ArrayList<>(2) : names;
            longer.add(name);
            return longer;
        }
    }
}
