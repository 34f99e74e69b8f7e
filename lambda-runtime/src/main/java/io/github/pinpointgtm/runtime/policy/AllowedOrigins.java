package io.github.pinpointgtm.runtime.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** The origins a deployment accepts hits from: a set of {@link WebOrigin}s, or any origin ({@code *}). */
public final class AllowedOrigins {
    private static final AllowedOrigins ANY = new AllowedOrigins(Set.of(), true);

    private final Set<WebOrigin> origins;
    private final boolean any;

    private AllowedOrigins(Set<WebOrigin> origins, boolean any) {
        this.origins = origins;
        this.any = any;
    }

    /** @return a value that allows every origin */
    public static AllowedOrigins any() {
        return ANY;
    }

    /**
     * @param origins the allowed origins; must not be empty
     * @return a value that allows exactly these origins
     */
    public static AllowedOrigins of(Set<WebOrigin> origins) {
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("at least one allowed origin is required (or * for any origin)");
        }
        return new AllowedOrigins(Collections.unmodifiableSet(new LinkedHashSet<>(origins)), false);
    }

    /**
     * Parses the {@code ALLOWED_ORIGINS} syntax.
     *
     * @param commaSeparated {@code *}, or a comma-separated list of {@code scheme://host[:port]} (blanks around
     *                       entries are ignored)
     * @return the allowed origins
     * @throws IllegalArgumentException if the list is empty, mixes {@code *} with origins, or holds an entry that is
     *                                  not an origin
     */
    public static AllowedOrigins parse(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "commaSeparated");
        if (commaSeparated.trim().equals("*")) {
            return ANY;
        }
        Set<WebOrigin> origins = new LinkedHashSet<>();
        for (String entry : commaSeparated.split(",", -1)) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals("*")) {
                throw new IllegalArgumentException("* must be the only entry when it is used");
            }
            origins.add(WebOrigin.parse(trimmed));
        }
        return of(origins);
    }

    /** @return whether every origin is allowed */
    public boolean allowsAny() {
        return any;
    }

    /** @return the allowed origins (empty when {@link #allowsAny()}) */
    public Set<WebOrigin> origins() {
        return origins;
    }

    /**
     * @param origin a normalised origin
     * @return whether hits from it are accepted
     */
    public boolean allows(WebOrigin origin) {
        return any || origins.contains(origin);
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(",", origins.stream().map(WebOrigin::toString).toArray(String[]::new));
    }
}
