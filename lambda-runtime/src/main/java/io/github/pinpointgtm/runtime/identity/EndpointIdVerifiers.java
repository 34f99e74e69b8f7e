package io.github.pinpointgtm.runtime.identity;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import java.time.Clock;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the processor's {@link EndpointIdVerifier} from its configuration. */
public final class EndpointIdVerifiers {

    private EndpointIdVerifiers() {
    }

    /**
     * @param config the processor's configuration ({@code IDENTITY_SECRET_ARN}, {@code IDENTITY_ANONYMOUS_PREFIX})
     * @param clients how SDK clients are built (the Secrets Manager client; no call is made here)
     * @param clock   the clock of the keys' re-read interval
     * @return off without {@code IDENTITY_SECRET_ARN}, else a verifier over that secret's keys
     */
    public static EndpointIdVerifier forConfig(ProcessorConfig config, ClientSettings clients, Clock clock) {
        return config.identitySecretArn()
                .map(arn -> withKeys(new SecretsManagerKeySource(
                        clients.configure(SecretsManagerClient.builder()), arn), config, clock))
                .orElse(EndpointIdVerifier.OFF);
    }

    /**
     * @param keys   where the keys come from (e.g. a {@link FixedKeySource} outside Lambda)
     * @param config the processor's configuration ({@code IDENTITY_ANONYMOUS_PREFIX})
     * @param clock  the clock of the keys' re-read interval
     * @return a verifier over those keys
     */
    public static EndpointIdVerifier withKeys(SigningKeySource keys, ProcessorConfig config, Clock clock) {
        return EndpointIdVerifier.requiringSignatures(new CachedSigningKeys(keys, clock),
                config.identityAnonymousPrefix().orElse(null));
    }
}
