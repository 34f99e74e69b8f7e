package io.github.pinpointgtm.runtime.delivery.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * Counts the entries of a batch API's request: the {@code Records} of Kinesis {@code PutRecords} and Firehose
 * {@code PutRecordBatch}, the {@code Entries} of EventBridge {@code PutEvents}.
 */
public final class RecordsInRequest {

    private RecordsInRequest() {
    }

    /**
     * @param format      the wire format's factory (JSON or CBOR)
     * @param body        the request's body: an object with a {@code Records} array
     * @param requestName the request's shape, for the error
     * @return how many entries its {@code Records} array has
     * @throws UncheckedIOException if the body is not such an object
     */
    public static int count(JsonFactory format, byte[] body, String requestName) {
        return count(format, body, requestName, "Records");
    }

    /**
     * @param format      the wire format's factory (JSON or CBOR)
     * @param body        the request's body: an object with an array named {@code arrayName}
     * @param requestName the request's shape, for the error
     * @param arrayName   the member holding the entries, e.g. {@code Entries}
     * @return how many entries that array has
     * @throws UncheckedIOException if the body is not such an object
     */
    public static int count(JsonFactory format, byte[] body, String requestName, String arrayName) {
        try (JsonParser parser = format.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a " + requestName + " is an object");
            }
            int records = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!member.equals(arrayName) || value != JsonToken.START_ARRAY) {
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
            throw new UncheckedIOException("unreadable " + requestName, e);
        }
    }
}
