package io.github.pinpointgtm.runtime.observability;

import io.github.pinpointgtm.testkit.TestClients;
import java.net.URI;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a cold start does with logging, for {@link SdkLoggingTest} to run in a fresh JVM: SLF4J starts, an SDK client
 * fails a call (connection refused), SDK loggers warn. It prints {@link #DONE} and nothing else of its own.
 */
public final class SdkLoggingProbe {

    /** The probe's only line of output. */
    static final String DONE = "probe done";

    private SdkLoggingProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (SqsClient sqs = TestClients.sqs(URI.create("http://127.0.0.1:9"))) {
            sqs.sendMessage(request -> request.queueUrl("http://127.0.0.1:9/123456789012/q").messageBody("x"));
        } catch (SdkClientException expected) {
            // refused: the SDK took its failure path, logging included
        }
        LoggerFactory.getLogger("software.amazon.awssdk.request").warn("sdk warning");
        LoggerFactory.getLogger("software.amazon.awssdk.core").error("sdk error");
        System.out.println(DONE);
    }
}
