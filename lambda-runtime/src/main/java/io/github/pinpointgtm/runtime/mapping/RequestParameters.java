package io.github.pinpointgtm.runtime.mapping;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadConstraints;
import io.github.pinpointgtm.runtime.envelope.Envelope;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hit's parameters: the query parameters, overridden by the body's parameters of the same names.
 *
 * <p>A body whose Content-Type is {@code application/x-www-form-urlencoded} is read as form fields (see
 * {@link FormBody}); any other body must be a JSON object. JSON values must be strings; {@code evmt_*} and
 * {@code ts} may also be numbers (kept as their JSON text); {@code null} means absent. Anything else makes the body
 * malformed.
 */
final class RequestParameters {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
            .build();

    private RequestParameters() {
    }

    /**
     * @param envelope the hit
     * @return parameter name to value, query order first, then body keys not in the query
     * @throws MalformedBodyException if the body is neither empty nor a JSON object of parameters (nor well-formed
     *                                form fields, for a form body)
     */
    static Map<String, String> of(Envelope envelope) throws MalformedBodyException {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Envelope.QueryParameter parameter : envelope.query()) {
            parameters.put(parameter.name(), parameter.value());
        }
        if (envelope.body().isEmpty()) {
            return parameters;
        }
        if (FormBody.isForm(envelope.contentType())) {
            FormBody.read(envelope.body(), parameters);
        } else {
            readBody(envelope.body(), parameters);
        }
        return parameters;
    }

    private static void readBody(String body, Map<String, String> parameters) throws MalformedBodyException {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("the body is not a JSON object");
            }
            String name;
            while ((name = json.nextFieldName()) != null) {
                JsonToken value = json.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    parameters.put(name, json.getText());
                } else if (value == JsonToken.VALUE_NULL) {
                    parameters.remove(name);
                } else if ((value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)
                        && acceptsNumber(name)) {
                    parameters.put(name, json.getText());
                } else {
                    throw new MalformedBodyException("body parameter " + ParameterNames.quoted(name) + " must be a "
                            + (acceptsNumber(name) ? "string or a number" : "string"));
                }
            }
            if (json.nextToken() != null) {
                throw new MalformedBodyException("unexpected content after the body's JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("the body is not valid JSON");
        } catch (IOException e) {
            throw new MalformedBodyException("the body could not be read");
        }
    }

    private static boolean acceptsNumber(String name) {
        return name.startsWith(ParameterNames.METRIC_PREFIX) || name.equals(ParameterNames.TIMESTAMP);
    }
}
