package io.github.pinpointgtm.examples.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** One local pipeline (default settings) for the test classes that need no faults: synthesizing takes seconds. */
final class SharedPipeline {

    static final String OTHER_ORIGIN = "https://not-allowed.example.net";
    private static LocalPipeline pipeline;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SharedPipeline() {
    }

    static synchronized LocalPipeline get() {
        if (pipeline == null) {
            pipeline = LocalPipeline.start(LocalPipeline.Options.defaults(0));
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close));
        }
        return pipeline;
    }

    /** The page origin the pipeline allows. */
    static String allowedOrigin() {
        return "http://127.0.0.1:" + get().baseUrl().getPort();
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> pixel(String query, String origin) {
        return pixel(get(), query, origin);
    }

    /** Sends a pixel hit to another pipeline than the shared one. */
    static HttpResponse<byte[]> pixel(LocalPipeline to, String query, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.eventsUrl() + "?" + query))
                .header("Accept", "image/avif,image/webp,image/*,*/*;q=0.8")
                .header("User-Agent", "Mozilla/5.0 (local pipeline test)")
                .GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request.build());
    }

    /** Waits until the condition holds; fails after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** @return the recorded events with this event id */
    static List<RecordedEvent> recorded(String eventId) {
        return get().recordedEvents().stream().filter(event -> event.eventId().equals(eventId)).toList();
    }
}
