package io.github.pinpointgtm.examples.local;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local pipeline until interrupted: {@code ./mvnw -Plocal -DskipTests package} from the repository root.
 *
 * <p>System properties: {@code local.port} (default 8080; 0 for any free port), {@code local.processorLogs}
 * ({@code true} prints the processor's JSON logs and EMF metrics). {@code AWS_ENDPOINT_URL_PINPOINT} in the
 * environment sends events to that Pinpoint-compatible endpoint instead of the stand-in.
 */
public final class LocalPipelineMain {

    private LocalPipelineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getProperty("local.port", "8080"));
        boolean processorLogs = Boolean.parseBoolean(System.getProperty("local.processorLogs", "false"));
        System.out.println("Synthesizing the example stack and starting the local pipeline...");
        LocalPipeline.Options options = LocalPipeline.Options.defaults(port)
                .withProcessorLogs(processorLogs ? System.out : java.io.Writer.nullWriter())
                .withEventListener(event -> System.out.println("recorded: " + event.eventType() + " for "
                        + event.endpointId() + " " + event.attributes() + " " + event.metrics()
                        + " (event id " + event.eventId() + ")"));
        LocalPipeline pipeline = LocalPipeline.start(options);
        SynthesizedConnector synthesized = pipeline.synthesized();
        System.out.println("Local pipeline ready.");
        System.out.println("  page:        " + pipeline.baseUrl() + "/");
        System.out.println("  pixel:       " + pipeline.eventsUrl()
                + "?event=page_view&endpoint_id=user-1&evat_page=%2Fhome");
        System.out.println("  destination: " + (pipeline.standIn() == null
                ? System.getenv("AWS_ENDPOINT_URL_PINPOINT") : "Pinpoint stand-in " + pipeline.standIn().endpoint()));
        System.out.println("  from the synthesized template: batch size " + synthesized.batchSize()
                + ", batching window " + synthesized.maxBatchingWindowSeconds() + " s, visibility timeout "
                + synthesized.visibilityTimeoutSeconds() + " s, maxReceiveCount " + synthesized.maxReceiveCount()
                + ", allowed origins " + pipeline.processorEnvironment().get("ALLOWED_ORIGINS"));
        System.out.println("Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
