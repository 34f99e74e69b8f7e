package io.github.pinpointgtm.runtime;

import static io.github.pinpointgtm.testkit.TestEnvelopes.batch;
import static io.github.pinpointgtm.testkit.TestEnvelopes.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.github.pinpointgtm.runtime.identity.CachedSigningKeys;
import io.github.pinpointgtm.runtime.identity.FixedKeySource;
import io.github.pinpointgtm.testkit.AwsApiStandIn.RequestFault;
import io.github.pinpointgtm.testkit.BatchAccounting;
import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.LocalLambdaContext;
import io.github.pinpointgtm.testkit.PinpointStandIn.RecordedEvent;
import io.github.pinpointgtm.testkit.PinpointStandIn;
import io.github.pinpointgtm.testkit.SecretsManagerStandIn;
import io.github.pinpointgtm.testkit.SettableClock;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Verified identity through the whole processor: the handler built from {@code IDENTITY_SECRET_ARN} and
 * {@code IDENTITY_ANONYMOUS_PREFIX} as Lambda builds it, its real Secrets Manager client (SigV4, JSON 1.1) reading
 * the key from the Secrets Manager stand-in, the Pinpoint stand-in and ElasticMQ. Golden cases: signed, unsigned,
 * wrong, previous key, anonymous prefix with and without a signature, an authorizer's identity, a rotation after the
 * keys were cached (a hit newer than the keys retried while they cannot be re-read), short keys warned about, and a
 * secret that cannot be read.
 */
class IdentityVerificationEndToEndTest extends EndToEndFixture<PinpointStandIn> {

    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf";
    private static final String CURRENT_KEY = "current-key-3f9a7c1e5b";
    private static final String PREVIOUS_KEY = "previous-key-8d2e4f6a0c";

    private SecretsManagerStandIn secrets;
    private LocalAws secretsEndpoint;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-05T10:00:00Z"));

    IdentityVerificationEndToEndTest() {
        super(LocalAws.Service.PINPOINT, () -> PinpointStandIn.start(LocalAws.APPLICATION_ID));
    }

    @BeforeEach
    void startSecretsManager() {
        secrets = SecretsManagerStandIn.start(SECRET_ARN);
        secrets.put("AWSCURRENT", CURRENT_KEY);
        secrets.put("AWSPREVIOUS", PREVIOUS_KEY);
        secretsEndpoint = new LocalAws(Map.of(LocalAws.Service.SECRETS_MANAGER, secrets.endpoint()));
    }

    @AfterEach
    void stopSecretsManager() {
        secretsEndpoint.close();
        secrets.close();
    }

    private SqsEventHandler processor() {
        Map<String, String> environment = new LinkedHashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("IDENTITY_SECRET_ARN", SECRET_ARN);
        environment.put("IDENTITY_ANONYMOUS_PREFIX", "anon-");
        return new SqsEventHandler(environment, output, clock);
    }

