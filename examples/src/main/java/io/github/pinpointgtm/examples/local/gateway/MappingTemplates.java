package io.github.pinpointgtm.examples.local.gateway;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * The local gateway's mapping-template engine: renders a request or response template with the variables API
 * Gateway provides ({@code $input}, {@code $util}, {@code $context}).
 *
 * <p>API Gateway runs Velocity 1.7; this runs Velocity 2.4 configured for 1.7 behaviour where 2.x has a switch (the
 * same settings as the construct's test stand-in {@code ApiGatewayVtl}, whose proofs cross-check them against
 * Velocity 1.7 itself): {@code #if("")} is true, 1.7 whitespace gobbling, no argument conversion, hyphens in
 * identifiers, {@code #foreach} over null renders nothing.
 */
public final class MappingTemplates {

    private static final VelocityEngine ENGINE = newEngine();

    private MappingTemplates() {
    }

    /** Renders {@code template} for {@code request}; a template error is thrown (API Gateway would answer 500). */
    public static Rendered render(String template, GatewayRequest request) {
        Objects.requireNonNull(template, "template");
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", new TemplateInput(request));
        variables.put("util", new TemplateUtil());
        variables.put("context", request.newContext());
        StringWriter output = new StringWriter();
        ENGINE.evaluate(new VelocityContext(variables), output, "mapping-template", template);
        return Rendered.of(output.toString(), variables);
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
    public record Rendered(String output, Integer statusOverride, Map<String, String> headerOverrides) {

        @SuppressWarnings("unchecked")
        static Rendered of(String output, Map<String, Object> variables) {
            Map<String, Object> context = (Map<String, Object>) variables.get("context");
            Map<String, Object> override = (Map<String, Object>) context.get("responseOverride");
            Object status = override.get("status");
            Map<String, String> headers = new LinkedHashMap<>();
            ((Map<String, Object>) override.get("header")).forEach((name, value) -> headers.put(name,
                    String.valueOf(value)));
            return new Rendered(output, status == null ? null : Integer.valueOf(String.valueOf(status)),
                    Map.copyOf(headers));
        }
    }
}
