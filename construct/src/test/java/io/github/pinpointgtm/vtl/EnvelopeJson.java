package io.github.pinpointgtm.vtl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.pinpointgtm.runtime.envelope.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A strict, test-side reader of the envelope JSON: it checks the exact shape {@code docs/envelope.md} promises (field
 * names and order, types, every string in {@code $util.urlEncode}'s output alphabet, nothing after the object), which
 * the processor's own parser need not insist on, and decodes it into the runtime's {@link Envelope}.
 */
final class EnvelopeJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern URL_ENCODED = Pattern.compile("[A-Za-z0-9.*_+%-]*");
    private static final List<String> FIELDS = List.of("v", "requestId", "requestTimeEpoch", "httpMethod", "query",
            "body", "contentType", "userAgent", "origin", "referer", "sourceIp", "identity", "identitySource");

    private EnvelopeJson() {
    }

    static Envelope read(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "the envelope");
            expectField(parser, "v");
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, "v");
            int version = parser.getIntValue();
            String requestId = readEncodedString(parser, "requestId");
            expectField(parser, "requestTimeEpoch");
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT, "requestTimeEpoch");
            long requestTimeEpoch = parser.getLongValue();
            String httpMethod = readEncodedString(parser, "httpMethod");
            List<Envelope.QueryParameter> query = readQuery(parser);
            Envelope envelope = new Envelope(version, requestId, requestTimeEpoch, httpMethod, query,
                    readEncodedString(parser, "body"), readEncodedString(parser, "contentType"),
                    readEncodedString(parser, "userAgent"), readEncodedString(parser, "origin"),
                    readEncodedString(parser, "referer"), readEncodedString(parser, "sourceIp"),
                    readEncodedString(parser, "identity"), readEncodedString(parser, "identitySource"));
            expect(parser.nextToken(), JsonToken.END_OBJECT, "the end of the envelope after " + FIELDS);
            if (parser.nextToken() != null) {
                throw new AssertionError("text after the envelope object: " + json);
            }
            return envelope;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private static List<Envelope.QueryParameter> readQuery(JsonParser parser) throws IOException {
        expectField(parser, "query");
        expect(parser.nextToken(), JsonToken.START_ARRAY, "query");
        List<Envelope.QueryParameter> query = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            String name = readEncodedValue(parser, "a query parameter name");
            String value = readEncodedValue(parser, "a query parameter value");
            expect(parser.nextToken(), JsonToken.END_ARRAY, "the end of a [name, value] pair");
            query.add(new Envelope.QueryParameter(name, value));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, "the end of query");
        return query;
    }

    private static String readEncodedString(JsonParser parser, String field) throws IOException {
        expectField(parser, field);
        return readEncodedValue(parser, field);
    }

    private static String readEncodedValue(JsonParser parser, String what) throws IOException {
        expect(parser.nextToken(), JsonToken.VALUE_STRING, what);
        String encoded = parser.getText();
        if (!URL_ENCODED.matcher(encoded).matches()) {
            throw new AssertionError(what + " is not in $util.urlEncode's alphabet: " + encoded);
        }
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    private static void expectField(JsonParser parser, String name) throws IOException {
        expect(parser.nextToken(), JsonToken.FIELD_NAME, "field " + name);
        if (!name.equals(parser.currentName())) {
            throw new AssertionError("expected field " + name + " but found " + parser.currentName());
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new AssertionError("expected " + expected + " for " + what + " but found " + actual);
        }
    }
}
