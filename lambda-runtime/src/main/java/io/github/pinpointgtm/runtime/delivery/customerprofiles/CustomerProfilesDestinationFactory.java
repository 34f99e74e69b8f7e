package io.github.pinpointgtm.runtime.delivery.customerprofiles;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.EventDestination;
import io.github.pinpointgtm.runtime.delivery.InCallRetries;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

/**
 * {@code DESTINATION_TYPE=customer-profiles}: Amazon Connect Customer Profiles {@code PutProfileObject} into
 * {@code CUSTOMER_PROFILES_DOMAIN_NAME} as {@code CUSTOMER_PROFILES_OBJECT_TYPE_NAME}. The endpoint follows the SDK's
 * standard configuration ({@code AWS_ENDPOINT_URL_CUSTOMER_PROFILES}, {@code aws.endpointUrlCustomerProfiles}).
 */
public final class CustomerProfilesDestinationFactory implements DestinationFactory {

    /** Creates the factory. */
    public CustomerProfilesDestinationFactory() {
        // Stateless.
    }

    @Override
    public EventDestination create(ProcessorConfig config, ClientSettings clients, InCallRetries retries) {
        return new CustomerProfilesDestination(clients.configure(CustomerProfilesClient.builder()),
                config.customerProfilesDomainName(), config.customerProfilesObjectTypeName(),
                config.deliveryConcurrency(), retries);
    }

    @Override
    public OfflineAnswer offlineAnswer() {
        return new CustomerProfilesOfflineAnswer();
    }
}
