package io.github.pinpointgtm.runtime.bench;

import io.github.pinpointgtm.runtime.enrichment.EnrichmentReport;
import io.github.pinpointgtm.runtime.enrichment.PageEnrichment;
import io.github.pinpointgtm.runtime.policy.BotUserAgents;
import io.github.pinpointgtm.testkit.UserAgents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the two per-hit steps of enrichment cost, in nanoseconds per hit:
 * <ul>
 *   <li>{@code botCheck}: {@link BotUserAgents#isBot} of one User-Agent, cycling through the test corpus of real
 *       headers ({@code user-agents/humans.txt}, then {@code bots.txt}; a person's header is read to its end, the
 *       costly case);</li>
 *   <li>{@code pageUrl}: {@link PageEnrichment#apply} of a campaign landing page's URL (three {@code utm_*}, a click
 *       id and two other query parameters) to an event with two attributes.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Threads(1)
@State(Scope.Thread)
public class EnrichmentBenchmark {

    private static final String PAGE_URL = "https://www.example.com/shoes/red-sneakers?utm_source=newsletter"
            + "&utm_medium=email&utm_campaign=spring+sale%202026&size=42&gclid=Cj0KCQiA-abc_123&ref=home#reviews";

    private String[] userAgents;
    private int next;

    @Setup
    public void setUp() {
        List<String> all = new ArrayList<>(UserAgents.humans());
        all.addAll(UserAgents.bots());
        userAgents = all.toArray(String[]::new);
    }

    @Benchmark
    public boolean botCheck() {
        String userAgent = userAgents[next];
        next = next + 1 == userAgents.length ? 0 : next + 1;
        return BotUserAgents.isBot(userAgent);
    }

    @Benchmark
    public EnrichmentReport pageUrl() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("plan", "pro");
        attributes.put("currency", "EUR");
        return PageEnrichment.apply(attributes, 1, PAGE_URL, false);
    }
}
