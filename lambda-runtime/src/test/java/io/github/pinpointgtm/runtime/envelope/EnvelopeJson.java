package io.github.pinpointgtm.runtime.envelope;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds envelope JSON the way API Gateway's template writes it: every client string form-URL-encoded. */
public final class EnvelopeJson {
    private final Map<String, String> rawFields = new LinkedHashMap<>();
    private List<String[]> query = List.of();

    private EnvelopeJson() {
        rawFields.put("v", "1");
        rawFields.put("requestId", quoted(encode("c6af9ac6-7b61-11e6-9a41-93e8deadbeef")));
        rawFields.put("requestTimeEpoch", "1764201600123");
        rawFields.put("httpMethod", quoted("GET"));
        for (String field : List.of("body", "contentType", "userAgent", "origin", "referer", "sourceIp",
                "identity", "identitySource")) {
            rawFields.put(field, quoted(""));
        }
    }

    /** @return an unauthenticated GET envelope with no parameters */
    public static EnvelopeJson get() {
        return new EnvelopeJson();
    }

    /** Form-URL-encodes like {@code $util.urlEncode}. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String quoted(String encoded) {
        return "\"" + encoded + "\"";
    }

    /** Sets a string field, encoding it. */
    public EnvelopeJson with(String field, String value) {
        rawFields.put(field, quoted(encode(value)));
        return this;
    }

    /** Sets a field to raw JSON text (for malformed and forward-compatibility cases). */
    public EnvelopeJson withRaw(String field, String json) {
        rawFields.put(field, json);
        return this;
    }

    /** Removes a field. */
    public EnvelopeJson without(String field) {
        rawFields.remove(field);
        return this;
    }

    /** Sets the query parameters: name, value, name, value, ... */
    public EnvelopeJson query(String... namesAndValues) {
        java.util.ArrayList<String[]> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(new String[] {namesAndValues[i], namesAndValues[i + 1]});
        }
        query = pairs;
        return this;
    }

    /** @return the envelope JSON */
    public String json() {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> field : rawFields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(field.getKey()).append("\":").append(field.getValue());
            if (field.getKey().equals("httpMethod") && !rawFields.containsKey("query")) {
                json.append(",\"query\":").append(queryJson());
            }
        }
        return json.append('}').toString();
    }

    private String queryJson() {
        StringBuilder json = new StringBuilder("[");
        for (String[] pair : query) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("[\"").append(encode(pair[0])).append("\",\"").append(encode(pair[1])).append("\"]");
        }
        return json.append(']').toString();
    }
}
