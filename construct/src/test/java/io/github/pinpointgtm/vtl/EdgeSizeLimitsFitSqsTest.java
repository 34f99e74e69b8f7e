package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.EdgeProtectionOptions;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing the web ACL lets through is refused by SQS: the largest hit it passes, rendered by the real request
 * templates, makes a message body below SQS's 1 MiB (the arithmetic of {@code docs/envelope.md}).
 *
 * <p>The worst case per byte the client sends: one byte API Gateway cannot decode as UTF-8 becomes U+FFFD (three
 * UTF-8 bytes), which the template URL-encodes to {@code %EF%BF%BD}, nine bytes. Nothing the client sends expands
 * more: an ASCII character becomes at most three bytes ({@code %27}), a percent-encoded byte ({@code %FF}, three
 * bytes sent) at most nine. One long value is the worst query string: each further parameter adds eight bytes of JSON
 * punctuation but costs at least two bytes sent ({@code &} and a name).
 */
class EdgeSizeLimitsFitSqsTest {

    /** SQS's largest message body. */
    private static final int SQS_MAX_MESSAGE_BYTES = 1_048_576;
    /** API Gateway's limit on all request header names and values together (REST API, regional). */
    private static final int API_GATEWAY_MAX_HEADER_BYTES = 10_240;
    /** The longest identity this bound assumes an authorizer returns (a principal id, a claim). */
    private static final int ASSUMED_MAX_IDENTITY_CHARACTERS = 1_024;
    /** The longest source IP: an IPv4-mapped IPv6 address. */
    private static final String LONGEST_SOURCE_IP = "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255";
    /** What one byte that is not UTF-8 becomes. */
    private static final String UNDECODABLE_BYTE = "\uFFFD";

    @Test
    void theLargestGetTheWebAclPassesFitsAThirdOfAnSqsMessage() {
        Deployment deployment = Deployment.of(Deployment.Authorization.LAMBDA_CONTEXT_KEY, true);
        String messageBody = EnvelopeDelivery.deliver(deployment.getTemplate(),
                largest(deployment, "GET").build()).messageBody();

        assertThat(bytes(messageBody)).isLessThan(SQS_MAX_MESSAGE_BYTES / 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded;charset=UTF-8"})
    void theLargestPostTheWebAclPassesFitsAThirdOfAnSqsMessage(String contentType) {
        Deployment deployment = Deployment.of(Deployment.Authorization.LAMBDA_CONTEXT_KEY, true);
        ApiGatewayRequest request = largest(deployment, "POST")
                .body(UNDECODABLE_BYTE.repeat(EdgeProtectionOptions.MAX_BODY_BYTES))
                .build();

        String messageBody = EnvelopeDelivery.deliver(deployment.requestTemplate("POST", contentType), request)
                .messageBody();

        assertThat(bytes(messageBody)).isLessThan(SQS_MAX_MESSAGE_BYTES / 3);
        assertThat(bytes(messageBody)).as("the body's bytes, nine times, are in the message")
                .isGreaterThan(9L * EdgeProtectionOptions.MAX_BODY_BYTES);
    }

    /**
     * A query string of the largest size the web ACL can be set to let through: {@code q=} and a value of undecodable
     * bytes; every header byte API Gateway accepts, undecodable, in the User-Agent; the longest source IP and identity.
     */
    private static ApiGatewayRequest.Builder largest(Deployment deployment, String method) {
        String value = UNDECODABLE_BYTE.repeat(EdgeProtectionOptions.MAX_QUERY_STRING_BYTES - "q=".length());
        ApiGatewayRequest.Builder request = ApiGatewayRequest.builder()
                .httpMethod(method)
                .queryParameter("q", value)
                .userAgent(UNDECODABLE_BYTE.repeat(API_GATEWAY_MAX_HEADER_BYTES))
                .sourceIp(LONGEST_SOURCE_IP);
        return deployment.withIdentity().apply(request, UNDECODABLE_BYTE.repeat(ASSUMED_MAX_IDENTITY_CHARACTERS));
    }

    private static long bytes(String messageBody) {
        return messageBody.getBytes(StandardCharsets.UTF_8).length;
    }
}