    /** The signature a site's backend computes, independently of the processor's code. */
    static String signature(String key, String endpointId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(endpointId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SQSMessage hit(String messageId, String endpointId, String signature) {
        return hit(messageId, endpointId, signature, TestEnvelopes.REQUEST_TIME);
    }

    private static SQSMessage hit(String messageId, String endpointId, String signature, Instant requestTime) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("event", "purchase");
        query.put("endpoint_id", endpointId);
        if (signature != null) {
            query.put("endpoint_sig", signature);
        }
        query.put("evat_plan", "pro");
        return message(messageId, TestEnvelopes.hitAt("req-" + messageId, query, requestTime));
    }

    private static SQSMessage authenticatedHit(String messageId, String identity, String clientEndpointId) {
        String body = TestEnvelopes.hit("req-" + messageId, Map.of("event", "login", "endpoint_id", clientEndpointId))
                .replace("\"identity\":\"\",\"identitySource\":\"\"",
                        "\"identity\":\"" + identity + "\",\"identitySource\":\"cognito%3Asub\"");
        return message(messageId, body);
    }

    private SQSBatchResponse handle(SqsEventHandler processor, List<SQSMessage> messages) {
        return processor.handleRequest(batch(messages), LocalLambdaContext.withMillisLeft(10_000));
    }

    @Test
    void theGoldenCasesEndWhereVerifiedIdentityPutsThem() {
        String currentSignature = signature(CURRENT_KEY, "customer-1");
        List<SQSMessage> messages = List.of(
                hit("signed", "customer-1", currentSignature),
                hit("unsigned", "customer-2", null),
                hit("wrong", "customer-3", signature(CURRENT_KEY, "customer-4")),
                hit("previous-key", "customer-5", signature(PREVIOUS_KEY, "customer-5")),
                hit("anonymous", "anon-6", null),
                hit("anonymous-signed", "anon-7", "any-signature-is-ignored"),
                authenticatedHit("authorizer", "user-8", "customer-9"));

        BatchAccounting accounting = accounting(messages, handle(processor(), messages));

        assertThat(accounting.rejected()).isEqualTo(Map.of(
                "unsigned", "identity-unverified",
                "wrong", "identity-unverified"));
        assertThat(accounting.deadLettered()).as("refusals never reach the dead-letter queue").isEmpty();
        assertThat(accounting.retried()).isEmpty();
        assertThat(accounting.delivered()).containsExactlyInAnyOrder(
                "signed", "previous-key", "anonymous", "anonymous-signed", "authorizer");
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::endpointId)
                .containsExactlyInAnyOrder("customer-1", "customer-5", "anon-6", "anon-7", "user-8");
        // The signature is checked, never forwarded as an attribute and never logged.
        assertThat(destination.acceptedEvents()).allSatisfy(event ->
                assertThat(event.attributes()).doesNotContainKey("sig").doesNotContainKey("endpoint_sig")
                        .doesNotContainValue(currentSignature));
        assertThat(output.toString()).doesNotContain(currentSignature).doesNotContain(CURRENT_KEY)
                .doesNotContain(PREVIOUS_KEY);
        assertThat(secrets.calls("AWSCURRENT")).isEqualTo(1);
        assertThat(secrets.calls("AWSPREVIOUS")).isEqualTo(1);
        assertThat(secrets.protocolViolations()).isEmpty();
        assertThat(destination.protocolViolations()).isEmpty();
    }

    @Test
    void theKeyIsReadOnceAndNotBeforeTheFirstHitThatNeedsIt() {
        SqsEventHandler processor = processor();
        assertThat(secrets.requestCount()).as("building the processor (and priming it) reads no key").isZero();

        for (int i = 0; i < 3; i++) {
            List<SQSMessage> messages = List.of(hit("signed-" + i, "customer-" + i,
                    signature(CURRENT_KEY, "customer-" + i)));
            assertThat(accounting(messages, handle(processor, messages)).delivered()).hasSize(1);
        }

        assertThat(secrets.calls("AWSCURRENT")).isEqualTo(1);
    }

    @Test
    void snapStartPrimingNeedsNoKeySoNoKeyIsFrozenIntoTheSnapshot() {
        SqsEventHandler processor = processor();

        processor.priming().beforeCheckpoint(null);

        assertThat(secrets.requestCount()).isZero();
        assertThat(destination.requestCount()).as("priming answers offline").isZero();
        assertThat(output.toString()).doesNotContain("SnapStart priming");
    }

    @Test
    void aHitSignedWithAKeyRotatedInSinceTheKeysWereCachedIsAcceptedAfterOneReRead() {
        SqsEventHandler processor = processor();
        List<SQSMessage> first = List.of(hit("before-rotation", "customer-1", signature(CURRENT_KEY, "customer-1")));
        assertThat(accounting(first, handle(processor, first)).delivered()).hasSize(1);

        secrets.rotate("rotated-key-1b2c3d4e5f");
        clock.advance(Duration.ofMinutes(1));
        Instant afterRotation = clock.instant().minusSeconds(1);
        List<SQSMessage> after = List.of(
                hit("new-key", "customer-2", signature("rotated-key-1b2c3d4e5f", "customer-2"), afterRotation),
                hit("old-key", "customer-3", signature(CURRENT_KEY, "customer-3"), afterRotation),
                hit("forged", "customer-4", signature("forger", "customer-4"), afterRotation));
        BatchAccounting accounting = accounting(after, handle(processor, after));

        assertThat(accounting.delivered()).containsExactlyInAnyOrder("new-key", "old-key");
        assertThat(accounting.rejected()).isEqualTo(Map.of("forged", "identity-unverified"));
        assertThat(secrets.calls("AWSCURRENT")).as("one read at the first hit, one re-read after the rotation")
                .isEqualTo(2);
    }

