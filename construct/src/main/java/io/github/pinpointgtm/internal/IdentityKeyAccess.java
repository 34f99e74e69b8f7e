package io.github.pinpointgtm.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** The processor's read access to the identity key's secret. */
public final class IdentityKeyAccess {

    private IdentityKeyAccess() {
    }

    /**
     * Lets {@code role} read {@code secret}'s value, and nothing else of it.
     *
     * <p>Not {@code secret.grantRead(role)}: that also grants {@code secretsmanager:DescribeSecret}, which the
     * processor never calls (it reads the versions by staging label with {@code GetSecretValue} alone).
     *
     * @param role   the processor's role
     * @param secret the identity key's secret
     */
    public static void grantRead(IRole role, ISecret secret) {
        PrincipalPolicy.allow(role, List.of("secretsmanager:GetSecretValue"), policyArn(secret));
        IKey key = secret.getEncryptionKey();
        if (key != null) {
            // Secrets Manager decrypts a customer-managed key's secret with the caller's permission. Only through
            // Secrets Manager (kms:ViaService, as secret.grantRead does): the processor cannot decrypt other data
            // under that key by calling KMS itself.
            PrincipalPolicy.allow(role, List.of("kms:Decrypt"), key.getKeyArn(),
                    Map.of("StringEquals", Map.of("kms:ViaService", secretsManagerEndpoint(secret))));
        }
    }

    /**
     * @param secret the identity key's secret
     * @return the Secrets Manager endpoint of the secret's stack, {@code secretsmanager.<region>.<URL suffix>} (the
     *         partition's suffix, e.g. {@code amazonaws.com.cn} in China), which {@code kms:ViaService} names
     */
    static String secretsManagerEndpoint(ISecret secret) {
        Stack stack = Stack.of(secret);
        return "secretsmanager." + stack.getRegion() + "." + stack.getUrlSuffix();
    }

    /**
     * @param secret the identity key's secret
     * @return its complete ARN; for a secret imported by name, its partial ARN followed by the six random
     *         characters Secrets Manager appends ({@code -??????}), as aws-cdk's own grants do
     */
    static String policyArn(ISecret secret) {
        String fullArn = secret.getSecretFullArn();
        return fullArn != null ? fullArn : secret.getSecretArn() + "-??????";
    }
}
