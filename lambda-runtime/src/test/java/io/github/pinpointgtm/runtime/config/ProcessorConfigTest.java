package io.github.pinpointgtm.runtime.config;

import io.github.pinpointgtm.runtime.policy.WebOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigTest {
    private static final String APP_ID = "0123456789abcdef0123456789abcdef";
    private static final String DLQ = "https://sqs.eu-west-1.amazonaws.com/123456789012/connector-dlq";
    private static final String REJECTED = "https://sqs.eu-west-1.amazonaws.com/123456789012/connector-rejected";

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("PINPOINT_APPLICATION_ID", APP_ID);
        env.put("DEAD_LETTER_QUEUE_URL", DLQ);
        env.put("REJECTED_QUEUE_URL", REJECTED);
        env.put("ALLOWED_ORIGINS", "https://www.example.com");
        return env;
    }

    private static Map<String, String> with(String name, String value) {
        return with(Map.of(name, value));
    }

    /** The minimal environment with {@code variables} set on top. */
    private static Map<String, String> with(Map<String, String> variables) {
        Map<String, String> env = minimal();
        env.putAll(variables);
        return env;
    }

    @Test
    void defaultsApplyWhenOnlyRequiredVariablesAreSet() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(minimal());

        assertThat(config.destinationType()).isEqualTo(DestinationType.PINPOINT);
        assertThat(config.pinpointApplicationId()).isEqualTo(APP_ID);
        assertThat(config.deadLetterQueueUrl()).isEqualTo(DLQ);
        assertThat(config.rejectedQueueUrl()).isEqualTo(REJECTED);
        assertThat(config.allowedOrigins().origins()).containsExactly(WebOrigin.parse("https://www.example.com"));
        assertThat(config.allowMissingOrigin()).isFalse();
        assertThat(config.allowedEventTypes()).isEmpty();
        assertThat(config.userAttributesEnabled()).isFalse();
        assertThat(config.botHandling()).isEqualTo(BotHandling.REJECT);
        assertThat(config.clientTimestampMaxSkew()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.deliveryConcurrency()).isEqualTo(4);
        assertThat(config.maxReceiveCount()).isEmpty();
        assertThat(config.metricsNamespace()).isEqualTo("PinpointGtmConnector");
        assertThat(config.connectorName()).isEqualTo("default");
        assertThat(config.logPersonalData()).isFalse();
        assertThat(config.logFingerprintSalt()).isEmpty();
        assertThat(config.awsRegion()).isEmpty();
        assertThat(config.endpointUrl("PINPOINT")).isEmpty();
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = minimal();
        env.put("DESTINATION_TYPE", "Pinpoint");
        env.put("ALLOWED_ORIGINS", " https://www.example.com , http://localhost:8080 ");
        env.put("ALLOW_MISSING_ORIGIN", "TRUE");
        env.put("ALLOWED_EVENT_TYPES", "purchase, page_view,,");
        env.put("USER_ATTRIBUTES_ENABLED", "true");
        env.put("BOT_HANDLING", "Deliver-Flagged");
        env.put("CLIENT_TIMESTAMP_MAX_SKEW_SECONDS", "60");
        env.put("DELIVERY_CONCURRENCY", "8");
        env.put("MAX_RECEIVE_COUNT", "55");
        env.put("METRICS_NAMESPACE", "Shop/Tracking");
        env.put("CONNECTOR_NAME", "ShopStackConnector1A2B3C4D");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "shop-processor");
        env.put("LOG_PERSONAL_DATA", "true");
        env.put("LOG_FINGERPRINT_SALT", "arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1/Connector");
        env.put("AWS_REGION", "eu-west-1");

        ProcessorConfig config = ProcessorConfig.fromEnvironment(env);

        assertThat(config.allowedOrigins().origins()).extracting(WebOrigin::toString)
                .containsExactly("https://www.example.com", "http://localhost:8080");
        assertThat(config.allowMissingOrigin()).isTrue();
        assertThat(config.allowedEventTypes()).containsExactly("purchase", "page_view");
        assertThat(config.userAttributesEnabled()).isTrue();
        assertThat(config.botHandling()).isEqualTo(BotHandling.DELIVER_FLAGGED);
        assertThat(config.clientTimestampMaxSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.deliveryConcurrency()).isEqualTo(8);
        assertThat(config.maxReceiveCount()).hasValue(55);
        assertThat(config.metricsNamespace()).isEqualTo("Shop/Tracking");
        assertThat(config.connectorName()).isEqualTo("ShopStackConnector1A2B3C4D");
        assertThat(config.logPersonalData()).isTrue();
        assertThat(config.logFingerprintSalt())
                .contains("arn:aws:cloudformation:eu-west-1:123456789012:stack/s/1/Connector");
        assertThat(config.awsRegion()).contains("eu-west-1");
    }

    @Test
    void aShortFingerprintSaltIsRefusedAndNeverShown() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with("LOG_FINGERPRINT_SALT", "fifteen-chars-x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("LOG_FINGERPRINT_SALT must be at least 16 characters");
        assertThat(ProcessorConfig.fromEnvironment(with("LOG_FINGERPRINT_SALT", "sixteen-chars-xy")).toString())
                .contains("logFingerprintSalt=set").doesNotContain("sixteen-chars-xy");
    }

    @Test
    void starAllowsAnyOrigin() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(with("ALLOWED_ORIGINS", "*"));

        assertThat(config.allowedOrigins().allowsAny()).isTrue();
        assertThat(config.allowedOrigins().allows(WebOrigin.parse("https://anything.test"))).isTrue();
    }

    @Test
    void serviceSpecificEndpointOverrideWinsOverTheGeneralOne() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(with(Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_SQS", "http://localhost:9324")));

        assertThat(config.endpointUrl("SQS")).contains(URI.create("http://localhost:9324"));
        assertThat(config.endpointUrl("pinpoint")).contains(URI.create("http://localhost:4566"));
    }

    @Test
    void blankValuesCountAsUnset() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(with(Map.of(
                "DELIVERY_CONCURRENCY", "  ",
                "LOG_PERSONAL_DATA", "")));

        assertThat(config.deliveryConcurrency()).isEqualTo(4);
        assertThat(config.logPersonalData()).isFalse();
    }

    @Test
    void otherDestinationsDoNotNeedAPinpointApplication() {
        Map<String, String> env = minimal();
        env.remove("PINPOINT_APPLICATION_ID");
        env.put("DESTINATION_TYPE", "customer-profiles");
        env.put("CUSTOMER_PROFILES_DOMAIN_NAME", "shop-customers");
        env.put("CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmCustomerEvent");

        ProcessorConfig config = ProcessorConfig.fromEnvironment(env);

        assertThat(config.destinationType()).isEqualTo(DestinationType.CUSTOMER_PROFILES);
        assertThat(config.pinpointApplicationIdIfSet()).isEmpty();
        assertThatThrownBy(config::pinpointApplicationId).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PINPOINT_APPLICATION_ID");
    }

    @ParameterizedTest
    @CsvSource({
            "kinesis, KINESIS_STREAM_NAME",
            "firehose, FIREHOSE_DELIVERY_STREAM_NAME",
            "eventbridge, EVENTBRIDGE_EVENT_BUS",
            "customer-profiles, CUSTOMER_PROFILES_DOMAIN_NAME",
            "customer-profiles, CUSTOMER_PROFILES_OBJECT_TYPE_NAME"})
    void eachDestinationRequiresItsOwnSettings(String destination, String variable) {
        Map<String, String> env = successorEnvironment(destination);
        env.remove(variable);

        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(variable + " is required when DESTINATION_TYPE is " + destination);
    }

    @Test
    void eachDestinationsSettingsAreRead() {
        Map<String, String> env = successorEnvironment("eventbridge");
        env.put("EVENTBRIDGE_SOURCE", "com.example.shop");
        env.put("EVENTBRIDGE_DETAIL_TYPE", "Shop Event");

        ProcessorConfig config = ProcessorConfig.fromEnvironment(env);

        assertThat(config.kinesisStreamName()).isEqualTo("gtm-events");
        assertThat(config.firehoseDeliveryStreamName()).isEqualTo("gtm-events-to-s3");
        assertThat(config.eventBridgeEventBus()).isEqualTo("arn:aws:events:eu-west-1:123456789012:event-bus/gtm");
        assertThat(config.eventBridgeSource()).isEqualTo("com.example.shop");
        assertThat(config.eventBridgeDetailType()).isEqualTo("Shop Event");
        assertThat(config.customerProfilesDomainName()).isEqualTo("shop-customers");
        assertThat(config.customerProfilesObjectTypeName()).isEqualTo("GtmCustomerEvent");
    }

    @Test
    void eventBridgeSourceAndDetailTypeHaveDefaults() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(successorEnvironment("eventbridge"));

        assertThat(config.eventBridgeSource()).isEqualTo("io.github.pinpointgtm");
        assertThat(config.eventBridgeDetailType()).isEqualTo("GTM Customer Event");
    }

    @Test
    void settingsOfAnotherDestinationAreNotRequired() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(minimal());

        assertThatThrownBy(config::kinesisStreamName).isInstanceOf(IllegalStateException.class)
                .hasMessage("KINESIS_STREAM_NAME is not set");
        assertThatThrownBy(config::customerProfilesObjectTypeName).isInstanceOf(IllegalStateException.class)
                .hasMessage("CUSTOMER_PROFILES_OBJECT_TYPE_NAME is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GtmEvent_v1", "_web-events-2", "a", "Z9"})
    void objectTypeNamesMayContainDigitsAfterTheFirstCharacterLikeTheApiAllows(String objectTypeName) {
        // PutProfileObject's ObjectTypeName pattern: ^[a-zA-Z_][a-zA-Z_0-9-]*$, at most 255 characters.
        Map<String, String> env = successorEnvironment("customer-profiles");
        env.put("CUSTOMER_PROFILES_OBJECT_TYPE_NAME", objectTypeName);

        assertThat(ProcessorConfig.fromEnvironment(env).customerProfilesObjectTypeName()).isEqualTo(objectTypeName);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "KINESIS_STREAM_NAME | gtm events",
            "KINESIS_STREAM_NAME | arn:aws:kinesis:eu-west-1:123456789012:stream/gtm",
            "FIREHOSE_DELIVERY_STREAM_NAME | a-name-that-is-longer-than-sixty-four-characters-which-firehose-refuses",
            "EVENTBRIDGE_EVENT_BUS | bus name with spaces",
            "EVENTBRIDGE_EVENT_BUS | arn:aws:sqs:eu-west-1:123456789012:queue",
            "CUSTOMER_PROFILES_DOMAIN_NAME | shop.customers",
            "CUSTOMER_PROFILES_OBJECT_TYPE_NAME | 1GtmEvent",
            "EVENTBRIDGE_SOURCE | aws.events",
            "EVENTBRIDGE_DETAIL_TYPE | a detail type that is far too long, because EventBridge accepts at most one hundred and twenty-eight characters in a detail type, no more"})
    void malformedDestinationSettingsAreRefusedWithTheirName(String variable, String value) {
        Map<String, String> env = successorEnvironment("kinesis");
        env.put(variable, value);

        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " must");
    }

    private static Map<String, String> successorEnvironment(String destination) {
        Map<String, String> env = minimal();
        env.remove("PINPOINT_APPLICATION_ID");
        env.put("DESTINATION_TYPE", destination);
        env.put("KINESIS_STREAM_NAME", "gtm-events");
        env.put("FIREHOSE_DELIVERY_STREAM_NAME", "gtm-events-to-s3");
        env.put("EVENTBRIDGE_EVENT_BUS", "arn:aws:events:eu-west-1:123456789012:event-bus/gtm");
        env.put("CUSTOMER_PROFILES_DOMAIN_NAME", "shop-customers");
        env.put("CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmCustomerEvent");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"PINPOINT_APPLICATION_ID", "DEAD_LETTER_QUEUE_URL", "REJECTED_QUEUE_URL", "ALLOWED_ORIGINS"})
    void requiredVariablesAreNamedWhenMissing(String variable) {
        Map<String, String> env = minimal();
        env.remove(variable);

        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " ")
                .hasMessageContaining("required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DESTINATION_TYPE | sns | unknown destination type",
            "PINPOINT_APPLICATION_ID | my-app | 32 hex digit",
            "PINPOINT_APPLICATION_ID | 0123456789abcdef0123456789abcdeg | 32 hex digit",
            "DEAD_LETTER_QUEUE_URL | connector-dlq | absolute http(s) URL",
            "DEAD_LETTER_QUEUE_URL | ftp://example.com/q | absolute http(s) URL",
            "REJECTED_QUEUE_URL | connector-rejected | absolute http(s) URL",
            "REJECTED_QUEUE_URL | ftp://example.com/q | absolute http(s) URL",
            "REJECTED_QUEUE_URL | " + DLQ + " | another queue than DEAD_LETTER_QUEUE_URL",
            "ALLOWED_ORIGINS | www.example.com | scheme://host[:port]",
            "ALLOWED_ORIGINS | https://www.example.com/ | scheme://host[:port]",
            "ALLOWED_ORIGINS | https://www.example.com/shop | scheme://host[:port]",
            "ALLOWED_ORIGINS | https://www.example.com?x=1 | scheme://host[:port]",
            "ALLOWED_ORIGINS | https://user@www.example.com | scheme://host[:port]",
            "ALLOWED_ORIGINS | '*,https://www.example.com' | only entry",
            "ALLOWED_ORIGINS | ' , ' | at least one",
            "ALLOW_MISSING_ORIGIN | yes | true or false",
            "USER_ATTRIBUTES_ENABLED | 1 | true or false",
            "BOT_HANDLING | flag | reject or deliver-flagged",
            "LOG_PERSONAL_DATA | on | true or false",
            "CLIENT_TIMESTAMP_MAX_SKEW_SECONDS | 5m | integer",
            "CLIENT_TIMESTAMP_MAX_SKEW_SECONDS | -1 | between 0 and 86400",
            "DELIVERY_CONCURRENCY | 0 | between 1 and 64",
            "DELIVERY_CONCURRENCY | 65 | between 1 and 64",
            "DELIVERY_CONCURRENCY | 2.5 | integer",
            "MAX_RECEIVE_COUNT | 1 | between 2 and 1000",
            "MAX_RECEIVE_COUNT | 1001 | between 2 and 1000",
            "MAX_RECEIVE_COUNT | five | integer",
            "METRICS_NAMESPACE | AWS/Lambda | reserved",
            "METRICS_NAMESPACE | My Namespace | characters",
            "CONNECTOR_NAME | shop connector | characters",
            "AWS_ENDPOINT_URL_PINPOINT | localhost:4566 | absolute http(s) URL",
    })
    void invalidValuesAreRejectedNamingTheVariable(String variable, String value, String problem) {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable)
                .hasMessageContaining(problem);
    }

    @Test
    void withoutAConnectorNameTheFunctionsNameTellsConnectorsApart() {
        assertThat(ProcessorConfig.fromEnvironment(with("AWS_LAMBDA_FUNCTION_NAME", "shop-processor")).connectorName())
                .isEqualTo("shop-processor");
    }

    @Test
    void overlongConnectorNameIsRejected() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with("CONNECTOR_NAME", "n".repeat(256))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CONNECTOR_NAME");
    }

    @Test
    void overlongMetricsNamespaceIsRejected() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with("METRICS_NAMESPACE", "n".repeat(256))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("METRICS_NAMESPACE");
    }

    @Test
    void configurationIsImmutable() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(with("ALLOWED_EVENT_TYPES", "purchase"));

        assertThatThrownBy(() -> config.allowedEventTypes().add("other"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void identityVerificationIsOffByDefaultAndReadWhenSet() {
        assertThat(ProcessorConfig.fromEnvironment(minimal()).identitySecretArn()).isEmpty();
        assertThat(ProcessorConfig.fromEnvironment(minimal()).identityAnonymousPrefix()).isEmpty();

        Map<String, String> env = minimal();
        env.put("IDENTITY_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm/identity-key-AbCdEf");
        env.put("IDENTITY_ANONYMOUS_PREFIX", "anon-");
        ProcessorConfig config = ProcessorConfig.fromEnvironment(env);

        assertThat(config.identitySecretArn())
                .hasValue("arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm/identity-key-AbCdEf");
        assertThat(config.identityAnonymousPrefix()).hasValue("anon-");
    }

    @Test
    void anAnonymousPrefixOfThreeCharactersIsTheShortestAccepted() {
        assertThat(ProcessorConfig.fromEnvironment(with("IDENTITY_ANONYMOUS_PREFIX", "an:")).identityAnonymousPrefix())
                .hasValue("an:");
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with("IDENTITY_ANONYMOUS_PREFIX", "an")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("IDENTITY_ANONYMOUS_PREFIX must be 3 to 64 of the characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "IDENTITY_SECRET_ARN|gtm-identity-key",
            "IDENTITY_SECRET_ARN|arn:aws:ssm:eu-west-1:123456789012:parameter/key",
            "IDENTITY_ANONYMOUS_PREFIX|anon prefix",
            "IDENTITY_ANONYMOUS_PREFIX|anon/",
            "IDENTITY_ANONYMOUS_PREFIX|c",
            "IDENTITY_ANONYMOUS_PREFIX|an",
            "IDENTITY_ANONYMOUS_PREFIX|a-prefix-that-is-far-too-long-to-be-a-prefix-of-an-anonymous-endpoint-id"})
    void malformedIdentitySettingsAreRefusedWithTheirName(String variable, String value) {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(with(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " must be");
    }
}
