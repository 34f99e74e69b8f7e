package io.github.pinpointgtm.examples.local;

import io.github.pinpointgtm.examples.ExampleDestination;
import io.github.pinpointgtm.examples.ExampleSettings;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local pipeline until interrupted: {@code ./mvnw -Plocal -DskipTests package} from the repository root.
 *
 * <p>System properties: {@code destination} ({@code pinpoint}, the default, {@code kinesis}, {@code firehose},
 * {@code eventbridge} or {@code customer-profiles}: the example stack's variant to synthesize and the stand-in to
 * deliver to), {@code local.port} (default 8080; 0 for any free port), {@code local.processorLogs} ({@code true}
 * prints the processor's JSON logs and EMF metrics), {@code identity.key} or {@code identity.keyFile} (verify
 * {@code endpoint_sig} with this key, see {@link LocalIdentity}) and {@code identity.anonymousPrefix}. The destination's {@code AWS_ENDPOINT_URL_<SERVICE>} in the
 * environment ({@code AWS_ENDPOINT_URL_PINPOINT}, {@code _KINESIS}, {@code _FIREHOSE}, {@code _EVENTBRIDGE},
 * {@code _CUSTOMER_PROFILES}) sends events to that endpoint instead of the stand-in.
 */
public final class LocalPipelineMain {

    private LocalPipelineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExampleDestination destination = ExampleDestination.fromValue(
                System.getProperty("destination", ExampleSettings.DEFAULT_DESTINATION));
        int port = Integer.parseInt(System.getProperty("local.port", "8080"));
        boolean processorLogs = Boolean.parseBoolean(System.getProperty("local.processorLogs", "false"));
        LocalIdentity identity = LocalIdentity.fromProperties(System::getProperty);
        System.out.println("Synthesizing the example stack (destination " + destination.value()
                + ") and starting the local pipeline...");
        LocalPipeline.Options options = LocalPipeline.Options.defaults(port)
                .withDestination(destination)
                .withProcessorLogs(processorLogs ? System.out : java.io.Writer.nullWriter())
                .withIdentity(identity)
                .withEventListener(event -> System.out.println("recorded: " + event.eventType() + " for "
                        + event.endpointId() + " " + event.attributes() + " " + event.metrics()
                        + " (event id " + event.eventId() + ")"));
        LocalPipeline pipeline = LocalPipeline.start(options);
        SynthesizedConnector synthesized = pipeline.synthesized();
        LocalDestination.Service service = LocalDestination.service(destination);
        System.out.println("Local pipeline ready.");
        System.out.println("  page:        " + pipeline.baseUrl() + "/");
        System.out.println("  pixel:       " + pipeline.eventsUrl()
                + "?event=page_view&endpoint_id=user-1&evat_page=%2Fhome");
        System.out.println("  destination: " + destination.displayName() + (pipeline.usesStandIn()
                ? " stand-in at " + pipeline.destinationEndpoint()
                : " at " + pipeline.destinationEndpoint() + " (" + service.environmentVariable() + ")"));
        for (String variable : service.nameVariables()) {
            System.out.println("               " + variable + "=" + pipeline.processorEnvironment().get(variable));
        }
        System.out.println("  from the synthesized template: batch size " + synthesized.batchSize()
                + ", batching window " + synthesized.maxBatchingWindowSeconds() + " s, visibility timeout "
                + synthesized.visibilityTimeoutSeconds() + " s, maxReceiveCount " + synthesized.maxReceiveCount()
                + ", allowed origins " + pipeline.processorEnvironment().get("ALLOWED_ORIGINS"));
        if (identity != null) {
            System.out.println("  identity:    endpoint_id needs endpoint_sig (HMAC-SHA256 with the given key)"
                    + (identity.anonymousPrefix() == null ? ""
                    : ", except ids starting with " + identity.anonymousPrefix())
                    + "; the page's signing button signs as your backend would");
        }
        System.out.println("Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
