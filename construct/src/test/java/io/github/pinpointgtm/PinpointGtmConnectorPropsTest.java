package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.APP_ID;
import static io.github.pinpointgtm.TestStacks.ORIGIN;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Defaults and build()-time validation of the props. */
class PinpointGtmConnectorPropsTest {

    private static void assertRejected(UnaryOperator<PinpointGtmConnectorProps.Builder> change, String... messageParts) {
        assertThatThrownBy(() -> change.apply(minimalProps()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void defaultsAreSecureAndDocumented() {
        PinpointGtmConnectorProps props = minimalProps().build();

        assertThat(props.getDestination()).isInstanceOf(PinpointDestination.class);
        assertThat(((PinpointDestination) props.getDestination()).getApplicationId()).isEqualTo(APP_ID);
        assertThat(props.getDestination().getDestinationType()).isEqualTo("pinpoint");
        assertThat(props.getAllowedOrigins()).containsExactly(ORIGIN);
        assertThat(props.isAllowRequestsWithoutOrigin()).isFalse();
        assertThat(props.getAllowedEventTypes()).isEmpty();
        assertThat(props.isUserAttributesEnabled()).isFalse();
        assertThat(props.getBotHits()).isEqualTo(BotHandling.REJECT);
        assertThat(props.getClientTimestampMaxSkew().toSeconds().intValue()).isEqualTo(300);
        assertThat(props.isIncludeSourceIp()).isFalse();
        assertThat(props.isIncludeFullReferer()).isFalse();
        assertThat(props.isLogPersonalData()).isFalse();
        assertThat(props.getAuthorization()).isSameAs(ConnectorAuthorization.none());
        assertThat(props.getEncryptionKey()).isNull();
        assertThat(props.getOutageTolerance().toSeconds().intValue()).isEqualTo(86_400);
        assertThat(props.getMaxReceiveCount()).isEqualTo(55);
        assertThat(props.getBatchSize()).isEqualTo(100);
        assertThat(props.getMaxBatchingWindow().toSeconds().intValue()).isEqualTo(5);
        assertThat(props.getMaxConcurrency()).isEqualTo(10);
        assertThat(props.getProcessorMemorySize()).isEqualTo(1024);
        assertThat(props.getProcessorTimeout().toSeconds().intValue()).isEqualTo(30);
        assertThat(props.getDeliveryConcurrency()).isEqualTo(4);
        assertThat(props.isSnapStart()).isTrue();
        assertThat(props.getThrottlingRateLimit()).isEqualTo(1000);
        assertThat(props.getThrottlingBurstLimit()).isEqualTo(2000);
        assertThat(props.isTracing()).isFalse();
        assertThat(props.getEdgeProtection().getOptions()).as("a web ACL created by default").isNotNull();
        assertThat(props.getEdgeProtection().getExistingWebAclArn()).isNull();
        assertThat(props.getAlarms().isEnabled()).isTrue();
        assertThat(props.getAlarms().getTopic()).isNull();
        assertThat(props.getLogRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(props.isCreateApiGatewayCloudWatchRole()).isFalse();
        assertThat(props.getMetricsNamespace()).isEqualTo("PinpointGtmConnector");
        assertThat(props.getRejectedRetention().toSeconds().intValue()).isEqualTo(4 * 24 * 3600);
    }

    @Test
    void rejectedRetentionIsWithinSqsRetentionRangeInWholeSeconds() {
        assertRejected(b -> b.rejectedRetention(Duration.seconds(59)), "rejectedRetention", "between 60 and 1209600",
                "got 59");
        assertRejected(b -> b.rejectedRetention(Duration.days(15)), "rejectedRetention", "got 1296000");
        assertRejected(b -> b.rejectedRetention(Duration.millis(90_500)), "rejectedRetention", "whole number of seconds");
        assertRejected(b -> b.rejectedRetention(null), "rejectedRetention", "must not be null");
        assertThat(minimalProps().rejectedRetention(Duration.minutes(1)).build().getRejectedRetention().toSeconds()
                .intValue()).isEqualTo(60);
        assertThat(minimalProps().rejectedRetention(Duration.days(14)).build().getRejectedRetention().toSeconds()
                .intValue()).isEqualTo(1_209_600);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedAlarmTopicIsTheAlarmsTopicAndExcludesAlarms() {
        software.amazon.awscdk.services.sns.ITopic topic = software.amazon.awscdk.services.sns.Topic
                .fromTopicArn(TestStacks.newStack(), "T", "arn:aws:sns:eu-west-1:123456789012:alerts");
        PinpointGtmConnectorProps props = minimalProps().alarmTopic(topic).build();
        assertThat(props.getAlarms().getTopic()).isSameAs(topic);
        assertThat(props.getAlarms().isEnabled()).isTrue();
        assertThat(props.getAlarmTopic()).isSameAs(topic);
        assertRejected(b -> b.alarmTopic(topic).alarms(ConnectorAlarms.defaults()), "alarmTopic and alarms",
                "mutually exclusive");
    }

    @Test
    void destinationIsTheLongFormOfPinpointApplicationId() {
        PinpointGtmConnectorProps props = PinpointGtmConnectorProps.builder()
                .destination(EventDestination.pinpoint(APP_ID))
                .allowedOrigins(List.of(ORIGIN))
                .build();

        assertThat(((PinpointDestination) props.getDestination()).getApplicationId()).isEqualTo(APP_ID);
    }

    @Test
    void buildCanBeCalledTwice() {
        PinpointGtmConnectorProps.Builder builder = minimalProps();

        assertThat(builder.build().getAllowedOrigins()).isEqualTo(builder.build().getAllowedOrigins());
    }

    @Test
    void propsAreImmutableCopies() {
        List<String> origins = new java.util.ArrayList<>(List.of(ORIGIN));
        PinpointGtmConnectorProps props = minimalProps().allowedOrigins(origins).build();
        origins.add("https://evil.example.com");

        assertThat(props.getAllowedOrigins()).containsExactly(ORIGIN);
        assertThatThrownBy(() -> props.getAllowedOrigins().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aDestinationIsRequired() {
        assertThatThrownBy(() -> PinpointGtmConnectorProps.builder().allowedOrigins(List.of(ORIGIN)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("destination", "pinpointApplicationId");
    }

    @Test
    void pinpointApplicationIdAndDestinationAreMutuallyExclusive() {
        assertRejected(b -> b.destination(EventDestination.pinpoint(APP_ID)),
                "pinpointApplicationId", "destination", "mutually exclusive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef", "not-an-app-id-not-an-app-id-0000"})
    void pinpointApplicationIdMustBe32LowercaseHexCharacters(String appId) {
        assertRejected(b -> b.pinpointApplicationId(appId), "pinpointApplicationId");
    }

    @Test
    void aTokenApplicationIdIsCheckedAtDeployTimeNotAtSynth() {
        String token = software.amazon.awscdk.Fn.importValue("PinpointAppId");

        assertThat(((PinpointDestination) minimalProps().pinpointApplicationId(token).build().getDestination())
                .getApplicationId()).isEqualTo(token);
    }

    @Test
    void allowedOriginsAreRequired() {
        assertRejected(b -> b.allowedOrigins(null), "allowedOrigins is required");
        assertRejected(b -> b.allowedOrigins(List.of()), "allowedOrigins is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/", "https://www.example.com/path", "www.example.com",
            "ftp://www.example.com", "https://WWW.EXAMPLE.COM", "https://*.example.com", "https://example.com:0",
            "https://example.com:70000", "https://example.com:443", "http://example.com:80", " https://example.com",
            "https://exa mple.com", "https://example.com?x=1", "null"})
    void originsMustBeSchemeHostAndOptionalPort(String origin) {
        assertRejected(b -> b.allowedOrigins(List.of(origin)), "allowedOrigins", origin);
    }

    @Test
    void validOriginsAreAccepted() {
        List<String> origins = List.of("https://www.example.com", "http://localhost:8080", "https://shop.example.co.uk",
                "https://xn--bcher-kva.example");

        assertThat(minimalProps().allowedOrigins(origins).build().getAllowedOrigins()).isEqualTo(origins);
    }

    @Test
    void theWildcardOriginMustStandAlone() {
        assertThat(minimalProps().allowedOrigins(List.of("*")).build().getAllowedOrigins()).containsExactly("*");
        assertRejected(b -> b.allowedOrigins(List.of("*", ORIGIN)), "allowedOrigins", "\"*\" must be the only entry");
    }

    @Test
    void duplicateOriginsAreRejected() {
        assertRejected(b -> b.allowedOrigins(List.of(ORIGIN, ORIGIN)), "allowedOrigins", "duplicate");
    }

    @Test
    void nullOriginEntriesAreRejected() {
        assertRejected(b -> b.allowedOrigins(Arrays.asList(ORIGIN, null)), "allowedOrigins", "null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a,b", " purchase", "purchase "})
    void eventTypesMustBeNonEmptyWithoutCommasOrSurroundingBlanks(String eventType) {
        assertRejected(b -> b.allowedEventTypes(List.of(eventType)), "allowedEventTypes");
    }

    @Test
    void eventTypesMayContainInnerSpaces() {
        assertThat(minimalProps().allowedEventTypes(List.of("add to cart", "purchase")).build().getAllowedEventTypes())
                .containsExactly("add to cart", "purchase");
    }

    @Test
    void theOutageToleranceDerivesTheMaxReceiveCount() {
        PinpointGtmConnectorProps props = minimalProps().outageTolerance(Duration.hours(1)).build();

        assertThat(props.getOutageTolerance().toSeconds().intValue()).isEqualTo(3_600);
        assertThat(props.getMaxReceiveCount()).isEqualTo(9); // 1905 s of doubling, then 1800 s
    }

    @Test
    void anOutageToleranceTheRetentionCannotHoldIsRefusedNamingTheProp() {
        assertRejected(b -> b.outageTolerance(Duration.days(8)), "outageTolerance must be at most",
                "14-day retention", "got 691200 s");
        assertRejected(b -> b.outageTolerance(Duration.seconds(0)), "outageTolerance must be at least 1 second");
        assertRejected(b -> b.outageTolerance(Duration.millis(1500)), "outageTolerance", "whole number of seconds");
        assertRejected(b -> b.outageTolerance(null).maxReceiveCount(5).outageTolerance(Duration.hours(2)),
                "maxReceiveCount and outageTolerance are mutually exclusive");
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedMaxReceiveCountStillSetsTheCountAndReportsTheOutageItRidesOut() {
        PinpointGtmConnectorProps props = minimalProps().maxReceiveCount(5).build();

        assertThat(props.getMaxReceiveCount()).isEqualTo(5);
        assertThat(props.getOutageTolerance().toSeconds().intValue()).isEqualTo(15 + 30 + 60 + 120);
        assertRejected(b -> b.maxReceiveCount(900), "maxReceiveCount must be at most", "14-day retention");
    }

    @Test
    @SuppressWarnings("deprecation")
    void integerRangesAreEnforcedAtBothEnds() {
        assertRejected(b -> b.maxReceiveCount(1), "maxReceiveCount", "between 2 and 1000", "got 1");
        assertRejected(b -> b.maxReceiveCount(1001), "maxReceiveCount", "got 1001");
        assertRejected(b -> b.batchSize(0), "batchSize", "between 1 and 10000");
        assertRejected(b -> b.batchSize(10_001), "batchSize", "got 10001");
        assertRejected(b -> b.maxConcurrency(1), "maxConcurrency", "between 2 and 1000");
        assertRejected(b -> b.maxConcurrency(1001), "maxConcurrency");
        assertRejected(b -> b.processorMemorySize(127), "processorMemorySize", "between 128 and 10240");
        assertRejected(b -> b.processorMemorySize(10_241), "processorMemorySize");
        assertRejected(b -> b.deliveryConcurrency(0), "deliveryConcurrency", "between 1 and 64");
        assertRejected(b -> b.deliveryConcurrency(65), "deliveryConcurrency");
        assertRejected(b -> b.throttlingRateLimit(0), "throttlingRateLimit");
        assertRejected(b -> b.throttlingBurstLimit(0), "throttlingBurstLimit");
    }

    @Test
    @SuppressWarnings("deprecation")
    void rangeLimitsThemselvesAreAccepted() {
        PinpointGtmConnectorProps props = minimalProps().maxReceiveCount(2).batchSize(10_000).maxConcurrency(1000)
                .processorMemorySize(10_240).deliveryConcurrency(64).maxBatchingWindow(Duration.seconds(300))
                .processorTimeout(Duration.minutes(15)).clientTimestampMaxSkew(Duration.seconds(0)).build();

        assertThat(props.getBatchSize()).isEqualTo(10_000);
        assertThat(props.getProcessorTimeout().toSeconds().intValue()).isEqualTo(900);
    }

    @Test
    void durationRangesAreEnforced() {
        assertRejected(b -> b.maxBatchingWindow(Duration.seconds(301)), "maxBatchingWindow", "between 0 and 300");
        assertRejected(b -> b.processorTimeout(Duration.seconds(0)), "processorTimeout", "between 1 and 900");
        assertRejected(b -> b.processorTimeout(Duration.minutes(16)), "processorTimeout");
        assertRejected(b -> b.clientTimestampMaxSkew(Duration.days(2)), "clientTimestampMaxSkew");
        assertRejected(b -> b.processorTimeout(Duration.millis(1500)), "processorTimeout", "whole number of seconds");
        assertRejected(b -> b.processorTimeout(null), "processorTimeout", "must not be null");
    }

    @Test
    void batchesOfMoreThanTenNeedABatchingWindow() {
        assertRejected(b -> b.batchSize(11).maxBatchingWindow(Duration.seconds(0)),
                "batchSize 11", "maxBatchingWindow", "at least 1 second");
        assertThat(minimalProps().batchSize(10).maxBatchingWindow(Duration.seconds(0)).build().getBatchSize())
                .isEqualTo(10);
    }

    @Test
    @SuppressWarnings("deprecation")
    void webAclArnMustBeARegionalWafV2WebAcl() {
        String valid = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel-acl/"
                + "a1b2c3d4-5678-90ab-cdef-123456789abc";
        assertThat(minimalProps().webAclArn(valid).build().getWebAclArn()).isEqualTo(valid);

        assertRejected(b -> b.webAclArn(valid.replace("regional", "global")), "webAclArn");
        assertRejected(b -> b.webAclArn("arn:aws:waf-regional:eu-west-1:123456789012:webacl/abc"), "webAclArn");
        assertRejected(b -> b.webAclArn("my-acl"), "webAclArn");
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedWebAclArnIsTheExistingWebAclAndExcludesEdgeProtection() {
        String arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/pixel-acl/"
                + "a1b2c3d4-5678-90ab-cdef-123456789abc";
        PinpointGtmConnectorProps props = minimalProps().webAclArn(arn).build();
        assertThat(props.getEdgeProtection().getExistingWebAclArn()).isEqualTo(arn);
        assertThat(props.getEdgeProtection().getOptions()).isNull();

        assertRejected(b -> b.webAclArn(arn).edgeProtection(EdgeProtection.none()),
                "webAclArn and edgeProtection are mutually exclusive");
        assertThat(minimalProps().edgeProtection(EdgeProtection.existingWebAcl(arn)).build().getWebAclArn())
                .isEqualTo(arn);
        assertThat(minimalProps().edgeProtection(EdgeProtection.none()).build().getEdgeProtection())
                .isSameAs(EdgeProtection.none());
    }

    @Test
    void metricsNamespaceIsValidated() {
        assertRejected(b -> b.metricsNamespace("AWS/Lambda"), "metricsNamespace");
        assertRejected(b -> b.metricsNamespace(""), "metricsNamespace");
        assertRejected(b -> b.metricsNamespace("has space"), "metricsNamespace");
        assertThat(minimalProps().metricsNamespace("Shop/Pixel").build().getMetricsNamespace()).isEqualTo("Shop/Pixel");
    }

    @Test
    void requiredObjectsMustNotBeNull() {
        assertRejected(b -> b.authorization(null), "authorization");
        assertRejected(b -> b.logRetention(null), "logRetention");
        assertRejected(b -> b.botHits(null), "botHits");
        assertRejected(b -> b.allowedEventTypes(null), "allowedEventTypes");
    }
}
