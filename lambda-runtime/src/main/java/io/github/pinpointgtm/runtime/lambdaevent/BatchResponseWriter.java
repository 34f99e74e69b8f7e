package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.thirdparty.jackson.core.JsonEncoding;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;

/**
 * Writes an {@link SQSBatchResponse} as the partial batch response Lambda's SQS event source mapping reads (with
 * {@code ReportBatchItemFailures}): {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"},...]}}, an empty
 * array when every message succeeded. UTF-8, with the SDK's streaming JSON generator.
 */
public final class BatchResponseWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BatchResponseWriter() {
    }

    /**
     * @param response the processor's response
     * @param out      where the JSON goes (flushed, not closed)
     * @throws IllegalArgumentException when a failure has no item identifier (Lambda would fail the whole batch)
     * @throws IOException              when the stream cannot be written
     */
    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        Objects.requireNonNull(response, "response");
        List<BatchItemFailure> failures = response.getBatchItemFailures() == null
                ? List.of() : response.getBatchItemFailures();
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (BatchItemFailure failure : failures) {
                if (failure == null || failure.getItemIdentifier() == null) {
                    throw new IllegalArgumentException("a batch item failure has no itemIdentifier");
                }
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.flush();
    }
}
