package io.github.pinpointgtm.runtime.mapping;

import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeJson;
import io.github.pinpointgtm.runtime.event.CustomerEvent;
import io.github.pinpointgtm.runtime.event.Rejection;
import io.github.pinpointgtm.runtime.event.RejectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional {@code event_id} parameter: the event id when valid, a rejection when not. */
class ClientEventIdTest {
    private static final String REQUEST_ID = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static final HitReader READER = new HitReader(ProcessorConfig.fromEnvironment(Map.of(
            "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
            "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
            "ALLOWED_ORIGINS", "https://www.example.com")));

    private static HitOutcome hit(String... extraParameters) {
        String[] query = Stream.concat(Stream.of("event", "purchase", "endpoint_id", "customer-4711"),
                Stream.of(extraParameters)).toArray(String[]::new);
        return READER.read(EnvelopeJson.get().with("referer", "https://www.example.com/checkout").query(query).json());
    }

    private static CustomerEvent accepted(HitOutcome outcome) {
        assertThat(outcome).isInstanceOf(HitOutcome.Accepted.class);
        return ((HitOutcome.Accepted) outcome).event();
    }

    @Test
    void withoutEventIdTheRequestIdIsTheEventId() {
        assertThat(accepted(hit()).eventId()).isEqualTo(REQUEST_ID);
        assertThat(accepted(hit("event_id", "")).eventId()).as("empty is absent").isEqualTo(REQUEST_ID);
    }

    /** Seeded: 200 valid ids of 1 to 64 allowed characters, the bounds included. */
    static Stream<String> validIds() {
        Random random = new Random(20261205L);
        Stream<String> generated = IntStream.range(0, 200).mapToObj(i -> {
            int length = 1 + random.nextInt(ClientEventId.MAX_LENGTH);
            StringBuilder id = new StringBuilder();
            for (int c = 0; c < length; c++) {
                id.append(ALLOWED.charAt(random.nextInt(ALLOWED.length())));
            }
            return id.toString();
        });
        return Stream.concat(Stream.of("a", "-", "x".repeat(64), "1764201600123.42", "pl-7f3c_9.12"), generated);
    }

    @ParameterizedTest
    @MethodSource("validIds")
    void aValidEventIdIsTheEventId(String eventId) {
        assertThat(accepted(hit("event_id", eventId)).eventId()).isEqualTo(eventId);
    }

    static Stream<Arguments> invalidIds() {
        return Stream.of(
                Arguments.of("x".repeat(65), "parameter event_id is 65 characters long; at most 64 are allowed"),
                Arguments.of("a b", "parameter event_id may contain only letters, digits, '.', '_' and '-'"),
                Arguments.of("a/b", "parameter event_id may contain only letters, digits, '.', '_' and '-'"),
                Arguments.of("a\u0000b", "parameter event_id may contain only letters, digits, '.', '_' and '-'"),
                Arguments.of("é", "parameter event_id may contain only letters, digits, '.', '_' and '-'"),
                Arguments.of("a\nb", "parameter event_id may contain only letters, digits, '.', '_' and '-'"));
    }

    @ParameterizedTest
    @MethodSource("invalidIds")
    void anInvalidEventIdIsRefusedWithoutQuotingIt(String eventId, String detail) {
        HitOutcome outcome = hit("event_id", eventId);

        assertThat(outcome).isEqualTo(new HitOutcome.Rejected(new Rejection(RejectionReason.INVALID_EVENT_ID, detail)));
        assertThat(RejectionReason.INVALID_EVENT_ID.code()).isEqualTo("invalid-event-id");
    }

    @Test
    void twoRequestsWithTheSameEventIdMapToOneEventIdIdentifiedOrAnonymous() {
        assertThat(accepted(hit("event_id", "pl-1.7")).eventId()).isEqualTo("pl-1.7");
        assertThat(accepted(hit("event_id", "pl-1.7", "consent", "denied")).eventId()).isEqualTo("pl-1.7");
        assertThat(hit("event_id", "a b", "consent", "denied")).as("anonymous hits are validated too")
                .isInstanceOfSatisfying(HitOutcome.Rejected.class, rejected -> assertThat(
                        rejected.rejection().reason()).isEqualTo(RejectionReason.INVALID_EVENT_ID));
    }

}
