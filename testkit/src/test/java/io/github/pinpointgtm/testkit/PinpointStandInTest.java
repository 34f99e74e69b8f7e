package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in's answers, to the byte, as the SDK client reads them. */
class PinpointStandInTest {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/"
            + "mobiletargeting/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0f".repeat(32);

    private final PinpointStandIn pinpoint = PinpointStandIn.start("app-1");

    @AfterEach
    void stop() {
        pinpoint.close();
    }

    private HttpResponse<String> post(String application, String body) throws Exception {
        return post(application, AUTHORIZATION, body);
    }

    private HttpResponse<String> post(String application, String authorization, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(pinpoint.endpoint() + "/v1/apps/" + application + "/events"))
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String type) {
        return "{\"EventType\":\"" + type + "\",\"Timestamp\":\"2026-01-01T00:00:00Z\"}";
    }

    @Test
    void answersEachEndpointAndEachEventInTheRequestsOrder() throws Exception {
        pinpoint.faults(new PinpointStandIn.FaultInjector() {
            @Override
            public String rejectEvent(PinpointStandIn.RecordedEvent event) {
                return event.eventType().equals("refused") ? "Event is \"invalid\"" : null;
            }

            @Override
            public PinpointStandIn.EventFault failEvent(PinpointStandIn.RecordedEvent event) {
                return event.eventType().equals("throttled") ? new PinpointStandIn.EventFault(429, "Slow down") : null;
            }
        });

        HttpResponse<String> response = post("app-1", "{\"BatchItem\":{"
                + "\"endpoint-b\":{\"Endpoint\":{},\"Events\":{\"e2\":" + event("page_view") + ",\"e1\":"
                + event("refused") + "}},"
                + "\"endpoint-a\":{\"Endpoint\":{},\"Events\":{\"e3\":" + event("throttled") + "}}}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"Results\":{"
                + "\"endpoint-b\":{\"EndpointItemResponse\":{\"StatusCode\":202,\"Message\":\"Accepted\"},"
                + "\"EventsItemResponse\":{\"e2\":{\"StatusCode\":202,\"Message\":\"Accepted\"},"
                + "\"e1\":{\"StatusCode\":400,\"Message\":\"Event is \\\"invalid\\\"\"}}},"
                + "\"endpoint-a\":{\"EndpointItemResponse\":{\"StatusCode\":202,\"Message\":\"Accepted\"},"
                + "\"EventsItemResponse\":{\"e3\":{\"StatusCode\":429,\"Message\":\"Slow down\"}}}}}");
        assertThat(pinpoint.acceptedEvents()).extracting(PinpointStandIn.RecordedEvent::eventId).containsExactly("e2");
        assertThat(pinpoint.refusedEvents()).extracting(PinpointStandIn.RecordedEvent::eventId).containsExactly("e1");
    }

    @Test
    void anErrorAnswerCarriesItsMessageARequestIdAndTheErrorType() throws Exception {
        HttpResponse<String> response = post("app-2", "{\"BatchItem\":{}}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("NotFoundException");
        assertThat(response.body()).matches(
                "\\{\"Message\":\"Application not found\",\"RequestID\":\"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\"}");
        assertThat(pinpoint.protocolViolations()).containsExactly("unknown application app-2");
    }

    @Test
    void aRequestSignedForAnotherServiceIsForbiddenAndListed() throws Exception {
        String forKinesis = AUTHORIZATION.replace("/mobiletargeting/", "/kinesis/");

        HttpResponse<String> response = post("app-1", forKinesis, "{\"BatchItem\":{}}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
        assertThat(pinpoint.protocolViolations())
                .containsExactly("missing or malformed SigV4 Authorization header: " + forKinesis);
    }
}
