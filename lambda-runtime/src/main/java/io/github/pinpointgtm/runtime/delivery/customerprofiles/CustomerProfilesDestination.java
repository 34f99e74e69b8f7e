package io.github.pinpointgtm.runtime.delivery.customerprofiles;

import io.github.pinpointgtm.runtime.delivery.DeliveryObserver;
import io.github.pinpointgtm.runtime.delivery.DeliveryOutcome;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.batch.BatchLimits;
import io.github.pinpointgtm.runtime.delivery.batch.PendingRecord;
import io.github.pinpointgtm.runtime.delivery.batch.RecordBatchDestination;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

/**
 * Writes customer events to Amazon Connect Customer Profiles with {@code PutProfileObject}: one call per event, the
 * event JSON ({@link io.github.pinpointgtm.runtime.event.CustomerEventJson}) as the {@code Object} of the configured
 * object type in the configured domain. The object type's mapping decides which profile an event joins; keying it on
 * {@code eventId} makes a redelivered hit overwrite its object instead of adding a second one.
 *
 * <p>Calls run on at most {@code concurrency} threads at once. An event whose JSON is longer than
 * {@value #MAX_OBJECT_LENGTH} characters (the API's limit on {@code Object}; counted in UTF-16 code units, which is
 * never less than the count in code points) is rejected ({@code limit-exceeded}) without a call.
 *
 * <p>Errors are HTTP-status based and mapped by {@link RecordBatchDestination}: 400 {@code BadRequestException} (the
 * object does not fit the object type) rejects the event ({@code destination-rejected}); 403
 * {@code AccessDeniedException} and 404 {@code ResourceNotFoundException} (unknown domain or object type) keep it for
 * retry and are reported to {@link DeliveryObserver#configurationError}; 429 and 5xx are retried by the SDK, then
 * kept for retry.
 */
public final class CustomerProfilesDestination extends RecordBatchDestination {

    /**
     * {@code DESTINATION_TYPE=customer-profiles}: Amazon Connect Customer Profiles {@code PutProfileObject} into
     * {@code CUSTOMER_PROFILES_DOMAIN_NAME} as {@code CUSTOMER_PROFILES_OBJECT_TYPE_NAME}. The endpoint follows the
     * SDK's standard configuration ({@code AWS_ENDPOINT_URL_CUSTOMER_PROFILES},
     * {@code aws.endpointUrlCustomerProfiles}).
     */
    public static final DestinationFactory FACTORY = new DestinationFactory(
            (config, clients, retries) -> new CustomerProfilesDestination(
                    clients.configure(CustomerProfilesClient.builder()), config.customerProfilesDomainName(),
                    config.customerProfilesObjectTypeName(), config.deliveryConcurrency(), retries),
            CustomerProfilesOfflineAnswer::new);

    /** The API's maximum length of {@code Object}. */
    public static final int MAX_OBJECT_LENGTH = 256_000;

    private final CustomerProfilesClient client;
    private final String domainName;
    private final String objectTypeName;

    /**
     * @param client         the Customer Profiles client (its region, credentials, endpoint and retry strategy are used
     *                       as is)
     * @param domainName     the Customer Profiles domain
     * @param objectTypeName the profile object type the events are written as
     * @param concurrency    how many {@code PutProfileObject} calls may be in flight at once
     */
    public CustomerProfilesDestination(CustomerProfilesClient client, String domainName, String objectTypeName,
                                       int concurrency) {
        this(client, domainName, objectTypeName, concurrency, InCallRetries.standard());
    }

    /**
     * @param client         the Customer Profiles client
     * @param domainName     the Customer Profiles domain
     * @param objectTypeName the profile object type the events are written as
     * @param concurrency    how many {@code PutProfileObject} calls may be in flight at once
     * @param retries        in-call retries; {@code PutProfileObject} writes one object per call and has no
     *                       per-object failures, so they never pause
     */
    public CustomerProfilesDestination(CustomerProfilesClient client, String domainName, String objectTypeName,
                                       int concurrency, InCallRetries retries) {
        super("CustomerProfiles", new BatchLimits(1, MAX_OBJECT_LENGTH, MAX_OBJECT_LENGTH), concurrency, retries);
        this.client = Objects.requireNonNull(client, "client");
        this.domainName = Objects.requireNonNull(domainName, "domainName");
        this.objectTypeName = Objects.requireNonNull(objectTypeName, "objectTypeName");
    }

    /** The JSON's length in UTF-16 code units (characters of a Java string), counted from its UTF-8 bytes. */
    @Override
    protected long recordSize(CustomerEvent event, byte[] json) {
        return utf16Length(json);
    }

    @Override
    protected List<DeliveryOutcome> send(List<PendingRecord> batch, Duration apiCallTimeout, DeliveryObserver observer) {
        if (batch.size() != 1) {
            throw new IllegalArgumentException("PutProfileObject writes one object per call, not " + batch.size());
        }
        String object = new String(batch.get(0).json(), StandardCharsets.UTF_8);
        client.putProfileObject(request -> request
                .domainName(domainName)
                .objectTypeName(objectTypeName)
                .object(object)
                .overrideConfiguration(o -> o.apiCallTimeout(apiCallTimeout)));
        return List.of(DeliveryOutcome.DELIVERED);
    }

    /**
     * @param utf8 well-formed UTF-8
     * @return its length in UTF-16 code units: one per character, two for a character outside the BMP
     */
    static long utf16Length(byte[] utf8) {
        long units = 0;
        for (byte b : utf8) {
            if ((b & 0xC0) != 0x80) {
                units += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return units;
    }
}
