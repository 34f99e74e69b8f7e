package io.github.pinpointgtm.examples.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.runtime.SqsEventHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Map;

/**
 * Builds the real processor, {@link SqsEventHandler}, with an explicit environment.
 *
 * <p>Lambda calls the public no-argument constructor, which reads {@code System.getenv()}; a running JVM cannot
 * change its own environment, and the local pipeline learns the dead-letter queue's URL only after starting it. So
 * this uses the handler's environment-map constructor (the one the processor's own tests use; package-private, hence
 * reflection). Everything after construction is the handler Lambda runs.
 */
final class ProcessorFactory {

    private ProcessorFactory() {
    }

    /**
     * @param environment the processor's environment variables
     * @param logs        where its JSON log lines and EMF metric lines go
     * @throws IllegalArgumentException when the processor refuses the configuration
     */
    @SuppressWarnings("unchecked")
    static RequestHandler<SQSEvent, SQSBatchResponse> create(Map<String, String> environment, Appendable logs) {
        try {
            Constructor<SqsEventHandler> constructor = SqsEventHandler.class.getDeclaredConstructor(Map.class,
                    Appendable.class, Clock.class);
            constructor.setAccessible(true);
            return constructor.newInstance(Map.copyOf(environment), logs, Clock.systemUTC());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the processor could not start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SqsEventHandler no longer has its (Map, Appendable, Clock) constructor",
                    e);
        }
    }
}
