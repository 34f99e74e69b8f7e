package io.github.pinpointgtm.runtime.envelope;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadConstraints;
import io.github.pinpointgtm.runtime.event.RejectionReason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the envelope that API Gateway's request template writes (see {@code docs/envelope.md}).
 *
 * <p>Every client-controlled string in the envelope is form-URL-encoded; this parser decodes each exactly once,
 * strictly (a malformed {@code %} escape makes the envelope malformed), straight from the JSON parser's buffer
 * ({@link FormUrlDecoder}). Fields it does not know are skipped, so a
 * newer template that adds fields stays readable. Streaming and allocation-light: it is on the hot path.
 */
public final class EnvelopeParser {
    // Envelopes are single SQS messages (at most 1 MiB): generous but bounded nesting and string sizes.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private EnvelopeParser() {
    }

    /**
     * @param sqsMessageBody the SQS message body
     * @return the envelope, every encoded string decoded
     * @throws MalformedEnvelopeException if the body is not a version-1 envelope; {@link
     *                                    MalformedEnvelopeException#reason()} tells a wrong version apart
     */
    public static Envelope parse(String sqsMessageBody) throws MalformedEnvelopeException {
        if (sqsMessageBody == null || sqsMessageBody.isEmpty()) {
            throw new MalformedEnvelopeException("the message body is empty");
        }
        try (JsonParser json = JSON.createParser(sqsMessageBody)) {
            Envelope envelope = readEnvelope(json, new FormUrlDecoder());
            if (json.nextToken() != null) {
                throw new MalformedEnvelopeException("unexpected content after the envelope object");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending input; keep only the location.
            String where = e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")";
            throw new MalformedEnvelopeException("the message body is not valid JSON" + where, null);
        } catch (IOException e) {
            throw new MalformedEnvelopeException("the message body could not be read", e);
        }
    }

    private static Envelope readEnvelope(JsonParser json, FormUrlDecoder decoder)
            throws IOException, MalformedEnvelopeException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedEnvelopeException("the message body is not a JSON object");
        }
        Integer version = null;
        String requestId = null;
        Long requestTimeEpoch = null;
        String httpMethod = null;
        List<Envelope.QueryParameter> query = null;
        String body = null;
        String contentType = null;
        String userAgent = null;
        String origin = null;
        String referer = null;
        String sourceIp = null;
        String identity = null;
        String identitySource = null;

        String field;
        while ((field = json.nextFieldName()) != null) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "v":
                    version = readVersion(json, value);
                    break;
                case "requestId":
                    requestId = encodedString(json, value, field, decoder);
                    break;
                case "requestTimeEpoch":
                    requestTimeEpoch = epochMillis(json, value);
                    break;
                case "httpMethod":
                    httpMethod = encodedString(json, value, field, decoder);
                    break;
                case "query":
                    query = readQuery(json, value, decoder);
                    break;
                case "body":
                    body = encodedString(json, value, field, decoder);
                    break;
                case "contentType":
                    contentType = encodedString(json, value, field, decoder);
                    break;
                case "userAgent":
                    userAgent = encodedString(json, value, field, decoder);
                    break;
                case "origin":
                    origin = encodedString(json, value, field, decoder);
                    break;
                case "referer":
                    referer = encodedString(json, value, field, decoder);
                    break;
                case "sourceIp":
                    sourceIp = encodedString(json, value, field, decoder);
                    break;
                case "identity":
                    identity = encodedString(json, value, field, decoder);
                    break;
                case "identitySource":
                    identitySource = encodedString(json, value, field, decoder);
                    break;
                default:
                    json.skipChildren(); // a field from a newer template: ignored
            }
        }
        if (version == null) {
            throw new MalformedEnvelopeException("the envelope has no version field \"v\"");
        }
        requirePresent(requestId, "requestId");
        requirePresent(requestTimeEpoch, "requestTimeEpoch");
        requirePresent(httpMethod, "httpMethod");
        if (requestId.isEmpty()) {
            throw new MalformedEnvelopeException("the envelope's \"requestId\" is empty");
        }
        return new Envelope(version, requestId, requestTimeEpoch, httpMethod, query == null ? List.of() : query,
                body, contentType, userAgent, origin, referer, sourceIp, identity, identitySource);
    }

    private static int readVersion(JsonParser json, JsonToken value) throws IOException, MalformedEnvelopeException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedEnvelopeException("the envelope's \"v\" is not an integer");
        }
        // Checked as soon as it is read: a newer envelope may change other fields' types.
        if (json.getNumberType() != JsonParser.NumberType.INT || json.getIntValue() != Envelope.CURRENT_VERSION) {
            throw new MalformedEnvelopeException(RejectionReason.UNSUPPORTED_ENVELOPE_VERSION,
                    "envelope version " + json.getText() + " is not supported (this processor reads version "
                            + Envelope.CURRENT_VERSION + ")", null);
        }
        return Envelope.CURRENT_VERSION;
    }

    private static long epochMillis(JsonParser json, JsonToken value) throws IOException, MalformedEnvelopeException {
        if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new MalformedEnvelopeException("the envelope's \"requestTimeEpoch\" is not an integer");
        }
        long millis = json.getLongValue();
        if (millis < 0) {
            throw new MalformedEnvelopeException("the envelope's \"requestTimeEpoch\" is negative");
        }
        return millis;
    }

    private static List<Envelope.QueryParameter> readQuery(JsonParser json, JsonToken value, FormUrlDecoder decoder)
            throws IOException, MalformedEnvelopeException {
        if (value != JsonToken.START_ARRAY) {
            throw new MalformedEnvelopeException("the envelope's \"query\" is not an array");
        }
        List<Envelope.QueryParameter> parameters = new ArrayList<>();
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
            int index = parameters.size();
            if (token != JsonToken.START_ARRAY) {
                throw new MalformedEnvelopeException("query entry " + index + " is not a [name, value] array");
            }
            String name = queryString(json, json.nextToken(), index, decoder);
            String parameterValue = queryString(json, json.nextToken(), index, decoder);
            if (json.nextToken() != JsonToken.END_ARRAY) {
                throw new MalformedEnvelopeException("query entry " + index + " is not a [name, value] array");
            }
            parameters.add(new Envelope.QueryParameter(name, parameterValue));
        }
        return parameters;
    }

    private static String queryString(JsonParser json, JsonToken token, int index, FormUrlDecoder decoder)
            throws IOException, MalformedEnvelopeException {
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedEnvelopeException("query entry " + index + " is not a [name, value] array of strings");
        }
        String decoded = decode(json, decoder);
        if (decoded == null) {
            throw new MalformedEnvelopeException("query entry " + index + " has a malformed %-escape");
        }
        return decoded;
    }

    private static String encodedString(JsonParser json, JsonToken value, String field, FormUrlDecoder decoder)
            throws IOException, MalformedEnvelopeException {
        if (value != JsonToken.VALUE_STRING) {
            throw new MalformedEnvelopeException("the envelope's \"" + field + "\" is not a string");
        }
        String decoded = decode(json, decoder);
        if (decoded == null) {
            throw new MalformedEnvelopeException("the envelope's \"" + field + "\" has a malformed %-escape");
        }
        return decoded;
    }

    /**
     * Form-URL-decodes the current string value once, UTF-8.
     *
     * @return the decoded value, or null when it has a malformed escape (rejected, never guessed at)
     */
    private static String decode(JsonParser json, FormUrlDecoder decoder) throws IOException {
        try {
            return decoder.decode(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static void requirePresent(Object value, String field) throws MalformedEnvelopeException {
        if (value == null) {
            throw new MalformedEnvelopeException("the envelope has no \"" + field + "\"");
        }
    }
}
