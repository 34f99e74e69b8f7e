package io.github.pinpointgtm.runtime.config;

import io.github.pinpointgtm.runtime.policy.AllowedOrigins;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The processor's configuration, read once from the environment the construct sets. Immutable.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code DESTINATION_TYPE}</td><td>{@code pinpoint}, {@code kinesis}, {@code firehose},
 *     {@code eventbridge} or {@code customer-profiles}</td><td>{@code pinpoint}</td></tr>
 * <tr><td>{@code PINPOINT_APPLICATION_ID}</td><td>the Pinpoint application (project) id, 32 hex digits</td>
 *     <td>required when the destination is {@code pinpoint}</td></tr>
 * <tr><td>{@code KINESIS_STREAM_NAME}</td><td>the Kinesis data stream's name</td>
 *     <td>required when the destination is {@code kinesis}</td></tr>
 * <tr><td>{@code FIREHOSE_DELIVERY_STREAM_NAME}</td><td>the Firehose delivery stream's name</td>
 *     <td>required when the destination is {@code firehose}</td></tr>
 * <tr><td>{@code EVENTBRIDGE_EVENT_BUS}</td><td>the event bus's name or ARN</td>
 *     <td>required when the destination is {@code eventbridge}</td></tr>
 * <tr><td>{@code EVENTBRIDGE_SOURCE}</td><td>the events' {@code source}; must not start with {@code aws.}</td>
 *     <td>{@value #DEFAULT_EVENTBRIDGE_SOURCE}</td></tr>
 * <tr><td>{@code EVENTBRIDGE_DETAIL_TYPE}</td><td>the events' {@code detail-type}</td>
 *     <td>{@value #DEFAULT_EVENTBRIDGE_DETAIL_TYPE}</td></tr>
 * <tr><td>{@code CUSTOMER_PROFILES_DOMAIN_NAME}</td><td>the Customer Profiles domain</td>
 *     <td>required when the destination is {@code customer-profiles}</td></tr>
 * <tr><td>{@code CUSTOMER_PROFILES_OBJECT_TYPE_NAME}</td><td>the profile object type the events are written as</td>
 *     <td>required when the destination is {@code customer-profiles}</td></tr>
 * <tr><td>{@code DEAD_LETTER_QUEUE_URL}</td><td>the URL of the queue valid events the destination refused are
 *     sent to</td><td>required</td></tr>
 * <tr><td>{@code REJECTED_QUEUE_URL}</td><td>the URL of the queue hits the policy refuses are sent to</td>
 *     <td>required</td></tr>
 * <tr><td>{@code ALLOWED_ORIGINS}</td><td>comma-separated {@code scheme://host[:port]}, or {@code *} for any
 *     origin</td><td>required</td></tr>
 * <tr><td>{@code ALLOW_MISSING_ORIGIN}</td><td>accept hits that carry neither Origin nor Referer</td>
 *     <td>{@code false}</td></tr>
 * <tr><td>{@code ALLOWED_EVENT_TYPES}</td><td>comma-separated allowlist of event types</td>
 *     <td>empty: any event type</td></tr>
 * <tr><td>{@code USER_ATTRIBUTES_ENABLED}</td><td>write {@code usat_*} parameters as endpoint user attributes
 *     (otherwise they are ignored and counted)</td><td>{@code false}</td></tr>
 * <tr><td>{@code BOT_HANDLING}</td><td>what happens to a hit whose User-Agent is a bot's: {@code reject} (the
 *     rejected queue, reason {@code bot}) or {@code deliver-flagged} (delivered with the attribute
 *     {@code is_bot=true})</td><td>{@code reject}</td></tr>
 * <tr><td>{@code CLIENT_TIMESTAMP_MAX_SKEW_SECONDS}</td><td>how far a client's {@code ts} may be from the request
 *     time and still be used, 0 to 86400</td><td>{@code 300}</td></tr>
 * <tr><td>{@code DELIVERY_CONCURRENCY}</td><td>parallel destination requests per invocation, 1 to
 *     {@value #MAX_DELIVERY_CONCURRENCY}</td><td>{@code 4}</td></tr>
 * <tr><td>{@code MAX_RECEIVE_COUNT}</td><td>the main queue's redrive {@code maxReceiveCount}, 2 to
 *     {@value #MAX_MAX_RECEIVE_COUNT}: on that receive the processor dead-letters a message it would retry, with
 *     reason {@code retries-exhausted}</td><td>none: the processor never gives up by itself, SQS's redrive moves the
 *     message (without a reason)</td></tr>
 * <tr><td>{@code METRICS_NAMESPACE}</td><td>the CloudWatch namespace of the processor's metrics</td>
 *     <td>{@code PinpointGtmConnector}</td></tr>
 * <tr><td>{@code CONNECTOR_NAME}</td><td>the value of the metrics' {@code Connector} dimension, which tells
 *     connectors sharing a namespace apart (1 to 255 of {@code A-Z a-z 0-9 . - _ / # :})</td><td>the function's
 *     name ({@code AWS_LAMBDA_FUNCTION_NAME}), else {@value #DEFAULT_CONNECTOR_NAME}</td></tr>
 * <tr><td>{@code LOG_PERSONAL_DATA}</td><td>log endpoint ids, IPs and user agents in full</td>
 *     <td>{@code false}</td></tr>
 * <tr><td>{@code LOG_FINGERPRINT_SALT}</td><td>the key of the HMAC-SHA256 fingerprints that stand for personal data
 *     in logs, at least {@value #MIN_LOG_FINGERPRINT_SALT_LENGTH} characters</td><td>none: a random salt per
 *     instance, so fingerprints correlate within one instance only</td></tr>
 * <tr><td>{@code IDENTITY_SECRET_ARN}</td><td>the Secrets Manager secret whose string is the key of
 *     {@code endpoint_sig} signatures; set, it turns identity verification on</td><td>none: off</td></tr>
 * <tr><td>{@code IDENTITY_ANONYMOUS_PREFIX}</td><td>endpoint ids starting with it need no signature (3 to 64 of
 *     {@code A-Z a-z 0-9 . _ : -}); only used while verification is on</td><td>none: every id needs one</td></tr>
 * <tr><td>{@code AWS_REGION}</td><td>the region of the AWS clients (set by Lambda)</td><td>none</td></tr>
 * <tr><td>{@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_<SERVICE>}</td><td>endpoint overrides (local
 *     testing); the service-specific one wins</td><td>none</td></tr>
 * </table>
 *
 * <p>Booleans are {@code true} or {@code false} (any case). Blank values count as unset. Every invalid value fails
 * {@link #fromEnvironment(Map)} with an {@link IllegalArgumentException} that names the variable, so a
 * misconfigured function fails at its first invocation instead of mishandling hits.
 */
public final class ProcessorConfig {
    /** Environment variable: where events go ({@link DestinationType}). */
    public static final String DESTINATION_TYPE = "DESTINATION_TYPE";
    /** Environment variable: the Pinpoint application (project) id. */
    public static final String PINPOINT_APPLICATION_ID = "PINPOINT_APPLICATION_ID";
    /** Environment variable: the Kinesis data stream's name. */
    public static final String KINESIS_STREAM_NAME = "KINESIS_STREAM_NAME";
    /** Environment variable: the Firehose delivery stream's name. */
    public static final String FIREHOSE_DELIVERY_STREAM_NAME = "FIREHOSE_DELIVERY_STREAM_NAME";
    /** Environment variable: the EventBridge event bus's name or ARN. */
    public static final String EVENTBRIDGE_EVENT_BUS = "EVENTBRIDGE_EVENT_BUS";
    /** Environment variable: the {@code source} of the EventBridge events. */
    public static final String EVENTBRIDGE_SOURCE = "EVENTBRIDGE_SOURCE";
    /** Environment variable: the {@code detail-type} of the EventBridge events. */
    public static final String EVENTBRIDGE_DETAIL_TYPE = "EVENTBRIDGE_DETAIL_TYPE";
    /** Environment variable: the Connect Customer Profiles domain. */
    public static final String CUSTOMER_PROFILES_DOMAIN_NAME = "CUSTOMER_PROFILES_DOMAIN_NAME";
    /** Environment variable: the Customer Profiles object type the events are written as. */
    public static final String CUSTOMER_PROFILES_OBJECT_TYPE_NAME = "CUSTOMER_PROFILES_OBJECT_TYPE_NAME";
    /** Environment variable: the URL of the dead-letter queue for valid events that could not be delivered. */
    public static final String DEAD_LETTER_QUEUE_URL = "DEAD_LETTER_QUEUE_URL";
    /** Environment variable: the URL of the rejected queue for hits the policy refuses. */
    public static final String REJECTED_QUEUE_URL = "REJECTED_QUEUE_URL";
    /** Environment variable: the allowed web origins, comma-separated, or {@code *}. */
    public static final String ALLOWED_ORIGINS = "ALLOWED_ORIGINS";
    /** Environment variable: whether a hit without Origin and Referer is accepted. */
    public static final String ALLOW_MISSING_ORIGIN = "ALLOW_MISSING_ORIGIN";
    /** Environment variable: the event-type allowlist, comma-separated; empty allows any. */
    public static final String ALLOWED_EVENT_TYPES = "ALLOWED_EVENT_TYPES";
    /** Environment variable: whether {@code usat_*} parameters are written to endpoints. */
    public static final String USER_ATTRIBUTES_ENABLED = "USER_ATTRIBUTES_ENABLED";
    /** Environment variable: what happens to hits from bots ({@link BotHandling}). */
    public static final String BOT_HANDLING = "BOT_HANDLING";
    /** Environment variable: the accepted distance between a client timestamp and the request time. */
    public static final String CLIENT_TIMESTAMP_MAX_SKEW_SECONDS = "CLIENT_TIMESTAMP_MAX_SKEW_SECONDS";
    /** Environment variable: the number of parallel destination requests per invocation. */
    public static final String DELIVERY_CONCURRENCY = "DELIVERY_CONCURRENCY";
    /** Environment variable: the receive on which the processor dead-letters a message it would retry. */
    public static final String MAX_RECEIVE_COUNT = "MAX_RECEIVE_COUNT";
    /** Environment variable: the CloudWatch namespace of the processor's metrics. */
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
    /** Environment variable: the value of the metrics' {@code Connector} dimension. */
    public static final String CONNECTOR_NAME = "CONNECTOR_NAME";
    /** Environment variable: the function's name (Lambda sets it); the default of {@value #CONNECTOR_NAME}. */
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** Environment variable: whether personal data is logged in full. */
    public static final String LOG_PERSONAL_DATA = "LOG_PERSONAL_DATA";
    /** Environment variable: the key of the fingerprints standing for personal data in logs. */
    public static final String LOG_FINGERPRINT_SALT = "LOG_FINGERPRINT_SALT";
    /** Environment variable: the ARN of the secret holding the key of endpoint signatures. */
    public static final String IDENTITY_SECRET_ARN = "IDENTITY_SECRET_ARN";
    /** Environment variable: the prefix of endpoint ids that need no signature. */
    public static final String IDENTITY_ANONYMOUS_PREFIX = "IDENTITY_ANONYMOUS_PREFIX";
    /** Environment variable: the AWS clients' region (Lambda sets it). */
    public static final String AWS_REGION = "AWS_REGION";
    /** Environment variable: an endpoint override for every AWS client (local testing). */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

    /** Default of {@value #EVENTBRIDGE_SOURCE}. */
    public static final String DEFAULT_EVENTBRIDGE_SOURCE = "io.github.pinpointgtm";
    /** Default of {@value #EVENTBRIDGE_DETAIL_TYPE}. */
    public static final String DEFAULT_EVENTBRIDGE_DETAIL_TYPE = "GTM Customer Event";
    /** Default of {@value #CLIENT_TIMESTAMP_MAX_SKEW_SECONDS}, in seconds. */
    public static final int DEFAULT_CLIENT_TIMESTAMP_MAX_SKEW_SECONDS = 300;
    /** Largest accepted {@value #CLIENT_TIMESTAMP_MAX_SKEW_SECONDS}, in seconds (one day). */
    public static final int MAX_CLIENT_TIMESTAMP_MAX_SKEW_SECONDS = 86_400;
    /** Default of {@value #DELIVERY_CONCURRENCY}. */
    public static final int DEFAULT_DELIVERY_CONCURRENCY = 4;
    /** Largest accepted {@value #DELIVERY_CONCURRENCY}. */
    public static final int MAX_DELIVERY_CONCURRENCY = 64;
    /** Largest accepted {@value #MAX_RECEIVE_COUNT} (SQS's largest redrive {@code maxReceiveCount}). */
    public static final int MAX_MAX_RECEIVE_COUNT = 1000;
    /** Shortest accepted {@value #LOG_FINGERPRINT_SALT}. */
    public static final int MIN_LOG_FINGERPRINT_SALT_LENGTH = 16;
    /** Default of {@value #METRICS_NAMESPACE}. */
    public static final String DEFAULT_METRICS_NAMESPACE = "PinpointGtmConnector";
    /** Default of {@value #CONNECTOR_NAME} outside Lambda (no {@value #AWS_LAMBDA_FUNCTION_NAME}). */
    public static final String DEFAULT_CONNECTOR_NAME = "default";

    private static final Pattern PINPOINT_APP_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern KINESIS_STREAM_NAME_SYNTAX = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern FIREHOSE_NAME_SYNTAX = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");
    private static final Pattern EVENT_BUS_SYNTAX = Pattern.compile(
            "[/.\\-_A-Za-z0-9]{1,256}|arn:aws[\\w-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[/.\\-_A-Za-z0-9]{1,256}");
    private static final Pattern PROFILES_DOMAIN_SYNTAX = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern PROFILES_OBJECT_TYPE_SYNTAX = Pattern.compile("[a-zA-Z_][a-zA-Z_0-9-]{0,254}");
    private static final Pattern METRICS_NAMESPACE_SYNTAX = Pattern.compile("[0-9A-Za-z.\\-_/#:]{1,255}");
    private static final Pattern SECRET_ARN_SYNTAX = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+");
    private static final Pattern ANONYMOUS_PREFIX_SYNTAX = Pattern.compile("[A-Za-z0-9._:-]{3,64}");
    private static final Pattern SERVICE_ID = Pattern.compile("[A-Za-z0-9_]+");

    private final DestinationType destinationType;
    private final String pinpointApplicationId;
    private final String kinesisStreamName;
    private final String firehoseDeliveryStreamName;
    private final String eventBridgeEventBus;
    private final String eventBridgeSource;
    private final String eventBridgeDetailType;
    private final String customerProfilesDomainName;
    private final String customerProfilesObjectTypeName;
    private final URI deadLetterQueueUrl;
    private final URI rejectedQueueUrl;
    private final AllowedOrigins allowedOrigins;
    private final boolean allowMissingOrigin;
    private final Set<String> allowedEventTypes;
    private final boolean userAttributesEnabled;
    private final BotHandling botHandling;
    private final Duration clientTimestampMaxSkew;
    private final int deliveryConcurrency;
    private final int maxReceiveCount;
    private final String metricsNamespace;
    private final String connectorName;
    private final boolean logPersonalData;
    private final String logFingerprintSalt;
    private final String identitySecretArn;
    private final String identityAnonymousPrefix;
    private final String awsRegion;
    private final Map<String, URI> endpointUrls;

    private ProcessorConfig(Map<String, String> env) {
        destinationType = parse(env, DESTINATION_TYPE, DestinationType::fromValue, DestinationType.PINPOINT);
        pinpointApplicationId = value(env, PINPOINT_APPLICATION_ID);
        if (pinpointApplicationId != null && !PINPOINT_APP_ID.matcher(pinpointApplicationId).matches()) {
            throw invalid(PINPOINT_APPLICATION_ID, "must be the 32 hex digit Pinpoint project id");
        }
        if (destinationType == DestinationType.PINPOINT && pinpointApplicationId == null) {
            throw invalid(PINPOINT_APPLICATION_ID, "is required when " + DESTINATION_TYPE + " is pinpoint");
        }
        kinesisStreamName = destinationSetting(env, DestinationType.KINESIS, KINESIS_STREAM_NAME,
                KINESIS_STREAM_NAME_SYNTAX, "1 to 128 of the characters a-z A-Z 0-9 _ . -");
        firehoseDeliveryStreamName = destinationSetting(env, DestinationType.FIREHOSE, FIREHOSE_DELIVERY_STREAM_NAME,
                FIREHOSE_NAME_SYNTAX, "1 to 64 of the characters a-z A-Z 0-9 _ . -");
        eventBridgeEventBus = destinationSetting(env, DestinationType.EVENTBRIDGE, EVENTBRIDGE_EVENT_BUS,
                EVENT_BUS_SYNTAX, "an event bus name (1 to 256 of a-z A-Z 0-9 / . _ -) or an event bus ARN");
        eventBridgeSource = eventBridgeSource(Objects.requireNonNullElse(value(env, EVENTBRIDGE_SOURCE),
                DEFAULT_EVENTBRIDGE_SOURCE));
        eventBridgeDetailType = Objects.requireNonNullElse(value(env, EVENTBRIDGE_DETAIL_TYPE),
                DEFAULT_EVENTBRIDGE_DETAIL_TYPE);
        if (eventBridgeDetailType.length() > 128) {
            throw invalid(EVENTBRIDGE_DETAIL_TYPE, "must be at most 128 characters");
        }
        customerProfilesDomainName = destinationSetting(env, DestinationType.CUSTOMER_PROFILES,
                CUSTOMER_PROFILES_DOMAIN_NAME, PROFILES_DOMAIN_SYNTAX, "1 to 64 of the characters a-z A-Z 0-9 _ -");
        customerProfilesObjectTypeName = destinationSetting(env, DestinationType.CUSTOMER_PROFILES,
                CUSTOMER_PROFILES_OBJECT_TYPE_NAME, PROFILES_OBJECT_TYPE_SYNTAX,
                "1 to 255 of the characters a-z A-Z 0-9 _ -, starting with a letter or _");
        deadLetterQueueUrl = httpUrl(env, DEAD_LETTER_QUEUE_URL, required(env, DEAD_LETTER_QUEUE_URL));
        // Required, with no fallback to the DLQ: refusals there would keep its first-message alarm red.
        rejectedQueueUrl = httpUrl(env, REJECTED_QUEUE_URL, required(env, REJECTED_QUEUE_URL));
        if (rejectedQueueUrl.equals(deadLetterQueueUrl)) {
            throw invalid(REJECTED_QUEUE_URL, "must name another queue than " + DEAD_LETTER_QUEUE_URL);
        }
        allowedOrigins = parse(env, ALLOWED_ORIGINS, AllowedOrigins::parse, null);
        if (allowedOrigins == null) {
            throw invalid(ALLOWED_ORIGINS, "is required (comma-separated scheme://host[:port], or * for any origin)");
        }
        allowMissingOrigin = bool(env, ALLOW_MISSING_ORIGIN);
        allowedEventTypes = commaSeparatedSet(value(env, ALLOWED_EVENT_TYPES));
        userAttributesEnabled = bool(env, USER_ATTRIBUTES_ENABLED);
        botHandling = parse(env, BOT_HANDLING, BotHandling::fromValue, BotHandling.REJECT);
        clientTimestampMaxSkew = Duration.ofSeconds(integer(env, CLIENT_TIMESTAMP_MAX_SKEW_SECONDS,
                DEFAULT_CLIENT_TIMESTAMP_MAX_SKEW_SECONDS, 0, MAX_CLIENT_TIMESTAMP_MAX_SKEW_SECONDS));
        deliveryConcurrency = integer(env, DELIVERY_CONCURRENCY, DEFAULT_DELIVERY_CONCURRENCY, 1,
                MAX_DELIVERY_CONCURRENCY);
        // 0 stands for unset; 1 would dead-letter every retry at once, so the range starts at 2 like the construct's.
        maxReceiveCount = integer(env, MAX_RECEIVE_COUNT, 0, 2, MAX_MAX_RECEIVE_COUNT);
        metricsNamespace = metricsNamespace(Objects.requireNonNullElse(value(env, METRICS_NAMESPACE),
                DEFAULT_METRICS_NAMESPACE));
        connectorName = connectorName(env);
        logPersonalData = bool(env, LOG_PERSONAL_DATA);
        logFingerprintSalt = value(env, LOG_FINGERPRINT_SALT);
        if (logFingerprintSalt != null && logFingerprintSalt.length() < MIN_LOG_FINGERPRINT_SALT_LENGTH) {
            throw invalid(LOG_FINGERPRINT_SALT, "must be at least " + MIN_LOG_FINGERPRINT_SALT_LENGTH
                    + " characters (the construct sets it from the stack's id)");
        }
        identitySecretArn = matching(env, IDENTITY_SECRET_ARN, SECRET_ARN_SYNTAX,
                "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)");
        identityAnonymousPrefix = matching(env, IDENTITY_ANONYMOUS_PREFIX, ANONYMOUS_PREFIX_SYNTAX,
                "3 to 64 of the characters A-Z a-z 0-9 . _ : -");
        awsRegion = value(env, AWS_REGION);
        endpointUrls = endpointUrls(env);
    }

    /**
     * Reads and validates the configuration.
     *
     * @param env the process environment ({@code System.getenv()}), or a map standing in for it in tests
     * @return the configuration
     * @throws IllegalArgumentException naming the variable when a value is missing or invalid
     */
    public static ProcessorConfig fromEnvironment(Map<String, String> env) {
        return new ProcessorConfig(Objects.requireNonNull(env, "env"));
    }

    /** @return {@code DESTINATION_TYPE} */
    public DestinationType destinationType() {
        return destinationType;
    }

    /** @return {@code PINPOINT_APPLICATION_ID}; present whenever the destination is Pinpoint */
    public Optional<String> pinpointApplicationIdIfSet() {
        return Optional.ofNullable(pinpointApplicationId);
    }

    /**
     * @return {@code PINPOINT_APPLICATION_ID}
     * @throws IllegalStateException if it is not set (only possible when the destination is not Pinpoint)
     */
    public String pinpointApplicationId() {
        if (pinpointApplicationId == null) {
            throw new IllegalStateException(PINPOINT_APPLICATION_ID + " is not set");
        }
        return pinpointApplicationId;
    }

    /**
     * @return {@code KINESIS_STREAM_NAME}
     * @throws IllegalStateException if it is not set (only possible when the destination is not Kinesis)
     */
    public String kinesisStreamName() {
        return present(KINESIS_STREAM_NAME, kinesisStreamName);
    }

    /**
     * @return {@code FIREHOSE_DELIVERY_STREAM_NAME}
     * @throws IllegalStateException if it is not set (only possible when the destination is not Firehose)
     */
    public String firehoseDeliveryStreamName() {
        return present(FIREHOSE_DELIVERY_STREAM_NAME, firehoseDeliveryStreamName);
    }

    /**
     * @return {@code EVENTBRIDGE_EVENT_BUS}: a bus name or ARN
     * @throws IllegalStateException if it is not set (only possible when the destination is not EventBridge)
     */
    public String eventBridgeEventBus() {
        return present(EVENTBRIDGE_EVENT_BUS, eventBridgeEventBus);
    }

    /** @return {@code EVENTBRIDGE_SOURCE} */
    public String eventBridgeSource() {
        return eventBridgeSource;
    }

    /** @return {@code EVENTBRIDGE_DETAIL_TYPE} */
    public String eventBridgeDetailType() {
        return eventBridgeDetailType;
    }

    /**
     * @return {@code CUSTOMER_PROFILES_DOMAIN_NAME}
     * @throws IllegalStateException if it is not set (only possible when the destination is not Customer Profiles)
     */
    public String customerProfilesDomainName() {
        return present(CUSTOMER_PROFILES_DOMAIN_NAME, customerProfilesDomainName);
    }

    /**
     * @return {@code CUSTOMER_PROFILES_OBJECT_TYPE_NAME}
     * @throws IllegalStateException if it is not set (only possible when the destination is not Customer Profiles)
     */
    public String customerProfilesObjectTypeName() {
        return present(CUSTOMER_PROFILES_OBJECT_TYPE_NAME, customerProfilesObjectTypeName);
    }

    /** @return {@code DEAD_LETTER_QUEUE_URL} */
    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl.toString();
    }

    /** @return {@code REJECTED_QUEUE_URL} */
    public String rejectedQueueUrl() {
        return rejectedQueueUrl.toString();
    }

    /** @return {@code ALLOWED_ORIGINS} */
    public AllowedOrigins allowedOrigins() {
        return allowedOrigins;
    }

    /** @return {@code ALLOW_MISSING_ORIGIN} */
    public boolean allowMissingOrigin() {
        return allowMissingOrigin;
    }

    /** @return {@code ALLOWED_EVENT_TYPES}; empty means any event type */
    public Set<String> allowedEventTypes() {
        return allowedEventTypes;
    }

    /** @return {@code USER_ATTRIBUTES_ENABLED} */
    public boolean userAttributesEnabled() {
        return userAttributesEnabled;
    }

    /** @return {@code BOT_HANDLING} */
    public BotHandling botHandling() {
        return botHandling;
    }

    /** @return {@code CLIENT_TIMESTAMP_MAX_SKEW_SECONDS} */
    public Duration clientTimestampMaxSkew() {
        return clientTimestampMaxSkew;
    }

    /** @return {@code DELIVERY_CONCURRENCY} */
    public int deliveryConcurrency() {
        return deliveryConcurrency;
    }

    /** @return {@code MAX_RECEIVE_COUNT}, if set */
    public OptionalInt maxReceiveCount() {
        return maxReceiveCount == 0 ? OptionalInt.empty() : OptionalInt.of(maxReceiveCount);
    }

    /** @return {@code METRICS_NAMESPACE} */
    public String metricsNamespace() {
        return metricsNamespace;
    }

    /** @return {@code CONNECTOR_NAME}, or its default */
    public String connectorName() {
        return connectorName;
    }

    /** @return {@code LOG_PERSONAL_DATA} */
    public boolean logPersonalData() {
        return logPersonalData;
    }

    /** @return {@code LOG_FINGERPRINT_SALT}, if set */
    public Optional<String> logFingerprintSalt() {
        return Optional.ofNullable(logFingerprintSalt);
    }

    /** @return {@code IDENTITY_SECRET_ARN}, if set (identity verification is on) */
    public Optional<String> identitySecretArn() {
        return Optional.ofNullable(identitySecretArn);
    }

    /** @return {@code IDENTITY_ANONYMOUS_PREFIX}, if set */
    public Optional<String> identityAnonymousPrefix() {
        return Optional.ofNullable(identityAnonymousPrefix);
    }

    /** @return {@code AWS_REGION}, if set */
    public Optional<String> awsRegion() {
        return Optional.ofNullable(awsRegion);
    }

    /**
     * The endpoint override for one AWS service, following the SDKs' convention.
     *
     * @param serviceId the service's environment-variable suffix, e.g. {@code PINPOINT} or {@code SQS}
     * @return {@code AWS_ENDPOINT_URL_<serviceId>} if set, else {@code AWS_ENDPOINT_URL} if set, else empty
     */
    public Optional<URI> endpointUrl(String serviceId) {
        String suffix = serviceId.toUpperCase(Locale.ROOT);
        URI specific = endpointUrls.get(AWS_ENDPOINT_URL + "_" + suffix);
        return Optional.ofNullable(specific != null ? specific : endpointUrls.get(AWS_ENDPOINT_URL));
    }

    /** A destination's own setting: required for that destination, validated whenever set. */
    private String destinationSetting(Map<String, String> env, DestinationType owner, String name, Pattern syntax,
                                      String expected) {
        String value = value(env, name);
        if (value == null) {
            if (destinationType == owner) {
                throw invalid(name, "is required when " + DESTINATION_TYPE + " is " + owner.value());
            }
            return null;
        }
        if (!syntax.matcher(value).matches()) {
            throw invalid(name, "must be " + expected + ", not '" + value + "'");
        }
        return value;
    }

    private static String matching(Map<String, String> env, String name, Pattern syntax, String expected) {
        String value = value(env, name);
        if (value != null && !syntax.matcher(value).matches()) {
            throw invalid(name, "must be " + expected + ", not '" + value + "'");
        }
        return value;
    }

    private static String eventBridgeSource(String source) {
        if (source.length() > 256) {
            throw invalid(EVENTBRIDGE_SOURCE, "must be at most 256 characters");
        }
        if (source.startsWith("aws.")) {
            throw invalid(EVENTBRIDGE_SOURCE, "must not start with aws. (reserved for AWS services)");
        }
        return source;
    }

    private static String present(String name, String value) {
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String value(Map<String, String> env, String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static String required(Map<String, String> env, String name) {
        String value = value(env, name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T parse(Map<String, String> env, String name, Parser<T> parser, T defaultValue) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        String value = value(env, name);
        if (value == null) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name, "must be true or false, not '" + value + "'");
    }

    private static int integer(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw invalid(name, "must be between " + min + " and " + max + ", not " + parsed);
        }
        return parsed;
    }

    private static URI httpUrl(Map<String, String> env, String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(name, "is not a URL: '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw invalid(name, "must be an absolute http(s) URL, not '" + value + "'");
        }
        return uri;
    }

    private static Set<String> commaSeparatedSet(String value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : value.split(",", -1)) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return Collections.unmodifiableSet(entries);
    }

    private static String metricsNamespace(String namespace) {
        // CloudWatch: 1-255 characters of this alphabet, and the AWS/ prefix is reserved for AWS services.
        if (!METRICS_NAMESPACE_SYNTAX.matcher(namespace).matches()) {
            throw invalid(METRICS_NAMESPACE, "must be 1 to 255 of the characters A-Z a-z 0-9 . - _ / # :");
        }
        if (namespace.startsWith("AWS/")) {
            throw invalid(METRICS_NAMESPACE, "must not start with AWS/ (reserved for AWS services)");
        }
        return namespace;
    }

    private static String connectorName(Map<String, String> env) {
        String name = value(env, CONNECTOR_NAME);
        if (name == null) {
            return Objects.requireNonNullElse(value(env, AWS_LAMBDA_FUNCTION_NAME), DEFAULT_CONNECTOR_NAME);
        }
        // A CloudWatch dimension value; the alphabet of namespaces keeps it printable and free of spaces.
        if (!METRICS_NAMESPACE_SYNTAX.matcher(name).matches()) {
            throw invalid(CONNECTOR_NAME, "must be 1 to 255 of the characters A-Z a-z 0-9 . - _ / # :, not '"
                    + name + "'");
        }
        return name;
    }

    private static Map<String, URI> endpointUrls(Map<String, String> env) {
        Map<String, URI> urls = new HashMap<>();
        for (Map.Entry<String, String> entry : env.entrySet()) {
            String name = entry.getKey();
            boolean general = name.equals(AWS_ENDPOINT_URL);
            boolean specific = name.startsWith(AWS_ENDPOINT_URL + "_")
                    && SERVICE_ID.matcher(name.substring(AWS_ENDPOINT_URL.length() + 1)).matches();
            String value = value(env, name);
            if ((general || specific) && value != null) {
                urls.put(name.toUpperCase(Locale.ROOT), httpUrl(env, name, value));
            }
        }
        return Map.copyOf(urls);
    }

    private static IllegalArgumentException invalid(String name, String problem) {
        return new IllegalArgumentException(name + " " + problem);
    }

    @Override
    public String toString() {
        return "ProcessorConfig{destinationType=" + destinationType.value()
                + ", pinpointApplicationId=" + pinpointApplicationId
                + ", kinesisStreamName=" + kinesisStreamName
                + ", firehoseDeliveryStreamName=" + firehoseDeliveryStreamName
                + ", eventBridgeEventBus=" + eventBridgeEventBus
                + ", eventBridgeSource=" + eventBridgeSource
                + ", eventBridgeDetailType=" + eventBridgeDetailType
                + ", customerProfilesDomainName=" + customerProfilesDomainName
                + ", customerProfilesObjectTypeName=" + customerProfilesObjectTypeName
                + ", deadLetterQueueUrl=" + deadLetterQueueUrl
                + ", rejectedQueueUrl=" + rejectedQueueUrl
                + ", allowedOrigins=" + allowedOrigins
                + ", allowMissingOrigin=" + allowMissingOrigin
                + ", allowedEventTypes=" + allowedEventTypes
                + ", userAttributesEnabled=" + userAttributesEnabled
                + ", botHandling=" + botHandling.value()
                + ", clientTimestampMaxSkew=" + clientTimestampMaxSkew.toSeconds() + "s"
                + ", deliveryConcurrency=" + deliveryConcurrency
                + ", metricsNamespace=" + metricsNamespace
                + ", connectorName=" + connectorName
                + ", logPersonalData=" + logPersonalData
                + ", logFingerprintSalt=" + (logFingerprintSalt == null ? "unset" : "set")
                + ", identitySecretArn=" + identitySecretArn
                + ", identityAnonymousPrefix=" + identityAnonymousPrefix + "}";
    }
}
