package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.BotHandling;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.runtime.enrichment.PageEnrichment;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import io.github.pinpointgtm.runtime.event.RequestContext;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifier;
import io.github.pinpointgtm.runtime.policy.BotUserAgents;
import io.github.pinpointgtm.runtime.policy.HitPolicy;
import io.github.pinpointgtm.runtime.policy.PinpointLimits;
import io.github.pinpointgtm.runtime.policy.RequestOrigins;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one queued hit into a {@link CustomerEvent} or a {@link Rejection}: the single front door of the
 * processor's validation. It never throws for bad input.
 *
 * <p>The GTM parameter contract:
 * <ul>
 *   <li>{@code event}: the event type (required).</li>
 *   <li>{@code endpoint_id}: the endpoint id, required unless the request was authenticated; then the
 *       authorizer's identity is the endpoint id and {@code endpoint_id} is ignored.</li>
 *   <li>{@code evat_<name>}: event attribute {@code <name>}; {@code evmt_<name>}: event metric {@code <name>},
 *       a finite decimal number.</li>
 *   <li>{@code usat_<name>}: endpoint user attribute, only when {@code USER_ATTRIBUTES_ENABLED}; otherwise
 *       ignored and counted in {@link HitOutcome.Accepted#ignoredUserAttributes()}.</li>
 *   <li>{@code ts}: client time (ISO 8601 with offset, or epoch millis), used only when within
 *       {@code CLIENT_TIMESTAMP_MAX_SKEW_SECONDS} of the request time; otherwise, and when it does not parse,
 *       the request time is the event's timestamp.</li>
 *   <li>{@code endpoint_sig}: the endpoint id's signature when identity verification is on (see
 *       {@link EndpointIdVerifier}); checked for ids from the client, never for an authorizer's, and never part of
 *       the event.</li>
 *   <li>{@code session_id}: the session id.</li>
 *   <li>{@code event_id}: the event id, at most 64 characters of {@code [A-Za-z0-9._-]} (anything else is
 *       {@link RejectionReason#INVALID_EVENT_ID}); without it, API Gateway's request id.</li>
 *   <li>{@code consent}: {@code denied} makes the hit an anonymous count: its endpoint id is
 *       {@link #ANONYMOUS_ENDPOINT_ID} whatever was sent, identity verification and the authorizer's identity do not
 *       apply, and {@code endpoint_id}, {@code endpoint_sig}, {@code usat_*}, {@code session_id} and the source IP
 *       are dropped. {@code granted} or absent: an ordinary hit; any other value is
 *       {@link RejectionReason#INVALID_CONSENT}.</li>
 *   <li>{@code page_url}: the page's URL; its campaign parameters ({@code utm_*}), click ids, host and path become
 *       event attributes by the rules of {@link PageEnrichment} (an anonymous hit gets no click ids). A
 *       {@code page_url} that is not an http(s) URL adds nothing and is reported in
 *       {@link HitOutcome.Accepted#enrichment()}, never a rejection.</li>
 *   <li>{@code gtmcb} and any other parameter: ignored.</li>
 * </ul>
 * A POST body's JSON keys follow the same contract and override query parameters of the same name.
 *
 * <p><b>Bots.</b> A hit whose User-Agent is a bot's ({@link BotUserAgents}) is {@link RejectionReason#BOT} with
 * {@code BOT_HANDLING=reject} (the default). With {@code deliver-flagged} it is read like any hit and gets the event
 * attribute {@value #BOT_ATTRIBUTE} {@code =true}, which replaces a client's {@code evat_is_bot}, so a bot cannot
 * unflag itself; a bot hit whose own attributes and metrics leave no room for it under Pinpoint's 40 is
 * {@link RejectionReason#BOT}.
 * A hit an authorizer authenticated (the envelope carries the authorizer's identity or identity source) is never a
 * bot's, whatever its User-Agent, so a server-side integration may send with an HTTP library, consent denied or
 * not. A verified {@code endpoint_sig} does not exempt a hit: the signature is a bearer token of one endpoint id,
 * served in the page, that a crawler rendering the page replays like any other parameter.
 *
 * <p><b>Empty values.</b> A parameter with an empty value is treated as absent: an empty {@code event} or
 * {@code endpoint_id} is missing, and an empty {@code evat_}, {@code evmt_}, {@code usat_}, {@code ts} or
 * {@code session_id} is left out of the event. GTM sends an empty value for an undefined variable, and an empty
 * attribute value carries nothing to segment on. A prefix without a name ({@code evat_=x}) is ignored.
 *
 * <p>Checks run in this order, and the first failure is the rejection: origin, bot (unless an authorizer authenticated the hit), body, event type, event-type
 * allowlist, consent, endpoint id, its signature, event id, metrics, destination limits. Thread-safe; its only state
 * is a bounded cache of parsed origins ({@link RequestOrigins}).
 */
public final class HitReader {
    /**
     * The endpoint id of every hit sent with {@code consent=denied}: one fixed id, never the client's, so anonymous
     * counts add up in one place and cannot reach a real customer's endpoint.
     */
    public static final String ANONYMOUS_ENDPOINT_ID = "anonymous";
    /** The event attribute that flags a bot's hit when bots are delivered flagged. */
    public static final String BOT_ATTRIBUTE = "is_bot";

    private final HitPolicy policy;
    private final RequestOrigins origins = new RequestOrigins();
    private final boolean userAttributesEnabled;
    private final Duration clientTimestampMaxSkew;
    private final EndpointIdVerifier identity;
    private final BotHandling botHandling;

    /** @param config the processor's configuration; endpoint ids are not verified */
    public HitReader(ProcessorConfig config) {
        this(config, EndpointIdVerifier.OFF);
    }

    /**
     * @param config   the processor's configuration
     * @param identity how endpoint ids sent by the client are verified ({@link EndpointIdVerifier#OFF} for not)
     */
    public HitReader(ProcessorConfig config, EndpointIdVerifier identity) {
        this(config, new HitPolicy(config), identity);
    }

    /**
     * @param config   the processor's configuration (user attributes, client timestamps, bots)
     * @param policy   the origin and event-type rules to apply instead of the configuration's
     * @param identity how endpoint ids sent by the client are verified ({@link EndpointIdVerifier#OFF} for not)
     */
    public HitReader(ProcessorConfig config, HitPolicy policy, EndpointIdVerifier identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.userAttributesEnabled = config.userAttributesEnabled();
        this.clientTimestampMaxSkew = config.clientTimestampMaxSkew();
        this.botHandling = config.botHandling();
    }

    /**
     * @param sqsBody an SQS message body
     * @return the outcome; an unreadable envelope is {@link RejectionReason#MALFORMED_ENVELOPE} or
     *         {@link RejectionReason#UNSUPPORTED_ENVELOPE_VERSION}
     * @throws io.github.pinpointgtm.runtime.identity.SigningKeysUnavailableException if the hit needs the identity
     *         keys and they cannot be read: the hit must be retried
     * @throws io.github.pinpointgtm.runtime.identity.SigningKeysStaleException if the hit's signature can only be
     *         judged with keys read after it arrived and they cannot be re-read yet: the hit must be retried
     */
    public HitOutcome read(String sqsBody) {
        Envelope envelope;
        try {
            envelope = EnvelopeParser.parse(sqsBody);
        } catch (MalformedEnvelopeException e) {
            return rejected(e.reason(), e.getMessage());
        }
        return read(envelope);
    }

    /**
     * @param envelope a parsed envelope
     * @return the outcome
     * @throws io.github.pinpointgtm.runtime.identity.SigningKeysUnavailableException if the hit needs the identity
     *         keys and they cannot be read: the hit must be retried
     * @throws io.github.pinpointgtm.runtime.identity.SigningKeysStaleException if the hit's signature can only be
     *         judged with keys read after it arrived and they cannot be re-read yet: the hit must be retried
     */
    public HitOutcome read(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        HitPolicy.RequestOrigin origin = origins.of(envelope.origin(), envelope.referer());
        Optional<Rejection> originRejection = policy.checkOrigin(origin);
        if (originRejection.isPresent()) {
            return new HitOutcome.Rejected(originRejection.get());
        }
        // The authorizer vouched for the caller, whatever its User-Agent: a backend's HTTP library is no bot.
        boolean authorizerIdentified = !envelope.identitySource().isEmpty() || !envelope.identity().isEmpty();
        boolean bot = !authorizerIdentified && BotUserAgents.isBot(envelope.userAgent());
        if (bot && botHandling == BotHandling.REJECT) {
            return rejected(RejectionReason.BOT, "the User-Agent header is a bot's");
        }

        Map<String, String> parameters;
        try {
            parameters = RequestParameters.of(envelope);
        } catch (MalformedBodyException e) {
            return rejected(RejectionReason.MALFORMED_BODY, e.getMessage());
        }

        String eventType = nonEmpty(parameters.get(ParameterNames.EVENT));
        if (eventType == null) {
            return rejected(RejectionReason.MISSING_EVENT_TYPE, "parameter event is missing or empty");
        }
        Optional<Rejection> eventTypeRejection = policy.checkEventType(eventType);
        if (eventTypeRejection.isPresent()) {
            return new HitOutcome.Rejected(eventTypeRejection.get());
        }

        boolean anonymous;
        try {
            anonymous = ConsentParameter.of(parameters.get(ParameterNames.CONSENT)) == ConsentParameter.DENIED;
        } catch (ConsentParameter.InvalidConsentException e) {
            return rejected(RejectionReason.INVALID_CONSENT, e.getMessage());
        }

        Instant requestTime = Instant.ofEpochMilli(envelope.requestTimeEpoch());
        boolean authenticated = !anonymous && authorizerIdentified;
        String endpointId;
        if (anonymous) {
            // Never the client's id: an anonymous count cannot be steered to a real customer past verification.
            endpointId = ANONYMOUS_ENDPOINT_ID;
        } else {
            endpointId = authenticated ? nonEmpty(envelope.identity())
                    : nonEmpty(parameters.get(ParameterNames.ENDPOINT_ID));
            if (endpointId == null) {
                return rejected(RejectionReason.MISSING_ENDPOINT_ID, authenticated
                        ? "the request was authenticated but the authorizer supplied no identity"
                        : "parameter endpoint_id is missing or empty");
            }
            if (!authenticated) {
                Optional<Rejection> identityRejection = identity.check(endpointId,
                        parameters.get(ParameterNames.ENDPOINT_SIGNATURE), requestTime);
                if (identityRejection.isPresent()) {
                    return new HitOutcome.Rejected(identityRejection.get());
                }
            }
        }

        String eventId;
        try {
            eventId = ClientEventId.resolve(parameters.get(ParameterNames.EVENT_ID), envelope.requestId());
        } catch (ClientEventId.InvalidEventIdException e) {
            return rejected(RejectionReason.INVALID_EVENT_ID, e.getMessage());
        }

        PrefixedParameters prefixed;
        try {
            prefixed = PrefixedParameters.from(parameters, userAttributesEnabled && !anonymous);
        } catch (PrefixedParameters.InvalidMetricException e) {
            return rejected(RejectionReason.INVALID_METRIC, e.getMessage());
        }

        if (bot) {
            // Before enrichment, so the flag always has room the derived attributes would otherwise take.
            prefixed.attributes.remove(BOT_ATTRIBUTE);
            if (prefixed.attributes.size() + prefixed.metrics.size() >= PinpointLimits.MAX_ATTRIBUTE_AND_METRIC_KEYS) {
                return rejected(RejectionReason.BOT, "the User-Agent header is a bot's and the event's "
                        + "evat_/evmt_ parameters leave no room for the is_bot attribute under Pinpoint's "
                        + PinpointLimits.MAX_ATTRIBUTE_AND_METRIC_KEYS);
            }
            prefixed.attributes.put(BOT_ATTRIBUTE, "true");
        }
        EnrichmentReport enrichment = PageEnrichment.apply(prefixed.attributes, prefixed.metrics.size(),
                parameters.get(ParameterNames.PAGE_URL), anonymous).withBotFlagged(bot);

        String identitySource = !authenticated ? ""
                : envelope.identitySource().isEmpty() ? "authorizer" : envelope.identitySource();
        RequestContext context = new RequestContext(requestTime, envelope.httpMethod(), envelope.userAgent(),
                origin.text(), anonymous ? "" : envelope.sourceIp(), identitySource);
        CustomerEvent event = new CustomerEvent(
                eventId,
                eventType,
                ClientTimestamp.resolve(nonEmpty(parameters.get(ParameterNames.TIMESTAMP)), requestTime,
                        clientTimestampMaxSkew),
                endpointId,
                prefixed.attributes,
                prefixed.metrics,
                anonymous ? null : nonEmpty(parameters.get(ParameterNames.SESSION_ID)),
                prefixed.userAttributes,
                context);
        Optional<Rejection> limitRejection = policy.checkLimits(event);
        if (limitRejection.isPresent()) {
            return new HitOutcome.Rejected(limitRejection.get());
        }
        // An anonymous hit's usat_ parameters are withheld by consent, not by the deployment: not counted as ignored.
        return new HitOutcome.Accepted(event, anonymous ? 0 : prefixed.ignoredUserAttributes, enrichment);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static HitOutcome rejected(RejectionReason reason, String detail) {
        return new HitOutcome.Rejected(new Rejection(reason, detail));
    }
}
