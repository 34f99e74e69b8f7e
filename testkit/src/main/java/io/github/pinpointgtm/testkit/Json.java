package io.github.pinpointgtm.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON for tests and the local pipeline, on Jackson's data binding: documents as plain Java values (ordered maps,
 * lists, strings, numbers, booleans, nulls) or as Jackson's tree ({@link JsonNode}). Strict: one value per text, no
 * duplicate field. Never on the processor's class path (its deployment jars use streaming JSON only).
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * @return the value of {@code json}: maps keep the document's field order, integers are {@link Integer} or
     *     {@link Long} (whichever holds them), decimals {@link Double}
     * @throws IllegalArgumentException when {@code json} is not one complete JSON value or repeats a field
     */
    public static Object parse(String json) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("empty JSON");
        }
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not one JSON object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String json) {
        Object value = parse(json);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        return (Map<String, Object>) value;
    }

    /** @throws IllegalArgumentException when {@code json} is not one complete JSON value or repeats a field */
    public static JsonNode tree(String json) {
        if (json.isBlank()) {
            throw new IllegalArgumentException("empty JSON");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return {@code value} (maps, lists, strings, numbers, booleans, nulls, or a {@link JsonNode}) as compact JSON */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + value, e);
        }
    }

    /**
     * @return the value of the top-level field {@code field} of the object {@code json}, as compact JSON
     * @throws IllegalArgumentException when the object has no such field
     */
    public static String field(String json, String field) {
        JsonNode value = tree(json).get(field);
        if (value == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return write(value);
    }

    /** @return the entries of a JSON object in document order, for order-sensitive comparison */
    public static List<Map.Entry<String, Object>> entries(Object object) {
        if (!(object instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object: " + object);
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        map.forEach((key, value) -> entries.add(Map.entry((String) key, value)));
        return entries;
    }
}
