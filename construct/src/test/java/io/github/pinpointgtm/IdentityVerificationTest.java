package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * Verified identity in the construct: the factories' validation, the processor's environment, and its least-privilege
 * read access to the key's secret.
 */
class IdentityVerificationTest {

    /** {@code secretsmanager.<region>.<URL suffix>} of an environment-agnostic stack. */
    private static final Map<String, Object> SECRETS_MANAGER_OF_THE_STACK = Map.of("Fn::Join", List.of("", List.of(
            "secretsmanager.", Map.of("Ref", "AWS::Region"), ".", Map.of("Ref", "AWS::URLSuffix"))));

    /** @return every statement of the processor role's policy */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> processorStatements(TestStacks.Synthesized synthesized) {
        String role = synthesized.logicalId(synthesized.connector().getProcessor().getRole());
        Capture statements = new Capture();
        synthesized.template().hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", role)),
                "PolicyDocument", Map.of("Statement", statements)));
        return (List<Map<String, Object>>) (List<?>) statements.asArray();
    }

    @Test
    void isOffByDefaultAndThenTheProcessorHasNoSecretAccessNorIdentityVariables() {
        TestStacks.Synthesized synthesized = TestStacks.synth(minimalProps().build());

        assertThat(minimalProps().build().getIdentityVerification()).isNull();
        assertThat(processorStatements(synthesized).toString()).doesNotContain("secretsmanager");
        synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(
                        "IDENTITY_SECRET_ARN", Match.absent(),
                        "IDENTITY_ANONYMOUS_PREFIX", Match.absent())))));
    }

    @Test
    void theProcessorGetsTheSecretsArnAndTheAnonymousPrefix() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(new Secret(stack, "IdentityKey"), "anon-"))
                .build());
        String secret = synthesized.template().findResources("AWS::SecretsManager::Secret").keySet().iterator().next();

        synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of(
                        "IDENTITY_SECRET_ARN", Map.of("Ref", secret),
                        "IDENTITY_ANONYMOUS_PREFIX", "anon-")))));
    }

    @Test
    void theProcessorMayReadTheSecretsValueOnlyAndDecryptWithItsKeyOnly() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(Secret.Builder.create(stack, "IdentityKey")
                        .encryptionKey(Key.Builder.create(stack, "SecretKey").enableKeyRotation(true).build())
                        .build()))
                .build());
        String secret = synthesized.template().findResources("AWS::SecretsManager::Secret").keySet().iterator().next();
        String key = synthesized.template().findResources("AWS::KMS::Key").keySet().iterator().next();

        List<Map<String, Object>> statements = processorStatements(synthesized);

        assertThat(statements).contains(
                Map.of("Effect", "Allow", "Action", "secretsmanager:GetSecretValue", "Resource", Map.of("Ref", secret)),
                Map.of("Effect", "Allow", "Action", "kms:Decrypt",
                        "Resource", Map.of("Fn::GetAtt", List.of(key, "Arn")),
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", SECRETS_MANAGER_OF_THE_STACK))));
        assertThat(statements).filteredOn(statement -> statement.toString().contains("kms:Decrypt"))
                .as("decrypting only through Secrets Manager: no kms:Decrypt on the key without the condition")
                .allSatisfy(statement -> assertThat(statement).containsKey("Condition"));
        assertThat(statements.toString()).doesNotContain("DescribeSecret")
                .doesNotContain("secretsmanager:*");
        synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of("IDENTITY_ANONYMOUS_PREFIX", Match.absent())))));
    }

    @Test
    void theDecryptConditionNamesSecretsManagerInTheStacksRegionAndPartition() {
        App app = new App();
        Stack stack = new Stack(app, "ChinaStack", software.amazon.awscdk.StackProps.builder()
                .env(software.amazon.awscdk.Environment.builder().account("123456789012").region("cn-north-1").build())
                .build());
        Key key = Key.Builder.create(stack, "SecretKey").enableKeyRotation(true).build();
        Secret secret = Secret.Builder.create(stack, "IdentityKey").encryptionKey(key).build();
        software.amazon.awscdk.services.iam.Role role = software.amazon.awscdk.services.iam.Role.Builder
                .create(stack, "Processor")
                .assumedBy(new software.amazon.awscdk.services.iam.ServicePrincipal("lambda.amazonaws.com")).build();

        io.github.pinpointgtm.internal.IdentityKeyAccess.grantRead(role, secret);

        Capture endpoint = new Capture();
        software.amazon.awscdk.assertions.Template.fromStack(stack).hasResourceProperties("AWS::IAM::Policy",
                Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "kms:Decrypt",
                        "Condition", Map.of("StringEquals", Map.of("kms:ViaService", endpoint)))))))));
        assertThat(endpoint.asObject()).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "secretsmanager.cn-north-1.", Map.of("Ref", "AWS::URLSuffix")))));
    }

    @Test
    void aSecretWithoutACustomerManagedKeyNeedsNoKmsGrant() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(new Secret(stack, "IdentityKey")))
                .build());

        assertThat(processorStatements(synthesized).stream()
                .filter(statement -> statement.get("Action").toString().contains("kms:Decrypt")
                        && statement.get("Resource").toString().contains("SecretKey"))).isEmpty();
        assertThat(processorStatements(synthesized).toString()).contains("secretsmanager:GetSecretValue");
    }

    @Test
    void aSecretImportedByNameIsGrantedWithSecretsManagersSixCharacterSuffixOnly() {
        TestStacks.Synthesized synthesized = TestStacks.synth(stack -> minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(
                        Secret.fromSecretNameV2(stack, "IdentityKey", "gtm/identity-key")))
                .build());

        assertThat(processorStatements(synthesized).toString())
                .contains("secretsmanager:GetSecretValue")
                .contains(":secret:gtm/identity-key-??????");
    }

    /** cdk-nag's AWS Solutions checks find nothing in the connector's read access to the key's secret. */
    @Test
    void theSecretsGrantPassesCdkNagWithoutASuppression() {
        App app = new App();
        Stack stack = new Stack(app, "IdentityNagStack");
        Key key = Key.Builder.create(stack, "SecretKey").enableKeyRotation(true).build();
        new PinpointGtmConnector(stack, "Connector", minimalProps()
                .identityVerification(IdentityVerification.hmacSha256(
                        Secret.Builder.create(stack, "IdentityKey").encryptionKey(key).build(), "anon-"))
                .build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();

        List<String> findings = new java.util.ArrayList<>();
        Annotations annotations = Annotations.fromStack(stack);
        annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).forEach(m -> findings.add(
                m.getId() + ": " + m.getEntry().getData()));
        annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).forEach(m -> findings.add(
                m.getId() + ": " + m.getEntry().getData()));

        assertThat(findings).filteredOn(finding -> finding.contains("/Connector/ProcessorRole")).isEmpty();
    }

    @Test
    void theFactoriesRefuseAMissingSecretOrAMalformedPrefixNamingTheProp() {
        ISecret secret = Secret.fromSecretCompleteArn(TestStacks.newStack(), "Key",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf");

        assertThatThrownBy(() -> IdentityVerification.hmacSha256(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("identityVerification: secret");
        assertThatThrownBy(() -> IdentityVerification.hmacSha256(null, "anon-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("identityVerification: secret");
        assertThatThrownBy(() -> IdentityVerification.hmacSha256(secret, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identityVerification: anonymousPrefix");
        assertThat(IdentityVerification.hmacSha256(secret).getAnonymousPrefix()).isNull();
        assertThat(IdentityVerification.hmacSha256(secret, "visitor:").getAnonymousPrefix()).isEqualTo("visitor:");
        assertThat(IdentityVerification.hmacSha256(secret).getSecret()).isSameAs(secret);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "c", "an", "anon ", "anon/", "anon&", "ä-",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void anAnonymousPrefixTooShortTooLongOrOutsideTheSafeCharactersIsRefused(String prefix) {
        ISecret secret = Secret.fromSecretCompleteArn(TestStacks.newStack(), "Key",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf");

        assertThatThrownBy(() -> IdentityVerification.hmacSha256(secret, prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("identityVerification: anonymousPrefix must be 3 to 64 of the characters");
    }

    /**
     * Prefixes around every bound (2, 3, 64 and 65 characters, each allowed character, the characters next to them),
     * plus seeded random ones.
     */
    static Stream<String> candidatePrefixes() {
        String allowed = "ABCXYZabcxyz0189._:-";
        String neighbours = "@[`{/;,+ äÄ\t";
        Random random = new Random(20261205L);
        Stream<String> edges = Stream.of("", "a", "ab", "abc", "anon-", "x".repeat(64), "x".repeat(65), "a-b",
                "a b", "a/b", "visitor:", "0.1", "__-");
        Stream<String> generated = IntStream.range(0, 200).mapToObj(i -> {
            int length = random.nextInt(68);
            StringBuilder prefix = new StringBuilder();
            for (int c = 0; c < length; c++) {
                String pool = random.nextInt(20) == 0 ? neighbours : allowed;
                prefix.append(pool.charAt(random.nextInt(pool.length())));
            }
            return prefix.toString();
        });
        return Stream.concat(edges, generated);
    }

    @ParameterizedTest
    @MethodSource("candidatePrefixes")
    void theConstructAndTheProcessorAcceptExactlyTheSameAnonymousPrefixes(String prefix) {
        ISecret secret = Secret.fromSecretCompleteArn(TestStacks.newStack(), "Key",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf");
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef",
                "REJECTED_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/rejected",
                "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/dlq",
                "ALLOWED_ORIGINS", TestStacks.ORIGIN,
                "IDENTITY_ANONYMOUS_PREFIX", prefix));

        boolean construct;
        try {
            construct = IdentityVerification.hmacSha256(secret, prefix).getAnonymousPrefix().equals(prefix);
        } catch (IllegalArgumentException e) {
            construct = false;
        }
        boolean processor;
        try {
            // Accepted as is: the processor trims values and reads blank ones as unset.
            processor = ProcessorConfig.fromEnvironment(environment).identityAnonymousPrefix()
                    .filter(prefix::equals).isPresent();
        } catch (IllegalArgumentException e) {
            processor = false;
        }

        assertThat(processor).as("the processor on '%s'", prefix).isEqualTo(construct);
    }
}
