package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
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
     * @param out      where the JSON goes (flushed, not closed); nothing is written when the response is refused
     * @throws IllegalArgumentException when a failure has no item identifier or a blank one (Lambda would fail the
     *                                  whole batch)
     * @throws IOException              when the stream cannot be written
     */
    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        Objects.requireNonNull(response, "response");
        List<String> identifiers = itemIdentifiers(response);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String identifier : identifiers) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", identifier);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.flush();
    }

    /** Checked before any byte is written, so a refused response leaves no partial document behind. */
    private static List<String> itemIdentifiers(SQSBatchResponse response) {
        List<BatchItemFailure> failures = response.getBatchItemFailures();
        if (failures == null) {
            return List.of();
        }
        List<String> identifiers = new ArrayList<>(failures.size());
        for (int i = 0; i < failures.size(); i++) {
            BatchItemFailure failure = failures.get(i);
            String identifier = failure == null ? null : failure.getItemIdentifier();
            if (identifier == null || identifier.isBlank()) {
                throw new IllegalArgumentException("batchItemFailures[" + i + "] has "
                        + (identifier == null ? "no itemIdentifier" : "a blank itemIdentifier")
                        + ": Lambda would retry the whole batch");
            }
            identifiers.add(identifier);
        }
        return identifiers;
    }
}
