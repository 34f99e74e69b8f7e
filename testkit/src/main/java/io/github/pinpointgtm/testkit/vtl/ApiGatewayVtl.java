package io.github.pinpointgtm.testkit.vtl;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * A stand-in for API Gateway's mapping-template engine, for tests: renders a request or response template against an
 * {@link ApiGatewayRequest} with the variables API Gateway provides ({@code $input}, {@code $util},
 * {@code $context}).
 *
 * <p>API Gateway runs Velocity 1.7; this runs Velocity 2.4 configured for 1.7 behaviour where 2.x offers a switch:
 * <ul>
 *   <li>{@code #if($x)} is false only for {@code null} and {@code false} (2.x would also treat {@code ""} as false);</li>
 *   <li>whitespace around directives is kept or gobbled as 1.7 did ({@code parser.space_gobbling = bc});</li>
 *   <li>method arguments are not converted between types (1.7 had no conversion handler);</li>
 *   <li>identifiers may contain hyphens ({@code $context.responseOverride.header.Access-Control-Allow-Origin});</li>
 *   <li>{@code #foreach} over {@code null} renders nothing; {@code $foreach.hasNext}/{@code index}/{@code count}
 *       exist.</li>
 * </ul>
 * Two 1.7 behaviours have no switch: 1.7 ignores {@code #set($x = <null>)} (the old value stays) where 2.x assigns
 * null, and 1.7 prints a {@code ##} comment that directly follows a property reference ({@code $a.b##}). For these,
 * {@link #renderOnVelocity17} renders on Velocity 1.7 itself; the envelope proofs use both and require the same
 * output.
 *
 * <p>Errors in a template (a syntax error, a method that throws) are thrown, where API Gateway would answer 500.
 */
public final class ApiGatewayVtl {

    private static final VelocityEngine ENGINE = newEngine();

    private ApiGatewayVtl() {
    }

    /**
     * Renders {@code template} for {@code request}.
     *
     * @return the output, and what the template wrote to {@code $context.responseOverride}
     */
    public static RenderedTemplate render(String template, ApiGatewayRequest request) {
        Objects.requireNonNull(template, "template");
        Map<String, Object> variables = variables(request);
        StringWriter output = new StringWriter();
        ENGINE.evaluate(new VelocityContext(variables), output, "mapping-template", template);
        return RenderedTemplate.of(output.toString(), variables);
    }

    /**
     * Renders {@code template} for {@code request} on Velocity 1.7 itself, the release API Gateway runs (with its
     * default settings; API Gateway's own settings are not published), as a cross-check of {@link #render}.
     */
    public static RenderedTemplate renderOnVelocity17(String template, ApiGatewayRequest request) {
        Objects.requireNonNull(template, "template");
        Map<String, Object> variables = variables(request);
        return RenderedTemplate.of(Velocity17.render(template, variables), variables);
    }

    private static Map<String, Object> variables(ApiGatewayRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", new ApiGatewayInput(request));
        variables.put("util", new ApiGatewayUtil());
        variables.put("context", request.newContext());
        return variables;
    }

    private static VelocityEngine newEngine() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
        properties.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
        properties.setProperty(RuntimeConstants.CONVERSION_HANDLER_CLASS, "none");
        properties.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
        properties.setProperty(RuntimeConstants.VM_ENABLE_BC_MODE, "true");
        properties.setProperty(RuntimeConstants.SKIP_INVALID_ITERATOR, "true");
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "false");
        VelocityEngine engine = new VelocityEngine(properties);
        engine.init();
        return engine;
    }

    /**
     * What a template produced.
     *
     * @param output          the rendered text
     * @param statusOverride  {@code $context.responseOverride.status} if the template set it, else {@code null}
     * @param headerOverrides {@code $context.responseOverride.header.*} the template set, by name
     */
    public record RenderedTemplate(String output, Integer statusOverride, Map<String, String> headerOverrides) {

        @SuppressWarnings("unchecked")
        static RenderedTemplate of(String output, Map<String, Object> variables) {
            Map<String, Object> context = (Map<String, Object>) variables.get("context");
            Map<String, Object> override = (Map<String, Object>) context.get("responseOverride");
            Object status = override.get("status");
            Map<String, String> headers = new LinkedHashMap<>();
            ((Map<String, Object>) override.get("header")).forEach((name, value) -> headers.put(name,
                    String.valueOf(value)));
            return new RenderedTemplate(output,
                    status == null ? null : Integer.valueOf(String.valueOf(status)), Map.copyOf(headers));
        }
    }
}
