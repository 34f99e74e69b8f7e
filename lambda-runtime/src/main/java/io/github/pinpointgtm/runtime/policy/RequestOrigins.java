package io.github.pinpointgtm.runtime.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link HitPolicy#requestOrigin(String, String)} remembered per distinct header value: a site sends the same few
 * Origin and Referer values over and over, so each is parsed once instead of once per hit.
 *
 * <p>Bounded whatever clients send: at most {@value #MAX_ENTRIES} values per header are kept (the cache starts afresh
 * when full), and values longer than {@value #MAX_CACHED_LENGTH} characters (full Referer URLs, junk) are parsed
 * every time. Thread-safe.
 */
public final class RequestOrigins {
    /** Distinct values kept per header. */
    static final int MAX_ENTRIES = 1024;
    /** Longest value kept: an origin is far shorter; longer values are rare and would only crowd the cache. */
    static final int MAX_CACHED_LENGTH = 256;

    private final Map<String, HitPolicy.RequestOrigin> byOriginHeader = new ConcurrentHashMap<>();
    private final Map<String, HitPolicy.RequestOrigin> byReferer = new ConcurrentHashMap<>();
    private static final Function<String, HitPolicy.RequestOrigin> FROM_ORIGIN_HEADER =
            value -> HitPolicy.requestOrigin(value, "");
    private static final Function<String, HitPolicy.RequestOrigin> FROM_REFERER =
            value -> HitPolicy.requestOrigin("", value);

    /**
     * @param originHeader the Origin header, or empty
     * @param referer      the Referer header, or empty
     * @return what {@link HitPolicy#requestOrigin(String, String)} returns for them
     */
    public HitPolicy.RequestOrigin of(String originHeader, String referer) {
        if (!originHeader.isEmpty()) {
            return cached(byOriginHeader, originHeader, FROM_ORIGIN_HEADER);
        }
        if (!referer.isEmpty()) {
            return cached(byReferer, referer, FROM_REFERER);
        }
        return HitPolicy.RequestOrigin.MISSING;
    }

    private static HitPolicy.RequestOrigin cached(Map<String, HitPolicy.RequestOrigin> cache, String value,
                                                  Function<String, HitPolicy.RequestOrigin> parse) {
        if (value.length() > MAX_CACHED_LENGTH) {
            return parse.apply(value);
        }
        HitPolicy.RequestOrigin origin = cache.get(value);
        if (origin == null) {
            origin = parse.apply(value);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(value, origin);
        }
        return origin;
    }

    /** @return how many values are cached, for both headers together (tests) */
    int size() {
        return byOriginHeader.size() + byReferer.size();
    }
}
