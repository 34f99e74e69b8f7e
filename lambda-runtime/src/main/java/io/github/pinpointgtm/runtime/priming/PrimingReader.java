package io.github.pinpointgtm.runtime.priming;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifier;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.runtime.policy.AllowedOrigins;
import io.github.pinpointgtm.runtime.policy.HitPolicy;
import java.util.Set;

/**
 * Builds the hit reader priming reads its sample with. It reads like the processor's reader (the configuration's
 * user attribute, client timestamp and bot settings, the destination limits, enrichment), but allows the sample's
 * origin and any event type and does not verify endpoint ids, so the sample passes every check and the whole read
 * path runs whatever the deployment's {@code ALLOWED_ORIGINS}, {@code ALLOWED_EVENT_TYPES} and identity settings are.
 * A reader of its own also keeps the sample's origin out of the processor's reader's origin cache.
 */
final class PrimingReader {

    private PrimingReader() {
    }

    /**
     * @param config the processor's configuration
     * @return a new reader that accepts {@link SnapStartPriming#SAMPLE_ENVELOPE}
     */
    static HitReader forSample(ProcessorConfig config) {
        HitPolicy samplePolicy = new HitPolicy(AllowedOrigins.parse(SnapStartPriming.SAMPLE_ORIGIN), false, Set.of());
        return new HitReader(config, samplePolicy, EndpointIdVerifier.OFF);
    }
}
