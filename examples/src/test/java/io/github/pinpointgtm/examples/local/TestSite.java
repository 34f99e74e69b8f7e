package io.github.pinpointgtm.examples.local;

import com.sun.net.httpserver.HttpServer;
import io.github.pinpointgtm.testkit.HttpAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A web site on its own loopback origin, serving one HTML page at every path: the site a GTM container runs on. */
final class TestSite implements AutoCloseable {

    private final HttpServer server;
    private volatile String html = "<!DOCTYPE html><title>empty</title>";

    private TestSite(HttpServer server) {
        this.server = server;
    }

    /** Starts the site on a free port of the loopback address. */
    static TestSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestSite site = new TestSite(server);
        server.createContext("/", exchange -> {
            HttpAnswers.send(exchange, 200, "text/html; charset=utf-8", site.html.getBytes(StandardCharsets.UTF_8));
        });
        server.start();
        return site;
    }

    /** Serves this page from now on. */
    void serve(String page) {
        html = page;
    }

    /** E.g. {@code http://127.0.0.1:41234}: the Origin its pages' requests carry. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
