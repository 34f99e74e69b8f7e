package io.github.pinpointgtm.vtl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.envelope.Envelope;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import io.github.pinpointgtm.testkit.vtl.SqsFormBody;
import java.util.List;
import java.util.Map;

/**
 * The whole path of one hit in a test: API Gateway renders the request template (the stand-in and Velocity 1.7 must
 * agree), SQS reads the form body, and the message body is read by the processor's {@link EnvelopeParser} and by the
 * strict test-side {@link EnvelopeJson}, which must agree.
 *
 * @param formBody    what API Gateway sends to SQS
 * @param messageBody the SQS message body (the envelope JSON)
 * @param envelope    the envelope as decoded
 */
record EnvelopeDelivery(String formBody, String messageBody, Envelope envelope) {

    /** Only these characters can appear in a form body whose values were all URL-encoded by the template. */
    static final String FORM_BODY_PATTERN = "Action=SendMessage&MessageBody=[A-Za-z0-9.*_%-]*";

    /** Renders on the stand-in and on Velocity 1.7 (which must agree), reads it as SQS and as the processor does. */
    static EnvelopeDelivery deliver(String template, ApiGatewayRequest request) {
        EnvelopeDelivery delivery = render(template, request);
        assertThat(parseWithTheProcessor(delivery.messageBody())).as("the processor's reading")
                .isEqualTo(delivery.envelope());
        return delivery;
    }

    /** Like {@link #deliver} without the processor's reading, for envelopes the processor rightly refuses. */
    static EnvelopeDelivery render(String template, ApiGatewayRequest request) {
        String formBody = ApiGatewayVtl.render(template, request).output();
        assertThat(ApiGatewayVtl.renderOnVelocity17(template, request).output()).as("rendered by Velocity 1.7")
                .isEqualTo(formBody);
        assertThat(formBody).as("the form body API Gateway sends to SQS").matches(FORM_BODY_PATTERN);
        List<Map.Entry<String, String>> parameters = SqsFormBody.parse(formBody);
        assertThat(parameters).extracting(Map.Entry::getKey).containsExactly("Action", "MessageBody");
        assertThat(parameters.get(0).getValue()).isEqualTo("SendMessage");
        String messageBody = parameters.get(1).getValue();
        return new EnvelopeDelivery(formBody, messageBody, EnvelopeJson.read(messageBody));
    }

    private static Envelope parseWithTheProcessor(String messageBody) {
        try {
            return EnvelopeParser.parse(messageBody);
        } catch (MalformedEnvelopeException e) {
            throw new AssertionError("the processor refuses the envelope: " + messageBody, e);
        }
    }
}
