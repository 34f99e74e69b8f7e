package io.github.pinpointgtm.runtime.enrichment;

import java.util.Locale;

/**
 * The query parameters of a page URL the processor records as event attributes of the same names, in the order
 * they are added to an event. Each parameter's name is its constant's name in lower case.
 */
public enum CampaignParameter {
    /** Google Analytics campaign source. */
    UTM_SOURCE(false),
    /** Google Analytics campaign medium. */
    UTM_MEDIUM(false),
    /** Google Analytics campaign name. */
    UTM_CAMPAIGN(false),
    /** Google Analytics campaign term (paid keyword). */
    UTM_TERM(false),
    /** Google Analytics campaign content (ad variant). */
    UTM_CONTENT(false),
    /** Google Ads click id. */
    GCLID(true),
    /** Meta (Facebook, Instagram) click id. */
    FBCLID(true),
    /** Microsoft Advertising click id. */
    MSCLKID(true),
    /** TikTok click id. */
    TTCLID(true),
    /** LinkedIn click id. */
    LI_FAT_ID(true);

    private static final CampaignParameter[] ALL = values();

    private final String parameterName = name().toLowerCase(Locale.ROOT);
    private final boolean identifiesClick;

    CampaignParameter(boolean identifiesClick) {
        this.identifiesClick = identifiesClick;
    }

    /** @return the query parameter's name, which is also the event attribute's name */
    public String parameterName() {
        return parameterName;
    }

    /**
     * @return whether the value identifies one ad click, and so the person who clicked: a click id. Campaign
     *         parameters ({@code utm_*}) name a campaign shared by everyone who followed its links.
     */
    public boolean identifiesClick() {
        return identifiesClick;
    }

    /**
     * @param text  a string holding a parameter name
     * @param start where the name starts
     * @param end   where the name ends (exclusive)
     * @return the parameter of that exact name (case-sensitive), or {@code null}
     */
    static CampaignParameter named(String text, int start, int end) {
        int length = end - start;
        for (CampaignParameter parameter : ALL) {
            if (parameter.parameterName.length() == length
                    && text.regionMatches(start, parameter.parameterName, 0, length)) {
                return parameter;
            }
        }
        return null;
    }

    /** @return every parameter, in attribute order (a shared array: do not modify) */
    static CampaignParameter[] all() {
        return ALL;
    }
}
