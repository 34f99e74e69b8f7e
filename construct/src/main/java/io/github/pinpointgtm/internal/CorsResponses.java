package io.github.pinpointgtm.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CORS part of every response of {@code /events}: {@code Vary: Origin} always, and
 * {@code Access-Control-Allow-Origin} only for an allowed origin (that origin echoed), or {@code *} when any origin
 * is allowed.
 *
 * <p>A static response header cannot depend on the request, so for a list of origins the integration response
 * templates check the request's {@code Origin} header in VTL and set the header through
 * {@code $context.responseOverride}. The VTL is written on one line without blanks between directives, so it adds
 * no character to the body that follows it (the GIF's base64 text must stay exact).
 */
public final class CorsResponses {

    /** Method response parameter of the origin header. */
    public static final String ALLOW_ORIGIN = "method.response.header.Access-Control-Allow-Origin";
    /** Method response parameter of the Vary header. */
    public static final String VARY = "method.response.header.Vary";

    private final List<String> allowedOrigins;

    /** @param allowedOrigins validated origins (see {@link AllowedOrigins#validate(List)}) */
    public CorsResponses(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    private boolean anyOrigin() {
        return allowedOrigins.equals(List.of(AllowedOrigins.ANY));
    }

    /**
     * @param body the response body the template renders after the CORS logic (VTL allowed)
     * @return an integration response template that sets the origin header when the request's origin is allowed
     */
    public String template(String body) {
        if (anyOrigin()) {
            return body; // a static '*' header does the job, see staticHeaders()
        }
        StringBuilder vtl = new StringBuilder("#set($allowedOrigins = [");
        for (int i = 0; i < allowedOrigins.size(); i++) {
            // Validated origins contain only [a-z0-9.:/-]: they cannot break out of the quotes.
            vtl.append(i == 0 ? "" : ",").append('\'').append(allowedOrigins.get(i)).append('\'');
        }
        vtl.append("])")
                .append("#set($requestOrigin = '')")
                // Header names are case-insensitive (HTTP/2 sends them in lowercase).
                .append("#foreach($headerName in $input.params().header.keySet())")
                .append("#if($headerName.equalsIgnoreCase('Origin'))")
                .append("#set($requestOrigin = $input.params().header.get($headerName))")
                .append("#end#end")
                .append("#if($allowedOrigins.contains($requestOrigin))")
                .append("#set($context.responseOverride.header.Access-Control-Allow-Origin = $requestOrigin)")
                // The braced form ends the directive even when the body starts with a letter ("#endR0lG..." would
                // be read as a directive named endR0lG...).
                .append("#{end}")
                .append(body);
        return vtl.toString();
    }

    /** @return the static method-response header mappings every response carries */
    public Map<String, String> staticHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(VARY, "'Origin'");
        if (anyOrigin()) {
            headers.put(ALLOW_ORIGIN, "'*'");
        }
        return headers;
    }

    /**
     * Headers of API Gateway's own error responses (DEFAULT_4XX / DEFAULT_5XX: throttled, unauthorized, unsupported
     * media type...). Their templates are not VTL, so they cannot test the request's origin: with one allowed
     * origin they name it (a browser on another origin still gets no access, exactly as without the header), with
     * several they carry no origin header (only {@code Vary}).
     *
     * @return gateway response header values by header name
     */
    public Map<String, String> gatewayResponseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "'Origin'");
        if (allowedOrigins.size() == 1) {
            headers.put("Access-Control-Allow-Origin", "'" + allowedOrigins.get(0) + "'");
        }
        return headers;
    }
}
