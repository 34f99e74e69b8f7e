package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.local.LocalPipeline;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soaks' traffic: hits sent to the local pipeline's gateway over HTTP from 8 threads, 9 in 10 pixel GETs and 1 in
 * 10 {@code sendBeacon}-style POSTs, every 50th hostile or invalid ({@link HostileQueries}).
 */
final class SoakHits {

    private SoakHits() {
    }

    /**
     * Sends {@code hits} hits and waits for every answer.
     *
     * @return how many the gateway refused with 414 (a URL over 10,240 characters): never queued
     * @throws IllegalStateException when a hit is answered anything but 200, 202 or 414
     */
    static int send(LocalPipeline pipeline, int hits) throws Exception {
        String origin = "http://127.0.0.1:" + pipeline.baseUrl().getPort();
        ExecutorService httpThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < hits; i++) {
                int hit = i;
                sending.add(senders.submit(() -> {
                    int status = send(http, pipeline.eventsUrl(), origin, hit);
                    if (status == 414) {
                        refused.incrementAndGet();
                    } else if (status != 200 && status != 202) {
                        throw new IllegalStateException("hit " + hit + " answered " + status);
                    }
                    return null;
                }));
            }
            for (Future<?> future : sending) {
                future.get();
            }
        } finally {
            senders.shutdown();
            httpThreads.shutdown();
        }
        return refused.get();
    }

    /** Every 50th hit is hostile or invalid; of the rest, one in ten is a beacon, the others pixels. */
    private static int send(HttpClient http, URI events, String origin, int hit) throws IOException,
            InterruptedException {
        String endpoint = "soak-" + (hit % 997);
        HttpRequest.Builder request;
        if (hit % 50 == 49) {
            List<String> hostile = HostileQueries.all(endpoint);
            int pick = (hit / 50) % (hostile.size() + 2);
            String query = pick < hostile.size() ? hostile.get(pick)
                    : pick == hostile.size() ? "endpoint_id=" + endpoint // invalid: no event type
                    : "event=purchase&endpoint_id=" + endpoint + "&evat_pad=" + "x".repeat(10_300); // over 10 KB
            request = HttpRequest.newBuilder(URI.create(events + "?" + query)).GET();
        } else if (hit % 10 == 0) {
            request = HttpRequest.newBuilder(events).header("Content-Type", "text/plain;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"beacon\",\"endpoint_id\":\"" + endpoint
                            + "\",\"evat_hit\":\"" + hit + "\"}"));
        } else {
            request = HttpRequest.newBuilder(URI.create(events + "?event=page_view&endpoint_id=" + endpoint
                    + "&evat_hit=" + hit + "&evmt_value=" + (hit % 100) + "&gtmcb=" + hit)).GET();
        }
        // A browser's User-Agent: Java's own (Java-http-client) is an HTTP library's, refused as a bot's.
        request.header("Origin", origin).header("User-Agent", "Mozilla/5.0 (soak)")
                .timeout(Duration.ofSeconds(30));
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
