package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnElement;
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

    private static String logicalId(TestStacks.Synthesized synthesized, software.constructs.IConstruct construct) {
        return synthesized.stack().getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }

    /** @return every statement of the processor role's policy */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> processorStatements(TestStacks.Synthesized synthesized) {
        String role = logicalId(synthesized, synthesized.connector().getProcessor().getRole());
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
                        "Resource", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        assertThat(statements.toString()).doesNotContain("DescribeSecret")
                .doesNotContain("secretsmanager:*");
        synthesized.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of("IDENTITY_ANONYMOUS_PREFIX", Match.absent())))));
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
    @ValueSource(strings = {"", " ", "anon ", "anon/", "anon&", "ä-", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void anAnonymousPrefixOutsideTheSafeCharactersIsRefused(String prefix) {
        ISecret secret = Secret.fromSecretCompleteArn(TestStacks.newStack(), "Key",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf");

        assertThatThrownBy(() -> IdentityVerification.hmacSha256(secret, prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anonymousPrefix must be 1 to 64 of the characters");
    }
}
