package io.github.pinpointgtm.testkit;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Version-1 envelopes as API Gateway's template writes them (see docs/envelope.md), wrapped in SQS messages. */
public final class TestEnvelopes {

    public static final String ORIGIN = "https://www.example.com";
    /** The request time of the hits, unless given. */
    public static final Instant REQUEST_TIME = Instant.ofEpochMilli(1764201600123L);

    private TestEnvelopes() {
    }

    /** @return a GET hit from the allowed origin with the given query parameters, in order */
    public static String hit(String requestId, Map<String, String> query) {
        return envelope(requestId, query, ORIGIN);
    }

    /** @return a valid hit: event {@code eventType} for {@code endpointId} with one attribute and one metric */
    public static String hit(String requestId, String eventType, String endpointId) {
        return hit(requestId, new java.util.LinkedHashMap<>(Map.of(
                "event", eventType, "endpoint_id", endpointId, "evat_plan", "pro", "evmt_value", "9.5")));
    }

    /** @return a GET hit from the allowed origin that API Gateway received at {@code requestTime} */
    public static String hitAt(String requestId, Map<String, String> query, Instant requestTime) {
        return envelope(requestId, query, ORIGIN, requestTime);
    }

    public static String envelope(String requestId, Map<String, String> query, String origin) {
        return envelope(requestId, query, origin, REQUEST_TIME);
    }

    private static String envelope(String requestId, Map<String, String> query, String origin, Instant requestTime) {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add("[\"" + encode(name) + "\",\"" + encode(value) + "\"]"));
        return "{\"v\":1,\"requestId\":\"" + encode(requestId) + "\",\"requestTimeEpoch\":"
                + requestTime.toEpochMilli() + ","
                + "\"httpMethod\":\"GET\",\"query\":[" + String.join(",", pairs) + "],\"body\":\"\",\"contentType\":\"\","
                + "\"userAgent\":\"" + encode("Mozilla/5.0 (test)") + "\",\"origin\":\"" + encode(origin) + "\","
                + "\"referer\":\"\",\"sourceIp\":\"\",\"identity\":\"\",\"identitySource\":\"\"}";
    }

    public static SQSEvent.SQSMessage message(String messageId, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setBody(body);
        return message;
    }

    public static SQSEvent batch(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
