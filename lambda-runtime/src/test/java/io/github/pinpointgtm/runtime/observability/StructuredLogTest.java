package io.github.pinpointgtm.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.testkit.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructuredLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder();

    private Map<String, Object> onlyLine() {
        assertThat(out.toString().lines()).hasSize(1);
        return Json.parseObject(out.toString().strip());
    }

    @Test
    void writesOneJsonLinePerBatch() {
        new StructuredLog(out, new PersonalData(false), CLOCK)
                .batchProcessed(new StructuredLog.BatchSummary("req-1", 10, 10, 0, 0, 0, 1, 123));

        assertThat(onlyLine()).isEqualTo(Map.ofEntries(Map.entry("timestamp", "2025-11-27T10:00:00Z"),
                Map.entry("level", "INFO"), Map.entry("message", "batch processed"), Map.entry("awsRequestId", "req-1"),
                Map.entry("received", 10), Map.entry("delivered", 10), Map.entry("rejected", 0),
                Map.entry("deadLettered", 0), Map.entry("retried", 0), Map.entry("destinationRequests", 1),
                Map.entry("durationMs", 123)));
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "0, 1"})
    void aBatchWithADeadLetterOrARetryIsAWarning(int deadLettered, int retried) {
        new StructuredLog(out, new PersonalData(false), CLOCK).batchProcessed(
                new StructuredLog.BatchSummary("req-1", 10, 10 - deadLettered - retried, 0, deadLettered, retried, 1, 5));

        assertThat(onlyLine()).containsEntry("level", "WARN");
    }

    @Test
    void aBatchWhoseOnlyFailuresAreRefusedHitsIsInformational() {
        new StructuredLog(out, new PersonalData(false), CLOCK)
                .batchProcessed(new StructuredLog.BatchSummary("req-1", 10, 7, 3, 0, 0, 1, 5));

        assertThat(onlyLine()).containsEntry("level", "INFO").containsEntry("rejected", 3);
    }

    @Test
    void fingerprintsEndpointIdsUnlessPersonalDataMayBeLogged() {
        new StructuredLog(out, new PersonalData(false), CLOCK).messageNotDelivered("req-1", "m-1", "retry", "throttled",
                "Pinpoint answered 429", "jane.doe@example.com");

        Map<String, Object> line = onlyLine();
        assertThat(line).containsEntry("messageId", "m-1").containsEntry("outcome", "retry")
                .containsEntry("reason", "throttled").containsEntry("detail", "Pinpoint answered 429");
        assertThat((String) line.get("endpointId")).matches("hmac-sha256:[0-9a-f]{12}");
        assertThat(out.toString()).doesNotContain("jane.doe");
    }

    @Test
    void logsEndpointIdsInFullWhenAllowed() {
        new StructuredLog(out, new PersonalData(true), CLOCK).messageNotDelivered("req-1", "m-1", "dead-lettered",
                "destination-rejected", "400", "jane.doe@example.com");

        assertThat(onlyLine()).containsEntry("endpointId", "jane.doe@example.com");
    }

    @Test
    void theSameEndpointAlwaysGetsTheSameFingerprint() {
        PersonalData personalData = new PersonalData(false);

        assertThat(personalData.protect("abc")).isEqualTo(personalData.protect("abc"))
                .isNotEqualTo(personalData.protect("abd"));
        assertThat(personalData.protect("")).isEmpty();
    }

    @Test
    void escapesWhateverADetailContains() {
        new StructuredLog(out, new PersonalData(false), CLOCK).destinationMisconfigured("req-1", 403,
                "line one\nline \"two\"");

        assertThat(onlyLine()).containsEntry("level", "ERROR").containsEntry("statusCode", 403)
                .containsEntry("detail", "line one\nline \"two\"");
    }

    @Test
    void reportsUnexpectedErrorsWithTheirType() {
        new StructuredLog(out, new PersonalData(false), CLOCK).unexpectedError(null, "reading message m-1",
                new IllegalStateException("boom"));

        assertThat(onlyLine()).containsEntry("during", "reading message m-1")
                .containsEntry("error", "java.lang.IllegalStateException").containsEntry("detail", "boom")
                .doesNotContainKey("awsRequestId");
    }
}
