package io.github.pinpointgtm.examples.local.soak;

import java.util.List;

/** Query strings an attacker (or a broken tag) might send; every one must end delivered or in the rejected queue. */
public final class HostileQueries {

    private HostileQueries() {
    }

    /** @param endpointId an endpoint id to put in the hits that are otherwise valid */
    public static List<String> all(String endpointId) {
        StringBuilder manyParameters = new StringBuilder("event=many&endpoint_id=" + endpointId);
        for (int i = 0; i < 1_500; i++) {
            manyParameters.append("&p").append(Integer.toString(i, 36)).append('=');
        }
        return List.of(
                // Injection attempts into the envelope JSON and into the SQS form body.
                "event=x%22%7D%2C%22v%22%3A2%2C%22a%22%3A%22&endpoint_id=" + endpointId,
                "event=purchase&endpoint_id=" + endpointId + "&evat_x=%26Action%3DDeleteQueue%26MessageBody%3D",
                "event=purchase&endpoint_id=" + endpointId + "&evat_x=%24context.requestId%23set(%24a%3D1)",
                "event=purchase&endpoint_id=" + endpointId + "&evat_%22%5D%5D%2C%5B%22=1",
                // Invalid UTF-8 (malformed escapes such as %G1 cannot pass java.net.URI: see QueryStringTest).
                "event=purchase&endpoint_id=" + endpointId + "&evat_bytes=%FF%FE%C3%28",
                "event=purchase&endpoint_id=" + endpointId + "&evat_bad=%25G1&evmt_n=%E2%82",
                "event=%ED%A0%80&endpoint_id=" + endpointId,
                // Oversize values and an almost-10-KB URL.
                "event=purchase&endpoint_id=" + endpointId + "&evat_big=" + "v".repeat(9_000),
                "event=" + "e".repeat(500) + "&endpoint_id=" + endpointId,
                "event=purchase&endpoint_id=" + "i".repeat(3_000),
                "event=purchase&endpoint_id=" + endpointId + "&evmt_price=1e999&evmt_n=NaN",
                // Thousands of parameters.
                manyParameters.toString());
    }
}
