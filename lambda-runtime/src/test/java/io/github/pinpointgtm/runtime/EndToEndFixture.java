package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.message;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.testkit.AwsApiStandIn;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.SideQueues;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up of the processor's end-to-end tests: ElasticMQ for the test class, and for each test the destination's
 * stand-in, a fresh rejected queue and dead-letter queue, and the real SDK clients pointed at them through the SDK's
 * standard endpoint configuration ({@link LocalAws}). The test builds the processor (as Lambda would build it) on {@link #output}.
 *
 * @param <S> the destination's stand-in
 */
abstract class EndToEndFixture<S extends AwsApiStandIn<?>> {

    @RegisterExtension
    static final ElasticMqHarness sqs = ElasticMqHarness.perTestClass();
    S destination;
    SideQueues queues;
    final StringBuilder output = new StringBuilder();
    private final LocalAws.Service service;
    private final Supplier<S> startDestination;
    private LocalAws localAws;

    /**
     * @param service          the destination's service, whose endpoint is the stand-in
     * @param startDestination starts the destination's stand-in
     */
    EndToEndFixture(LocalAws.Service service, Supplier<S> startDestination) {
        this.service = service;
        this.startDestination = startDestination;
    }

    @BeforeEach
    void pointTheSdkAtTheStandIns() {
        destination = startDestination.get();
        localAws = LocalAws.pointing(service, destination.endpoint(), sqs);
        queues = SideQueues.create(sqs);
    }

    @AfterEach
    void restoreTheSdkSettings() {
        localAws.close();
        destination.close();
    }

    /** @return where each message of the handled batch ended (drains the rejected queue and the dead-letter queue) */
    BatchAccounting accounting(List<SQSMessage> messages, SQSBatchResponse response) {
        return BatchAccounting.of(messages, response, sqs, queues);
    }

    /** @return the processor's output so far, one JSON object a line */
    List<Map<String, Object>> logLines() {
        return output.toString().lines().map(Json::parseObject).toList();
    }

    /**
     * A batch of valid hits mixed with hits the policy refuses, in the order added, and the reasons the refused hits
     * (in the rejected queue) and the events the destination is expected to refuse (in the dead-letter queue) carry.
     */
    static final class MixedBatch {
        final List<SQSMessage> messages = new ArrayList<>();
        final Map<String, String> expectedRejections = new HashMap<>();
        final Map<String, String> expectedDeadLetters = new HashMap<>();

        /** Adds a valid hit: message {@code <group>-msg-<i>}, request {@code <group>-req-<i>}, endpoint {@code <group>-<i>}. */
        MixedBatch hit(String group, int i) {
            messages.add(message(group + "-msg-" + i, validHit(group, i)));
            return this;
        }

        /** Adds {@link #hit}'s hit again as message {@code <group>-msg-<i>-again} (SQS delivers at least once). */
        MixedBatch again(String group, int i) {
            messages.add(message(group + "-msg-" + i + "-again", validHit(group, i)));
            return this;
        }

        /** Adds a hit without an event type, expected in the rejected queue as {@code missing-event-type}. */
        MixedBatch missingEventType(String messageId) {
            messages.add(message(messageId, TestEnvelopes.hit("r-" + messageId, Map.of("endpoint_id", "x"))));
            return expectRejection(messageId, "missing-event-type");
        }

        /**
         * Adds a hit from a foreign origin ({@code foreign-origin}, expected {@code origin-not-allowed}) and a body that
         * is not an envelope ({@code not-json}, expected {@code malformed-envelope}).
         */
        MixedBatch foreignOriginAndNotAnEnvelope() {
            messages.add(message("foreign-origin", TestEnvelopes.envelope("r-foreign",
                    Map.of("event", "purchase", "endpoint_id", "x"), "https://evil.example.net")));
            expectRejection("foreign-origin", "origin-not-allowed");
            messages.add(message("not-json", "this is not an envelope"));
            return expectRejection("not-json", "malformed-envelope");
        }

        MixedBatch expectRejection(String messageId, String reason) {
            expectedRejections.put(messageId, reason);
            return this;
        }

        /** Expects the destination to refuse this (valid) message's event: it belongs in the dead-letter queue. */
        MixedBatch expectDeadLetter(String messageId, String reason) {
            expectedDeadLetters.put(messageId, reason);
            return this;
        }

        private static String validHit(String group, int i) {
            return TestEnvelopes.hit(group + "-req-" + i, "purchase", group + "-" + i);
        }
    }
}
