package io.github.pinpointgtm.runtime.delivery.kinesis;

import io.github.pinpointgtm.runtime.delivery.OfflineAnswer;
import io.github.pinpointgtm.runtime.delivery.batch.RecordsInRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * Kinesis {@code PutRecords} answered in memory: 200, every record of the request written (a sequence number and
 * shard id each, {@code FailedRecordCount} 0), in the wire format the client used: CBOR
 * ({@code application/x-amz-cbor-1.1}, the SDK's default for Kinesis) or JSON ({@code application/x-amz-json-1.1},
 * when CBOR is disabled). It reads and writes both with the Jackson copy the SDK's Kinesis module itself uses for
 * CBOR, so it adds no dependency to the Kinesis deployment jar.
 */
public final class KinesisOfflineAnswer implements OfflineAnswer {

    /** The Content-Type of the CBOR wire format. */
    public static final String CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";
    /** The Content-Type of the JSON wire format. */
    public static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final JsonFactory CBOR = new CBORFactory();
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SEQUENCE_NUMBER_PREFIX = "4964200000000000000000000000000000000000000000000";

    @Override
    public Response answer(SdkHttpRequest request, byte[] body) {
        boolean cbor = request.firstMatchingHeader("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith(CBOR_CONTENT_TYPE))
                .orElse(false);
        JsonFactory format = cbor ? CBOR : JSON;
        return new Response(200, cbor ? CBOR_CONTENT_TYPE : JSON_CONTENT_TYPE,
                acceptEverything(format, RecordsInRequest.count(format, body, "PutRecordsRequest")));
    }

    private static byte[] acceptEverything(JsonFactory format, int records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + records * 96);
        try (JsonGenerator out = format.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeNumberField("FailedRecordCount", 0);
            out.writeArrayFieldStart("Records");
            for (int i = 0; i < records; i++) {
                out.writeStartObject();
                out.writeStringField("SequenceNumber", SEQUENCE_NUMBER_PREFIX + String.format(Locale.ROOT, "%08d", i));
                out.writeStringField("ShardId", "shardId-000000000000");
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeStringField("EncryptionType", "NONE");
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