    @Test
    void rightAfterARotationAHitSignedWithTheNewKeyIsRetriedUntilTheKeysCanBeReReadNeverRefused() {
        SqsEventHandler processor = processor();
        Instant keysRead = clock.instant();
        List<SQSMessage> first = List.of(hit("before-rotation", "customer-1", signature(CURRENT_KEY, "customer-1"),
                keysRead.minusSeconds(1)));
        assertThat(accounting(first, handle(processor, first)).delivered()).hasSize(1);

        // The secret rotates ten seconds after this instance read it; the site signs with the new key at once.
        secrets.rotate("rotated-key-1b2c3d4e5f");
        clock.advance(Duration.ofSeconds(20));
        SQSMessage newKey = hit("new-key", "customer-2", signature("rotated-key-1b2c3d4e5f", "customer-2"),
                keysRead.plusSeconds(15));
        List<SQSMessage> after = List.of(newKey,
                hit("forged-before-read", "customer-3", signature("forger", "customer-3"), keysRead.minusSeconds(5)),
                hit("not-a-signature", "customer-4", "c2hvcnQ", keysRead.plusSeconds(15)));
        BatchAccounting accounting = accounting(after, handle(processor, after));

        assertThat(accounting.retried()).containsExactly("new-key");
        assertThat(accounting.rejected()).isEqualTo(Map.of(
                "forged-before-read", "identity-unverified",
                "not-a-signature", "identity-unverified"));
        assertThat(logLines()).filteredOn(line -> "new-key".equals(line.get("messageId"))).singleElement()
                .satisfies(line -> assertThat(line.get("reason")).isEqualTo("identity-keys-stale"));
        assertThat(secrets.calls("AWSCURRENT")).as("the keys were read 20 s ago: no re-read yet").isEqualTo(1);

        // SQS hands the message back after the visibility timeout (at least a minute by default).
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        List<SQSMessage> redelivered = List.of(newKey);
        assertThat(accounting(redelivered, handle(processor, redelivered)).delivered()).containsExactly("new-key");
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::endpointId)
                .containsExactly("customer-1", "customer-2");
        assertThat(secrets.calls("AWSCURRENT")).isEqualTo(2);
    }

    @Test
    void keysShorterThan32BytesAreWarnedAboutOncePerInstanceNeverQuoted() {
        SqsEventHandler processor = processor();
        processor.priming().beforeCheckpoint(null);
        assertThat(output.toString()).as("priming's throwaway key is not the deployment's")
                .doesNotContain("identity key weak");

        List<SQSMessage> first = List.of(hit("signed", "customer-1", signature(CURRENT_KEY, "customer-1")));
        assertThat(accounting(first, handle(processor, first)).delivered()).hasSize(1);
        secrets.rotate("short-rotated-key");
        clock.advance(CachedSigningKeys.REREAD_INTERVAL);
        List<SQSMessage> second = List.of(hit("rotated", "customer-2", signature("short-rotated-key", "customer-2"),
                clock.instant()));
        assertThat(accounting(second, handle(processor, second)).delivered()).hasSize(1);

        assertThat(secrets.calls("AWSCURRENT")).as("the second hit re-read the keys").isEqualTo(2);
        assertThat(logLines()).filteredOn(line -> "identity key weak".equals(line.get("message"))).singleElement()
                .satisfies(line -> {
                    assertThat(line.get("level")).isEqualTo("WARN");
                    assertThat((String) line.get("detail")).startsWith("the current key and the previous key");
                });
        assertThat(output.toString()).doesNotContain(CURRENT_KEY).doesNotContain(PREVIOUS_KEY);
    }

    @Test
    void keysOf32BytesOrMoreAreNotWarnedAbout() {
        secrets.put("AWSCURRENT", "k".repeat(32));
        secrets.put("AWSPREVIOUS", "p".repeat(64));
        List<SQSMessage> messages = List.of(hit("signed", "customer-1", signature("k".repeat(32), "customer-1")));

        assertThat(accounting(messages, handle(processor(), messages)).delivered()).containsExactly("signed");
        assertThat(output.toString()).doesNotContain("identity key weak");
    }

    @Test
    void aSecretThatCannotBeReadRetriesTheHitsThatNeedItAndLogsOneError() {
        secrets.failWith(RequestFault.status(400, "AccessDeniedException"));
        List<SQSMessage> messages = List.of(
                hit("signed-1", "customer-1", signature(CURRENT_KEY, "customer-1")),
                hit("signed-2", "customer-2", signature(CURRENT_KEY, "customer-2")),
                hit("unsigned", "customer-3", null),
                hit("anonymous", "anon-4", null));

        BatchAccounting accounting = accounting(messages, handle(processor(), messages));

        assertThat(accounting.retried()).containsExactlyInAnyOrder("signed-1", "signed-2");
        assertThat(accounting.rejected()).isEqualTo(Map.of("unsigned", "identity-unverified"));
        assertThat(accounting.delivered()).containsExactly("anonymous");
        assertThat(destination.acceptedEvents()).extracting(RecordedEvent::endpointId).containsExactly("anon-4");
        List<Map<String, Object>> errors = logLines().stream()
                .filter(line -> "identity keys unavailable".equals(line.get("message"))).toList();
        assertThat(errors).singleElement().satisfies(line -> {
            assertThat(line.get("level")).isEqualTo("ERROR");
            assertThat((String) line.get("detail")).contains(SECRET_ARN).contains("AccessDeniedException");
        });
        assertThat(output.toString()).contains("\"IdentityKeysUnavailable\":2");
        assertThat(secrets.calls("AWSCURRENT")).as("one failed read, remembered for the batch").isEqualTo(1);
    }

    @Test
    void withoutAPreviousVersionTheCurrentKeyAloneIsUsed() {
        secrets.put("AWSPREVIOUS", null);
        List<SQSMessage> messages = List.of(
                hit("current", "customer-1", signature(CURRENT_KEY, "customer-1")),
                hit("previous", "customer-2", signature(PREVIOUS_KEY, "customer-2")));

        BatchAccounting accounting = accounting(messages, handle(processor(), messages));

        assertThat(accounting.delivered()).containsExactly("current");
        assertThat(accounting.rejected()).isEqualTo(Map.of("previous", "identity-unverified"));
        assertThat(secrets.protocolViolations()).isEmpty();
    }

    @Test
    void withAKeyGivenUpFrontTheGuidesJavaSnippetsSignaturesAreAcceptedWithoutSecretsManager() {
        Map<String, String> environment = new LinkedHashMap<>(LocalAws.pinpointEnvironment(queues));
        environment.put("IDENTITY_ANONYMOUS_PREFIX", "anon-");
        SqsEventHandler processor = SqsEventHandler.withEnvironment(environment, output,
                new FixedKeySource("example-signing-key"));
        List<SQSMessage> messages = List.of(
                hit("snippet-signed", "customer-4711", JavaSigningSnippet.sign("example-signing-key", "customer-4711")),
                hit("forged", "customer-4712", JavaSigningSnippet.sign("not-the-key", "customer-4712")),
                hit("anonymous", "anon-1", null));

        BatchAccounting accounting = accounting(messages, handle(processor, messages));

        assertThat(accounting.delivered()).containsExactlyInAnyOrder("snippet-signed", "anonymous");
        assertThat(accounting.rejected()).isEqualTo(Map.of("forged", "identity-unverified"));
        assertThat(secrets.requestCount()).isZero();
    }
}
