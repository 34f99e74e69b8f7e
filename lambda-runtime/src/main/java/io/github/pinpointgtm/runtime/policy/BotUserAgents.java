package io.github.pinpointgtm.runtime.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * One pass over one copy of the header. Thread-safe.
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
    private static final byte[][][] NAMES_BY_LENGTH = byLength(NAMES);
    private static final byte[][] SUFFIX_BYTES = ascii(SUFFIXES);
    private static final byte[][] NOT_BOT_BYTES = ascii(NOT_BOTS);

    private BotUserAgents() {
    }

    /**
     * @param userAgent the User-Agent header, possibly empty
     * @return whether it is a bot's
     */
    public static boolean isBot(String userAgent) {
        // Words are ASCII letters and digits only, and ISO-8859-1 keeps every such character as its own byte (any
        // character beyond it becomes '?', no word character either), so the words are read from one byte copy of
        // the header: cheaper than a bounds-checked charAt per character without the optimising JIT (Lambda's C1).
        byte[] text = userAgent.getBytes(StandardCharsets.ISO_8859_1);
        int length = text.length;
        int i = 0;
        while (i < length) {
            while (i < length && !isWordChar(text[i])) {
                i++;
            }
            int start = i;
            while (i < length && isWordChar(text[i])) {
                i++;
            }
            if (i > start && isBotWord(text, start, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBotWord(byte[] text, int start, int end) {
        int length = end - start;
        // Comparing first and last letters before whole words keeps the cost near one comparison per word.
        byte first = lowerAscii(text[start]);
        if (length < NAMES_BY_LENGTH.length) {
            for (byte[] name : NAMES_BY_LENGTH[length]) {
                if (name[0] == first && equalsIgnoringAsciiCase(text, start, name, length)) {
                    return true;
                }
            }
        }
        byte last = lowerAscii(text[end - 1]);
        for (byte[] suffix : SUFFIX_BYTES) {
            int suffixLength = suffix.length;
            if (length >= suffixLength && suffix[suffixLength - 1] == last
                    && equalsIgnoringAsciiCase(text, end - suffixLength, suffix, suffixLength)) {
                return !isOneOf(text, start, length, NOT_BOT_BYTES);
            }
        }
        return false;
    }

    /** @return whether {@code text} from {@code start} holds {@code word} (lowercase ASCII), ignoring ASCII case */
    private static boolean equalsIgnoringAsciiCase(byte[] text, int start, byte[] word, int length) {
        for (int i = 0; i < length; i++) {
            if (lowerAscii(text[start + i]) != word[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte lowerAscii(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
    }

    private static boolean isOneOf(byte[] text, int start, int length, byte[][] words) {
        for (byte[] word : words) {
            if (word.length == length && equalsIgnoringAsciiCase(text, start, word, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** @return the words as lowercase ASCII bytes, the form {@link #equalsIgnoringAsciiCase} compares with */
    private static byte[][] ascii(String[] words) {
        byte[][] bytes = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            bytes[i] = words[i].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    /** @return the list of bot names, for tests that check this class against its description */
    static List<String> names() {
        return List.of(NAMES);
    }

    /** @return the word endings of bots */
    static List<String> suffixes() {
        return List.of(SUFFIXES);
    }

    /** @return the words that end like a bot's but are not */
    static List<String> notBots() {
        return List.of(NOT_BOTS);
    }

    private static byte[][][] byLength(String[] names) {
        byte[][] words = ascii(names);
        int longest = 0;
        for (byte[] word : words) {
            longest = Math.max(longest, word.length);
        }
        List<List<byte[]>> groups = new ArrayList<>();
        for (int length = 0; length <= longest; length++) {
            groups.add(new ArrayList<>());
        }
        for (byte[] word : words) {
            groups.get(word.length).add(word);
        }
        byte[][][] table = new byte[longest + 1][][];
        for (int length = 0; length <= longest; length++) {
            table[length] = groups.get(length).toArray(new byte[0][]);
        }
        return table;
    }
}
