package io.github.pinpointgtm.runtime.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: reads JSON into maps, lists, strings, numbers, booleans and nulls with jackson-core alone. */
final class JsonTree {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonTree() {
    }

    static Object parse(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return read(parser);
        }
    }

    /** @return the JSON text of one top-level field's value, as compact JSON */
    static String fieldAsJson(String json, String field) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                if (name.equals(field)) {
                    StringWriter out = new StringWriter();
                    try (JsonGenerator generator = JSON.createGenerator(out)) {
                        generator.copyCurrentStructure(parser);
                    }
                    return out.toString();
                }
                parser.skipChildren();
            }
        }
        throw new IllegalArgumentException("no field " + field);
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    parser.nextToken();
                    map.put(name, read(parser));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
