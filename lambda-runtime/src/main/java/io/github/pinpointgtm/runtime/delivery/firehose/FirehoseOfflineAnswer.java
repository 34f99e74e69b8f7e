package io.github.pinpointgtm.runtime.delivery.firehose;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
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
        return new Response(200, CONTENT_TYPE, acceptEverything(countRecords(body)));
    }

    /**
     * @param body a {@code PutRecordBatchRequest} in JSON
     * @return how many entries its {@code Records} array has
     */
    static int countRecords(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a PutRecordBatchRequest is an object");
            }
            int records = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!member.equals("Records") || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                    records++;
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable PutRecordBatchRequest", e);
        }
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
