package io.github.pinpointgtm.examples.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.github.pinpointgtm.testkit.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One page in headless Chromium, driven over the DevTools protocol (the JDK's WebSocket client, no WebDriver): a test
 * runs script in the page as a visitor's clicks would, waits for what the page shows, and sees every request the page
 * sent. Start it only after {@link HeadlessChromium#isAvailable()}.
 */
final class ChromiumTab implements AutoCloseable {

    /** How long one protocol command, the browser's start or a page condition may take before the test fails. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonFactory JSON = new JsonFactory();
    /** What the browser starts on: the page is opened once the tab records requests. */
    private static final String BLANK = "about:blank";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger commandIds = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> requestedUrls = new CopyOnWriteArrayList<>();

    private ChromiumTab(Process chromium, URI pageSocket) {
        this.chromium = chromium;
        this.socket = HTTP.newWebSocketBuilder().buildAsync(pageSocket, new Listener()).join();
    }

    /**
     * Starts Chromium on the URL and waits until the page has loaded; from then on it records the URLs it requests.
     *
     * @param profile an empty directory for the browser's profile
     */
    static ChromiumTab open(URI url, Path profile) throws Exception {
        Process chromium = new ProcessBuilder(HeadlessChromium.command(profile, "--remote-debugging-port=0",
                BLANK)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ChromiumTab tab = new ChromiumTab(chromium, pageSocket(chromium, profile));
            tab.command("Network.enable", Map.of());
            Map<String, Object> navigation = tab.command("Page.navigate", Map.of("url", url.toString()));
            if (navigation.get("errorText") != null) {
                throw new AssertionError("Chromium could not open " + url + ": " + navigation.get("errorText"));
            }
            tab.await("the page to load", "location.href === " + literal(url.toString())
                    + " && document.readyState === 'complete'");
            return tab;
        } catch (Exception | AssertionError e) {
            stop(chromium);
            throw e;
        }
    }

    /**
     * Runs the script in the page and returns its value (a promise's, once settled) as JSON data: strings, numbers,
     * booleans, null, lists and maps.
     *
     * @throws AssertionError when the script throws
     */
    Object evaluate(String script) {
        Map<String, Object> result = command("Runtime.evaluate",
                Map.of("expression", script, "returnByValue", true, "awaitPromise", true));
        if (result.get("exceptionDetails") instanceof Map<?, ?> exception) {
            throw new AssertionError("the page's script failed: " + exception + "\nscript: " + script);
        }
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    /** Waits until the script evaluates to true in the page; fails after a minute. */
    void await(String what, String condition) {
        SharedPipeline.await(what + " (" + condition + ")", PATIENCE, () -> Boolean.TRUE.equals(evaluate(condition)));
    }

    /** @return the text as a JavaScript string literal, to put a value into a script */
    static String literal(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    /** @return every URL the page requested since it loaded, in order */
    List<String> requestedUrls() {
        return List.copyOf(requestedUrls);
    }

    /** Reads {@code DevToolsActivePort} (its port, then the browser's path) and finds the page's socket. */
    private static URI pageSocket(Process chromium, Path profile) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        SharedPipeline.await("Chromium's DevTools port", PATIENCE, () -> {
            if (!chromium.isAlive()) {
                throw new AssertionError("Chromium exited with " + chromium.exitValue());
            }
            return Files.isRegularFile(portFile) && lines(portFile).size() >= 2;
        });
        String port = lines(portFile).get(0).trim();
        String targets = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Object> list = Json.parseObject("{\"targets\":" + targets + "}");
        for (Object target : (List<?>) list.get("targets")) {
            Map<?, ?> description = (Map<?, ?>) target;
            if ("page".equals(description.get("type")) && BLANK.equals(description.get("url"))) {
                return URI.create((String) description.get("webSocketDebuggerUrl"));
            }
        }
        throw new AssertionError("Chromium lists no blank page: " + targets);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> command(String method, Map<String, Object> parameters) {
        int id = commandIds.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message(id, method, parameters), true).join();
        try {
            Map<String, Object> response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (response.get("error") != null) {
                throw new AssertionError(method + " failed: " + response.get("error"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) response.get("result");
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    private static String message(int id, String method, Map<String, Object> parameters) {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            out.writeStartObject();
            out.writeNumberField("id", id);
            out.writeStringField("method", method);
            out.writeObjectFieldStart("params");
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                if (parameter.getValue() instanceof Boolean flag) {
                    out.writeBooleanField(parameter.getKey(), flag);
                } else {
                    out.writeStringField(parameter.getKey(), (String) parameter.getValue());
                }
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json.toString();
    }

    /** Answers go to the command waiting for them; of the events, only the page's requests are kept. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                handle(Json.parseObject(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(Map<String, Object> message) {
            if (message.get("id") instanceof Number id) {
                CompletableFuture<Map<String, Object>> answer = pending.get(id.intValue());
                if (answer != null) {
                    answer.complete(message);
                }
            } else if ("Network.requestWillBeSent".equals(message.get("method"))) {
                Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) message.get("params")).get("request");
                requestedUrls.add((String) request.get("url"));
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
        stop(chromium);
    }

    private static void stop(Process chromium) {
        chromium.descendants().forEach(ProcessHandle::destroy);
        chromium.destroy();
        try {
            if (!chromium.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            chromium.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
