package io.github.pinpointgtm.examples.gtm;

import io.github.pinpointgtm.examples.ConnectorExampleStack;
import io.github.pinpointgtm.examples.ExampleSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.pinpointgtm.runtime.envelope.EnvelopeParser;
import io.github.pinpointgtm.runtime.envelope.MalformedEnvelopeException;
import io.github.pinpointgtm.runtime.identity.EndpointIdVerifiers;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import io.github.pinpointgtm.runtime.mapping.HitOutcome;
import io.github.pinpointgtm.runtime.mapping.HitReader;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayRequest;
import io.github.pinpointgtm.testkit.vtl.ApiGatewayVtl;
import io.github.pinpointgtm.testkit.vtl.SqsFormBody;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * A pixel hit's way through the connector, without AWS: API Gateway renders the GET method's request template of
 * the example app's synthesized stack (the template a deployment runs), SQS reads the form body, and the processor's
 * own {@link EnvelopeParser} and {@link HitReader} turn the message into an event or a rejection.
 */
final class ConnectorPipeline {
    static final String SITE_ORIGIN = ExampleSettings.DEFAULT_ALLOWED_ORIGINS;
    private static final String GET_TEMPLATE = synthesizedGetTemplate();

    private final HitReader reader;

    private ConnectorPipeline(Map<String, String> environment) {
        this.reader = new HitReader(ProcessorConfig.fromEnvironment(environment));
    }

    private ConnectorPipeline(Map<String, String> environment, String identityKey) {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(environment);
        this.reader = new HitReader(config, EndpointIdVerifiers.withKeys(new FixedKeySource(identityKey), config,
                Clock.systemUTC()));
    }

    /** The processor as the example stack configures it (user attributes off). */
    static ConnectorPipeline withDefaults() {
        return new ConnectorPipeline(environment(false));
    }

    /** The processor with identity verification on, its key given here. */
    static ConnectorPipeline withIdentityKey(String key) {
        return new ConnectorPipeline(environment(false), key);
    }

    /** The processor with {@code userAttributesEnabled}. */
    static ConnectorPipeline withUserAttributes() {
        return new ConnectorPipeline(environment(true));
    }

    /** Sends {@code url} as a browser's image request from a page of the allowed site. */
    HitOutcome hit(String url) {
        ApiGatewayRequest request = ApiGatewayRequest.builder()
                .httpMethod("GET")
                .queryParameters(ApiGatewayQueryString.of(url))
                .header("Referer", SITE_ORIGIN + "/account/contract")
                .userAgent("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
                .build();
        String formBody = ApiGatewayVtl.render(GET_TEMPLATE, request).output();
        List<Map.Entry<String, String>> form = SqsFormBody.parse(formBody);
        if (form.size() != 2 || !form.get(0).equals(Map.entry("Action", "SendMessage"))
                || !form.get(1).getKey().equals("MessageBody")) {
            throw new AssertionError("not a SendMessage form body: " + formBody);
        }
        try {
            return reader.read(EnvelopeParser.parse(form.get(1).getValue()));
        } catch (MalformedEnvelopeException e) {
            throw new AssertionError("the request template wrote an envelope the processor cannot read", e);
        }
    }

    private static Map<String, String> environment(boolean userAttributesEnabled) {
        Map<String, String> environment = new HashMap<>();
        environment.put(ProcessorConfig.PINPOINT_APPLICATION_ID, ExampleSettings.DEFAULT_APPLICATION_ID);
        environment.put(ProcessorConfig.DEAD_LETTER_QUEUE_URL,
                "https://sqs.eu-west-1.amazonaws.com/123456789012/dead-letters");
        environment.put(ProcessorConfig.REJECTED_QUEUE_URL,
                "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected-hits");
        environment.put(ProcessorConfig.ALLOWED_ORIGINS, SITE_ORIGIN);
        environment.put(ProcessorConfig.USER_ATTRIBUTES_ENABLED, String.valueOf(userAttributesEnabled));
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static String synthesizedGetTemplate() {
        ExampleSettings settings = ExampleSettings.fromContext(key -> null);
        Template template = Template.fromStack(new ConnectorExampleStack(new App(), "GtmKit",
                StackProps.builder().build(), settings));
        Map<String, Map<String, Object>> methods = template.findResources("AWS::ApiGateway::Method",
                Map.of("Properties", Map.of("HttpMethod", "GET")));
        if (methods.size() != 1) {
            throw new AssertionError("expected one GET method, found " + methods.keySet());
        }
        Map<String, Object> properties = (Map<String, Object>) methods.values().iterator().next().get("Properties");
        Map<String, Object> integration = (Map<String, Object>) properties.get("Integration");
        Object requestTemplate = ((Map<String, Object>) integration.get("RequestTemplates")).get("application/json");
        if (!(requestTemplate instanceof String text)) {
            throw new AssertionError("the GET method has no plain-text application/json request template: "
                    + integration.get("RequestTemplates"));
        }
        return text;
    }
}
