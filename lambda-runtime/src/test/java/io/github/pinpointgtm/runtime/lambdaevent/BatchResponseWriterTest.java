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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        // Blank identifiers are refused (Lambda would retry the whole batch); every other nasty string is written.
        List<String> ids = new ArrayList<>(NastyStrings.ALL.stream().filter(id -> !id.isBlank()).toList());
        ids.add("m-2");
        ids.add("m-1");

        Map<String, Object> response = Json.parseObject(write(failing(ids)));

        assertThat(response).containsOnlyKeys("batchItemFailures");
        List<Object> expected = ids.stream().<Object>map(id -> Map.of("itemIdentifier", id)).toList();
        assertThat(response.get("batchItemFailures")).isEqualTo(expected);
    }

    @Test
    void aFailureWithoutAnIdentifierIsRefusedBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> BatchResponseWriter.write(failing(Arrays.asList("a", "b", null)), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchItemFailures[2] has no itemIdentifier");
        assertThat(out.size()).isZero();
    }

    @Test
    void aNullFailureIsRefusedBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> BatchResponseWriter.write(new SQSBatchResponse(
                Arrays.asList(new BatchItemFailure("a"), null)), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchItemFailures[1] has no itemIdentifier");
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void aBlankIdentifierIsRefusedBeforeAnythingIsWritten(String blank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> BatchResponseWriter.write(failing(List.of("a", blank)), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchItemFailures[1] has a blank itemIdentifier");
        assertThat(out.size()).isZero();
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
