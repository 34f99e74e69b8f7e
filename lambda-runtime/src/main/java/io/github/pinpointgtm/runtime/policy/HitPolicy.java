package io.github.pinpointgtm.runtime.policy;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment's rules for accepting a hit: where it may come from, which event types are wanted, and the
 * destination's limits. Rejection details name the rule and the parameter, never the client's full value.
 *
 * <p>The origin check is a browser-level control, not authentication: any non-browser client can send any
 * Origin or Referer. Pinpoint's ingestion limits ({@link PinpointLimits}) apply whatever the destination, so an
 * event accepted once stays deliverable when a deployment moves from Pinpoint to one of its successors.
 */
public final class HitPolicy {
    private final AllowedOrigins allowedOrigins;
    private final boolean allowMissingOrigin;
    private final Set<String> allowedEventTypes;
    private final PinpointLimits limits = new PinpointLimits();

    /** @param config the processor's configuration */
    public HitPolicy(ProcessorConfig config) {
        this(config.allowedOrigins(), config.allowMissingOrigin(), config.allowedEventTypes());
    }

    /**
     * @param allowedOrigins     origins hits may come from
     * @param allowMissingOrigin whether a hit with neither Origin nor Referer is accepted
     * @param allowedEventTypes  accepted event types; empty accepts any
     */
    public HitPolicy(AllowedOrigins allowedOrigins, boolean allowMissingOrigin, Set<String> allowedEventTypes) {
        this.allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        this.allowMissingOrigin = allowMissingOrigin;
        this.allowedEventTypes = Set.copyOf(allowedEventTypes);
    }

    /**
     * The origin a hit came from: the {@code Origin} header, else the origin of the {@code Referer} URL.
     *
     * @param originHeader the Origin header, or empty
     * @param referer      the Referer header, or empty
     * @return the origin the browser declared
     */
    public static RequestOrigin requestOrigin(String originHeader, String referer) {
        if (!originHeader.isEmpty()) {
            try {
                return RequestOrigin.of(WebOrigin.parse(originHeader.trim()));
            } catch (IllegalArgumentException notAnOrigin) {
                // "null" (sandboxed frames, file: pages) and anything unparseable: an origin no list can allow.
                return RequestOrigin.UNRECOGNISED;
            }
        }
        if (!referer.isEmpty()) {
            return WebOrigin.ofUrl(referer.trim()).map(RequestOrigin::of).orElse(RequestOrigin.UNRECOGNISED);
        }
        return RequestOrigin.MISSING;
    }

    /**
     * @param origin the hit's origin, from {@link #requestOrigin(String, String)}
     * @return a rejection if hits from that origin are not accepted
     */
    public Optional<Rejection> checkOrigin(RequestOrigin origin) {
        if (origin.isMissing()) {
            return allowMissingOrigin ? Optional.empty() : Optional.of(new Rejection(RejectionReason.ORIGIN_MISSING,
                    "the request carried neither an Origin nor a Referer header"));
        }
        if (origin.origin().isEmpty()) {
            return Optional.of(new Rejection(RejectionReason.ORIGIN_NOT_ALLOWED,
                    "the Origin or Referer header is not a scheme://host[:port] origin"));
        }
        if (!allowedOrigins.allows(origin.origin().get())) {
            return Optional.of(new Rejection(RejectionReason.ORIGIN_NOT_ALLOWED,
                    "origin " + origin.origin().get() + " is not in the allowed origins"));
        }
        return Optional.empty();
    }

    /**
     * @param eventType the {@code event} parameter
     * @return a rejection if the event type is not in the allowlist
     */
    public Optional<Rejection> checkEventType(String eventType) {
        if (allowedEventTypes.isEmpty() || allowedEventTypes.contains(eventType)) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(RejectionReason.EVENT_TYPE_NOT_ALLOWED,
                "parameter event: the event type is not in the allowed event types"));
    }

    /**
     * @param event a mapped event
     * @return a rejection if it exceeds one of the destination's ingestion limits
     */
    public Optional<Rejection> checkLimits(CustomerEvent event) {
        return limits.check(event);
    }

    /**
     * The origin a request declared, if any.
     */
    public static final class RequestOrigin {
        static final RequestOrigin MISSING = new RequestOrigin(null, true);
        static final RequestOrigin UNRECOGNISED = new RequestOrigin(null, false);

        private final WebOrigin origin;
        private final boolean missing;

        private RequestOrigin(WebOrigin origin, boolean missing) {
            this.origin = origin;
            this.missing = missing;
        }

        static RequestOrigin of(WebOrigin origin) {
            return new RequestOrigin(origin, false);
        }

        /** @return whether the request carried neither Origin nor Referer */
        public boolean isMissing() {
            return missing;
        }

        /** @return the normalised origin; empty when missing or when the header was not a usable origin */
        public Optional<WebOrigin> origin() {
            return Optional.ofNullable(origin);
        }

        /** @return the normalised origin's text, or empty */
        public String text() {
            return origin == null ? "" : origin.toString();
        }
    }
}
