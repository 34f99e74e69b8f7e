package io.github.pinpointgtm.runtime.delivery.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

class RecordsInRequestTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void countsTheEntriesOfTheRecordsArrayPastOtherMembersAndNestedRecords() {
        byte[] body = ("{\"StreamName\":\"s\",\"Nested\":{\"Records\":[1,2,3,4]},"
                + "\"Records\":[{\"Data\":\"eyJhIjoxfQ==\",\"Records\":[9]},{\"Data\":\"e30=\"},[],\"x\"],\"After\":[1]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RecordsInRequest.count(JSON, body, "PutRecordsRequest")).isEqualTo(4);
    }

    @Test
    void countsTheNamedArrayOnly() {
        byte[] body = "{\"Records\":[1,2,3],\"Entries\":[{\"Source\":\"s\"},{\"Source\":\"t\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RecordsInRequest.count(JSON, body, "PutEventsRequest", "Entries")).isEqualTo(2);
    }

    @Test
    void readsCbor() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = new CBORFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (int i = 0; i < 3; i++) {
                out.writeStartObject();
                out.writeBinaryField("Data", new byte[] {(byte) i});
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }

        assertThat(RecordsInRequest.count(new CBORFactory(), bytes.toByteArray(), "PutRecordsRequest")).isEqualTo(3);
    }

    @Test
    void aBodyWithoutRecordsHasNone() {
        assertThat(RecordsInRequest.count(JSON, "{}".getBytes(StandardCharsets.UTF_8), "PutRecordBatchRequest")).isZero();
    }

    @Test
    void aBodyThatIsNotAnObjectIsUnreadableNamingTheRequest() {
        assertThatThrownBy(() -> RecordsInRequest.count(JSON, "[1]".getBytes(StandardCharsets.UTF_8),
                "PutRecordBatchRequest"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("unreadable PutRecordBatchRequest")
                .hasRootCauseMessage("a PutRecordBatchRequest is an object");
    }
}
