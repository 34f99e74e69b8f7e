package io.github.pinpointgtm.testkit.vtl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} request body the way the SQS query API does. */
public final class SqsFormBody {

    private SqsFormBody() {
    }

    /**
     * Splits on {@code &}, splits each pair on its first {@code =} and decodes both sides (UTF-8, {@code +} as space).
     *
     * @return the parameters in body order, repeated names kept
     */
    public static List<Map.Entry<String, String>> parse(String body) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String pair : body.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(Map.entry(decode(name), decode(value)));
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
