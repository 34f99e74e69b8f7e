package io.github.pinpointgtm.runtime.identity;

import io.github.pinpointgtm.runtime.aws.ClientSettings;
import io.github.pinpointgtm.runtime.config.ProcessorConfig;
import java.time.Clock;
import java.util.function.Consumer;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Builds the processor's {@link EndpointIdVerifier} from its configuration. */
public final class EndpointIdVerifiers {

    private EndpointIdVerifiers() {
    }

    /**
     * @param config  the processor's configuration ({@code IDENTITY_SECRET_ARN}, {@code IDENTITY_ANONYMOUS_PREFIX})
     * @param clients how SDK clients are built (the Secrets Manager client; no call is made here)
     * @param clock   the clock of the keys' re-read interval
     * @param weakKey receives, at most once, a warning that a key read is too short ({@link WeakKeyWarning})
     * @return off without {@code IDENTITY_SECRET_ARN}, else a verifier over that secret's keys
     */
    public static EndpointIdVerifier forConfig(ProcessorConfig config, ClientSettings clients, Clock clock,
                                               Consumer<String> weakKey) {
        return config.identitySecretArn()
                .map(arn -> withKeys(new SecretsManagerKeySource(
                        clients.configure(SecretsManagerClient.builder()), arn), config, clock, weakKey))
                .orElse(EndpointIdVerifier.OFF);
    }

    /**
     * @param keys   where the keys come from (e.g. a {@link FixedKeySource} outside Lambda)
     * @param config the processor's configuration ({@code IDENTITY_ANONYMOUS_PREFIX})
     * @param clock  the clock of the keys' re-read interval
     * @return a verifier over those keys that does not warn about short keys (e.g. a test's or a local pipeline's key)
     */
    public static EndpointIdVerifier withKeys(SigningKeySource keys, ProcessorConfig config, Clock clock) {
        return withKeys(keys, config, clock, weakKey -> { });
    }

    /**
     * @param keys    where the keys come from (e.g. a {@link FixedKeySource} outside Lambda)
     * @param config  the processor's configuration ({@code IDENTITY_ANONYMOUS_PREFIX})
     * @param clock   the clock of the keys' re-read interval
     * @param weakKey receives, at most once, a warning that a key read is too short ({@link WeakKeyWarning})
     * @return a verifier over those keys
     */
    public static EndpointIdVerifier withKeys(SigningKeySource keys, ProcessorConfig config, Clock clock,
                                              Consumer<String> weakKey) {
        return EndpointIdVerifier.requiringSignatures(new CachedSigningKeys(keys, clock, new WeakKeyWarning(weakKey)),
                config.identityAnonymousPrefix().orElse(null));
    }
}
