package io.github.pinpointgtm.runtime.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells whether a User-Agent header is a bot's: a search or AI crawler, an uptime monitor or synthetic test, a link
 * preview fetcher, a headless browser or an HTTP library. The processor's own small word list, not a maintained
 * database: no library from Maven Central fits the processor's size budget and is maintained.
 *
 * <p>The header is split into words: runs of ASCII letters and digits, compared case-insensitively
 * ({@code Slackbot-LinkExpanding/1.0} is {@code slackbot}, {@code linkexpanding}, {@code 1}, {@code 0}). A header is a
 * bot's when one of its words
 * <ul>
 *   <li>ends with {@code bot}, {@code spider}, {@code crawler}, {@code preview} or {@code synthetics}
 *       ({@code Googlebot}, {@code Bytespider}, {@code BingPreview}, {@code DatadogSynthetics}), unless it is one of
 *       the few real devices and browsers named that way ({@code CUBOT} phones);</li>
 *   <li>is {@code http} or {@code https}: crawlers put the URL of their documentation in the header, browsers never
 *       do, and {@code Go-http-client} is an HTTP library;</li>
 *   <li>is one of a list of names ({@code facebookexternalhit}, {@code HeadlessChrome}, {@code curl},
 *       {@code python}, {@code Pingdom}, {@code WhatsApp}, ...).</li>
 * </ul>
 * In-app browsers (Instagram, Facebook's {@code FBAN/FBAV}, TikTok, LinkedIn, Pinterest) carry people and are not
 * bots. HTTP libraries of Node.js ({@code node-fetch}, {@code undici}, {@code axios}) are not treated as bots, because
 * a server-side sender such as server-side GTM may use them. An empty header is not a bot's by itself: privacy tools
 * strip the header too.
 *
 * <p>This stops honest bots, which name themselves. A bot that claims to be a browser is indistinguishable here.
 * One pass over the header, no allocation. Thread-safe.
 */
public final class BotUserAgents {

    private static final String[] SUFFIXES = {"bot", "spider", "crawler", "preview", "synthetics"};

    /** Real devices and browsers whose names end like a bot's. */
    private static final String[] NOT_BOTS = {"cubot"};

    private static final String[] NAMES = {
        // search, AI and archive crawlers without "bot" in their words
        "facebookexternalhit", "facebookcatalog", "externalagent", "externalfetcher", "mediapartners",
        "feedfetcher", "googleother", "inspectiontool", "duplexweb", "favicon", "apis", "slurp", "archiver",
        "qwantify", "yeti", "chatgpt", "claude", "anthropic", "perplexity", "scrap", "imgproxy",
        // link preview fetchers of messengers
        "whatsapp", "embedly", "iframely", "vkshare", "skypeuripreview",
        // monitors and page testers
        "pingdom", "statuscake", "site24x7", "catchpoint", "gtmetrix", "lighthouse", "ptst", "checkly", "zabbix",
        "nagios", "newrelicpinger",
        // headless and automated browsers
        "headlesschrome", "phantomjs", "slimerjs", "htmlunit", "puppeteer", "playwright", "selenium", "webdriver",
        "cypress",
        // HTTP libraries and command-line clients
        "http", "https", "curl", "wget", "python", "aiohttp", "httpx", "java", "httpclient", "libwww", "lwp",
        "scrapy", "guzzlehttp", "ruby", "php", "postmanruntime", "insomnia", "httpie",
    };

    /** {@link #NAMES} by length, so a word is compared only with names as long as it. */
    private static final String[][] NAMES_BY_LENGTH = byLength(NAMES);

    private BotUserAgents() {
    }

    /**
     * @param userAgent the User-Agent header, possibly empty
     * @return whether it is a bot's
     */
    public static boolean isBot(String userAgent) {
        int length = userAgent.length();
        int i = 0;
        while (i < length) {
            while (i < length && !isWordChar(userAgent.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && isWordChar(userAgent.charAt(i))) {
                i++;
            }
            if (i > start && isBotWord(userAgent, start, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBotWord(String text, int start, int end) {
        int length = end - start;
        if (length < NAMES_BY_LENGTH.length) {
            for (String name : NAMES_BY_LENGTH[length]) {
                if (text.regionMatches(true, start, name, 0, length)) {
                    return true;
                }
            }
        }
        for (String suffix : SUFFIXES) {
            if (length >= suffix.length() && text.regionMatches(true, end - suffix.length(), suffix, 0,
                    suffix.length())) {
                return !isOneOf(text, start, length, NOT_BOTS);
            }
        }
        return false;
    }

    private static boolean isOneOf(String text, int start, int length, String[] words) {
        for (String word : words) {
            if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String[][] byLength(String[] names) {
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, name.length());
        }
        List<List<String>> groups = new ArrayList<>();
        for (int length = 0; length <= longest; length++) {
            groups.add(new ArrayList<>());
        }
        for (String name : names) {
            groups.get(name.length()).add(name);
        }
        String[][] table = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            table[length] = groups.get(length).toArray(new String[0]);
        }
        return table;
    }
}
