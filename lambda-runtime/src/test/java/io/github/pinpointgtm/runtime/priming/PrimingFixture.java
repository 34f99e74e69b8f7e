package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.delivery.DestinationFactory;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import io.github.pinpointgtm.runtime.observability.PersonalData;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The processor's configuration, priming and offline SDK clients as the priming tests build them. */
final class PrimingFixture {

    private PrimingFixture() {
    }

    /**
     * @param destination    the destination's part of the environment
     * @param allowedOrigins the {@code ALLOWED_ORIGINS}
     * @return the processor's configuration with side queues in {@code eu-west-1}
     */
    static ProcessorConfig config(Map<String, String> destination, String allowedOrigins) {
        Map<String, String> environment = new HashMap<>(destination);
        environment.put("DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq");
        environment.put("REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected");
        environment.put("ALLOWED_ORIGINS", allowedOrigins);
        return ProcessorConfig.fromEnvironment(environment);
    }

    /**
     * @param config  the processor's configuration
     * @param factory the destination's factory
     * @param output  where the priming logs
     * @return the priming in {@code eu-west-1}, as the processor builds it
     */
    static SnapStartPriming priming(ProcessorConfig config, DestinationFactory factory, StringBuilder output) {
        return new SnapStartPriming(factory, config, Region.EU_WEST_1,
                new StructuredLog(output, new PersonalData(false), Clock.systemUTC()));
    }

    /**
     * @param answer what the offline HTTP client answers
     * @return the processor's client settings in {@code eu-west-1} with static credentials and the offline HTTP client
     */
    static ClientSettings offlineClients(OfflineAnswer answer) {
        return new ClientSettings(Region.EU_WEST_1, new OfflineHttpClient(answer),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}
