package io.github.pinpointgtm.examples.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.runtime.SqsEventHandler;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the real processor, {@link SqsEventHandler}, with an explicit environment.
 *
 * <p>Lambda calls the public no-argument constructor, which reads {@code System.getenv()}; a running JVM cannot
 * change its own environment, and the local pipeline learns the dead-letter queue's URL only after starting it. So
 * this uses {@link SqsEventHandler#withEnvironment}. Everything after construction is the handler Lambda runs.
 */
final class ProcessorFactory {

    private ProcessorFactory() {
    }

    /**
     * @param environment the processor's environment variables
     * @param logs        where its JSON log lines and EMF metric lines go
     * @param identity    identity verification with a key given here, or null to follow the environment
     * @return the processor
     * @throws IllegalArgumentException when the processor refuses the configuration
     */
    static RequestHandler<SQSEvent, SQSBatchResponse> create(Map<String, String> environment, Appendable logs,
                                                             LocalIdentity identity) {
        if (identity == null) {
            return SqsEventHandler.withEnvironment(environment, logs);
        }
        Map<String, String> verifying = new LinkedHashMap<>(environment);
        if (identity.anonymousPrefix() != null) {
            verifying.put("IDENTITY_ANONYMOUS_PREFIX", identity.anonymousPrefix());
        }
        return SqsEventHandler.withEnvironment(verifying, logs, new FixedKeySource(identity.key()));
    }
}
