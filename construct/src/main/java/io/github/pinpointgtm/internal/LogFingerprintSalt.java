package io.github.pinpointgtm.internal;

import java.util.List;

import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The processor's {@code LOG_FINGERPRINT_SALT}: the key of the HMAC-SHA256 fingerprints that stand for endpoint ids
 * in its logs.
 *
 * <p>It is the stack's id ({@code AWS::StackId}, which holds a UUID CloudFormation draws when it creates the stack)
 * joined with the construct's unique id, so it differs between deployments and between connectors of one stack, is
 * never a literal of the synthesized template, and keeps synthesis deterministic.
 *
 * <p>What it stops: someone who can read the logs but not the function's configuration or the stack cannot test
 * candidate endpoint ids (customer numbers, e-mail addresses) against a fingerprint. What it does not stop: anyone
 * who can read the function's configuration or describe the stack knows the salt; fingerprints correlate the lines
 * of one endpoint by design.
 */
public final class LogFingerprintSalt {

    private LogFingerprintSalt() {
    }

    /**
     * @param connector the connector whose processor gets the salt
     * @return the salt, a token resolved by CloudFormation at deployment
     */
    public static String of(Construct connector) {
        return Fn.join("/", List.of(Stack.of(connector).getStackId(), Names.uniqueId(connector)));
    }
}
