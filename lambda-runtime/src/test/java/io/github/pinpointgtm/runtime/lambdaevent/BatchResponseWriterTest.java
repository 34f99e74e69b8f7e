package io.github.pinpointgtm.runtime.lambdaevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import io.github.pinpointgtm.testkit.Json;
import io.github.pinpointgtm.testkit.NastyStrings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchResponseWriterTest {

    private static String write(SQSBatchResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchResponseWriter.write(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static SQSBatchResponse failing(List<String> ids) {
        return new SQSBatchResponse(ids.stream().map(BatchItemFailure::new).toList());
    }

    @Test
    void noFailureIsAnEmptyList() throws IOException {
        assertThat(write(failing(List.of()))).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(write(new SQSBatchResponse(null))).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void oneFailureIsItsItemIdentifier() throws IOException {
        assertThat(write(failing(List.of("059f36b4-87a3-44ab-83d2-661975830a7d"))))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661975830a7d\"}]}");
    }

    @Test
    void manyFailuresKeepTheirOrderAndEveryCharacter() throws IOException {
        List<String> ids = new ArrayList<>(NastyStrings.ALL);
        ids.add("m-2");
        ids.add("m-1");

        Map<String, Object> response = Json.parseObject(write(failing(ids)));

        assertThat(response).containsOnlyKeys("batchItemFailures");
        List<Object> expected = ids.stream().<Object>map(id -> Map.of("itemIdentifier", id)).toList();
        assertThat(response.get("batchItemFailures")).isEqualTo(expected);
    }

    @Test
    void aFailureWithoutAnIdentifierIsRefused() {
        assertThatThrownBy(() -> write(failing(java.util.Arrays.asList("a", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itemIdentifier");
    }

    @Test
    void leavesTheStreamOpen() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the runtime's stream was closed");
            }
        };

        BatchResponseWriter.write(failing(List.of("a")), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("]}");
    }
}
