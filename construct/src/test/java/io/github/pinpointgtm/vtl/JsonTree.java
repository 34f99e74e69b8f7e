package io.github.pinpointgtm.vtl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain Java values (ordered maps, lists, strings, longs, doubles, booleans, null) with the streaming
 * jackson-core the runtime already uses, so tests can compare documents field by field and in order.
 */
final class JsonTree {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonTree() {
    }

    static Object parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            Object value = read(parser, parser.nextToken());
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON value: " + json);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The entries of a JSON object in document order, for order-sensitive comparison. */
    static List<Map.Entry<String, Object>> entries(Object object) {
        if (!(object instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object: " + object);
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        map.forEach((key, value) -> entries.add(Map.entry((String) key, value)));
        return entries;
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IllegalArgumentException("empty JSON document");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (object.put(name, read(parser, parser.nextToken())) != null) {
                        throw new IllegalArgumentException("duplicate field " + name);
                    }
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected " + token);
        };
    }
}
