package io.github.pinpointgtm.runtime.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;

/**
 * The processor's JSON log lines (one object per line, for CloudWatch Logs Insights): one summary per batch, one
 * line per message that was not delivered, one per destination misconfiguration and one per unexpected error.
 * Endpoint ids pass through {@link PersonalData}; details never carry full personal data.
 */
public final class StructuredLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final Appendable out;
    private final PersonalData personalData;
    private final Clock clock;

    /**
     * @param out          where lines go: {@code System.out} in Lambda
     * @param personalData how to show endpoint ids
     * @param clock        the clock for each line's {@code timestamp}
     */
    public StructuredLog(Appendable out, PersonalData personalData, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.personalData = Objects.requireNonNull(personalData, "personalData");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What happened to one batch (level INFO, or WARN when a valid event was dead-lettered or a message is retried;
     * hits the policy rejected alone keep it INFO: public endpoints always receive some junk).
     */
    public record BatchSummary(
            String awsRequestId,
            int received,
            int delivered,
            int rejected,
            int deadLettered,
            int retried,
            long destinationRequests,
            long durationMillis) {
    }

    /**
     * Logs one batch's summary.
     *
     * @param summary what happened to the batch
     */
    public void batchProcessed(BatchSummary summary) {
        boolean clean = summary.deadLettered() == 0 && summary.retried() == 0;
        line(clean ? "INFO" : "WARN", "batch processed", summary.awsRequestId(), generator -> {
            generator.writeNumberField("received", summary.received());
            generator.writeNumberField("delivered", summary.delivered());
            generator.writeNumberField("rejected", summary.rejected());
            generator.writeNumberField("deadLettered", summary.deadLettered());
            generator.writeNumberField("retried", summary.retried());
            generator.writeNumberField("destinationRequests", summary.destinationRequests());
            generator.writeNumberField("durationMs", summary.durationMillis());
        });
    }

    /**
     * One message that was not delivered.
     *
     * @param awsRequestId the invocation's request id
     * @param messageId    the SQS message id
     * @param outcome      {@code rejected}, {@code dead-lettered} or {@code retry}
     * @param reason       a rejection reason code or a retry reason
     * @param detail       the human-readable explanation
     * @param endpointId   the event's endpoint id when known (shown per {@link PersonalData}), else null
     */
    public void messageNotDelivered(String awsRequestId, String messageId, String outcome, String reason, String detail,
                                    String endpointId) {
        line("WARN", "message not delivered", awsRequestId, generator -> {
            generator.writeStringField("messageId", messageId);
            generator.writeStringField("outcome", outcome);
            generator.writeStringField("reason", reason);
            generator.writeStringField("detail", detail);
            if (endpointId != null) {
                generator.writeStringField("endpointId", personalData.protect(endpointId));
            }
        });
    }

    /**
     * The destination answered as if the deployment were misconfigured: events are kept, an operator must act.
     *
     * @param awsRequestId the invocation's request id
     * @param statusCode   the destination's HTTP status code
     * @param detail       the destination's error message
     */
    public void destinationMisconfigured(String awsRequestId, int statusCode, String detail) {
        line("ERROR", "destination misconfigured", awsRequestId, generator -> {
            generator.writeNumberField("statusCode", statusCode);
            generator.writeStringField("detail", detail);
        });
    }

    /**
     * Some messages to retry could not be postponed: they come back after the queue's visibility timeout instead of
     * their backoff, each such receive counting toward {@code MAX_RECEIVE_COUNT}.
     *
     * @param awsRequestId the invocation's request id
     * @param messages     how many messages
     * @param detail       why (the first failure)
     */
    public void backoffNotSet(String awsRequestId, int messages, String detail) {
        line("WARN", "backoff not set", awsRequestId, generator -> {
            generator.writeNumberField("messages", messages);
            generator.writeStringField("detail", detail);
        });
    }

    /**
     * Some delivered messages could not be deleted from their source queue as soon as their request succeeded: Lambda
     * deletes them at the end of the invocation instead, so only a crash before then would deliver them again.
     *
     * @param awsRequestId the invocation's request id
     * @param messages     how many messages
     * @param detail       why (the first failure)
     */
    public void earlyDeleteFailed(String awsRequestId, int messages, String detail) {
        line("WARN", "early delete failed", awsRequestId, generator -> {
            generator.writeNumberField("messages", messages);
            generator.writeStringField("detail", detail);
        });
    }

    /**
     * The keys of endpoint signatures cannot be read: hits that need them are retried until they can.
     *
     * @param awsRequestId the invocation's request id
     * @param detail       what could not be read, and why
     */
    public void identityKeysUnavailable(String awsRequestId, String detail) {
        line("ERROR", "identity keys unavailable", awsRequestId,
                generator -> generator.writeStringField("detail", detail));
    }

    /**
     * A key of endpoint signatures is shorter than recommended. Written once per instance; never the key.
     *
     * @param detail which key, and what to do
     */
    public void identityKeyWeak(String detail) {
        line("WARN", "identity key weak", null, generator -> generator.writeStringField("detail", detail));
    }

    /**
     * Something failed that the processor did not expect; the affected messages are retried.
     *
     * @param awsRequestId the invocation's request id
     * @param during       what the processor was doing
     * @param error        what was thrown
     */
    public void unexpectedError(String awsRequestId, String during, Throwable error) {
        line("ERROR", "unexpected error", awsRequestId, generator -> {
            generator.writeStringField("during", during);
            generator.writeStringField("error", error.getClass().getName());
            generator.writeStringField("detail", String.valueOf(error.getMessage()));
        });
    }

    /**
     * {@code LOG_FINGERPRINT_SALT} is not set: fingerprints of this instance cannot be matched with other instances'.
     * Written once, when the processor starts.
     */
    public void fingerprintSaltMissing() {
        line("WARN", "log fingerprint salt missing", null, generator -> generator.writeStringField("detail",
                "LOG_FINGERPRINT_SALT is not set: personal data in logs is fingerprinted with a random salt of this "
                        + "instance, so fingerprints correlate within this instance only"));
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private void line(String level, String message, String awsRequestId, Fields fields) {
        StringWriter buffer = new StringWriter(256);
        try (JsonGenerator generator = JSON.createGenerator(buffer)) {
            generator.writeStartObject();
            generator.writeStringField("timestamp", clock.instant().toString());
            generator.writeStringField("level", level);
            generator.writeStringField("message", message);
            if (awsRequestId != null) {
                generator.writeStringField("awsRequestId", awsRequestId);
            }
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            try {
                out.append(buffer.toString()).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
