package io.github.pinpointgtm.runtime.delivery.firehose;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import io.github.pinpointgtm.runtime.delivery.batch.RecordsInRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Firehose {@code PutRecordBatch} answered in memory: 200, every record of the request accepted (a record id each,
 * {@code FailedPutCount} 0), in the JSON protocol ({@code application/x-amz-json-1.1}) Firehose speaks.
 */
public final class FirehoseOfflineAnswer implements OfflineAnswer {

    /** The Content-Type of Firehose's JSON protocol. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        int records = RecordsInRequest.count(JSON, body, "PutRecordBatchRequest");
        return new Response(200, CONTENT_TYPE, acceptEverything(records));
    }

    private static byte[] acceptEverything(int records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + records * 48);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("FailedPutCount", 0);
            out.writeBooleanField("Encrypted", false);
            out.writeArrayFieldStart("RequestResponses");
            for (int i = 0; i < records; i++) {
                out.writeStartObject();
                out.writeStringField("RecordId", String.format(Locale.ROOT, "offline-record-%08d", i));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
