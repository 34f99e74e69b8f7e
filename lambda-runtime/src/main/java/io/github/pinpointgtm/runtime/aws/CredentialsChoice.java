package io.github.pinpointgtm.runtime.aws;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * The credentials provider of the processor's clients, chosen once from the environment Lambda sets instead of
 * walking the SDK's default chain (system properties, environment, web identity, profile files, container, instance
 * metadata) at every cold start:
 * <ol>
 *   <li>{@value #CONTAINER_FULL_URI} or {@value #CONTAINER_RELATIVE_URI} set, as for SnapStart functions, whose
 *       credentials Lambda serves from a local endpoint so that every restored snapshot gets fresh ones:
 *       {@code ContainerCredentialsProvider}, which fetches them at the first call after restore and refreshes them
 *       before they expire;</li>
 *   <li>else {@value #ACCESS_KEY_ID} and {@value #SECRET_ACCESS_KEY} set (with {@value #SESSION_TOKEN}), as for
 *       functions without SnapStart: those credentials, which last as long as the execution environment;</li>
 *   <li>else, outside Lambda (the local pipeline, tests): the {@code aws.accessKeyId}, {@code aws.secretAccessKey}
 *       (and {@code aws.sessionToken}) system properties.</li>
 * </ol>
 */
public final class CredentialsChoice {

    /** Environment variable: the endpoint serving the function's credentials (Lambda SnapStart). */
    public static final String CONTAINER_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    /** Environment variable: the path of the container credentials endpoint (ECS; Lambda uses the full URI). */
    public static final String CONTAINER_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    /** Environment variable: the access key id (Lambda without SnapStart). */
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /** Environment variable: the secret access key (Lambda without SnapStart). */
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** Environment variable: the session token of temporary credentials (Lambda without SnapStart). */
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private CredentialsChoice() {
    }

    /**
     * @param environment the environment variables ({@code System.getenv()} on Lambda)
     * @return the provider the environment calls for (see the class documentation)
     * @throws IllegalArgumentException naming the variable when only one of the access key id and the secret access
     *                                  key is set
     */
    public static AwsCredentialsProvider fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        if (isSet(environment, CONTAINER_FULL_URI) || isSet(environment, CONTAINER_RELATIVE_URI)) {
            return ContainerCredentialsProvider.builder().build();
        }
        boolean keyId = isSet(environment, ACCESS_KEY_ID);
        boolean secret = isSet(environment, SECRET_ACCESS_KEY);
        if (keyId != secret) {
            throw new IllegalArgumentException((keyId ? SECRET_ACCESS_KEY : ACCESS_KEY_ID) + " is required when "
                    + (keyId ? ACCESS_KEY_ID : SECRET_ACCESS_KEY) + " is set");
        }
        if (keyId) {
            return StaticCredentialsProvider.create(environmentCredentials(environment));
        }
        return SystemPropertyCredentialsProvider.create();
    }

    private static AwsCredentials environmentCredentials(Map<String, String> environment) {
        String keyId = environment.get(ACCESS_KEY_ID).trim();
        String secret = environment.get(SECRET_ACCESS_KEY).trim();
        return isSet(environment, SESSION_TOKEN)
                ? AwsSessionCredentials.create(keyId, secret, environment.get(SESSION_TOKEN).trim())
                : AwsBasicCredentials.create(keyId, secret);
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
