package io.github.pinpointgtm.runtime.enrichment;

/**
 * The query parameters of a page URL the processor records as event attributes of the same names, in the order
 * they are added to an event.
 */
public enum CampaignParameter {
    /** Google Analytics campaign source. */
    UTM_SOURCE("utm_source", false),
    /** Google Analytics campaign medium. */
    UTM_MEDIUM("utm_medium", false),
    /** Google Analytics campaign name. */
    UTM_CAMPAIGN("utm_campaign", false),
    /** Google Analytics campaign term (paid keyword). */
    UTM_TERM("utm_term", false),
    /** Google Analytics campaign content (ad variant). */
    UTM_CONTENT("utm_content", false),
    /** Google Ads click id. */
    GCLID("gclid", true),
    /** Meta (Facebook, Instagram) click id. */
    FBCLID("fbclid", true),
    /** Microsoft Advertising click id. */
    MSCLKID("msclkid", true),
    /** TikTok click id. */
    TTCLID("ttclid", true),
    /** LinkedIn click id. */
    LI_FAT_ID("li_fat_id", true);

    private static final CampaignParameter[] ALL = values();

    private final String parameterName;
    private final boolean identifiesClick;

    CampaignParameter(String parameterName, boolean identifiesClick) {
        this.parameterName = parameterName;
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
