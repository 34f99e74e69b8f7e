package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Guards the deployment jar's shade filters (lambda-runtime/pom.xml): the size target, that the SDK clients link
 * (the verifier loads every operation's request class), and that every Pinpoint model class the processor's own
 * classes refer to was kept. {@link ColdStartSmokeIT} runs the same jar end to end.
 */
class DeploymentJarSmokeIT {

    /** The target for the jar the construct embeds. */
    static final long MAX_DEPLOYMENT_JAR_BYTES = 8_000_000;

    private static final Pattern PINPOINT_MODEL_REFERENCE =
            Pattern.compile("software/amazon/awssdk/services/pinpoint/model/[A-Za-z0-9_]+");

    private final Path jar = Path.of(System.getProperty("deployment.jar", ""));

    @Test
    void deploymentJarIsAtMostEightMegabytes() throws IOException {
        assertThat(Files.size(jar)).isLessThanOrEqualTo(MAX_DEPLOYMENT_JAR_BYTES);
    }

    @Test
    void sdkClientsAndTheHandlerLinkFromTheDeploymentJar() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String className : new String[] {
                    "software.amazon.awssdk.services.pinpoint.DefaultPinpointClient",
                    "software.amazon.awssdk.services.pinpoint.DefaultPinpointClientBuilder",
                    "software.amazon.awssdk.services.pinpoint.internal.warmup.PinpointWarmUpProvider",
                    "software.amazon.awssdk.services.sqs.DefaultSqsClient",
                    "io.github.pinpointgtm.runtime.SqsEventHandler",
                    "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                    "com.amazonaws.services.lambda.runtime.events.SQSBatchResponse"}) {
                // initialize = true links the class, which runs the verifier over every method.
                assertThat(Class.forName(className, true, loader)).isNotNull();
            }
        }
    }

    @Test
    void everyPinpointModelClassTheProcessorRefersToIsKept() throws IOException {
        Set<String> referenced = new TreeSet<>();
        Set<String> present = new TreeSet<>();
        try (JarFile deployment = new JarFile(jar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(deployment.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    present.add(name.substring(0, name.length() - ".class".length()));
                }
                if (name.startsWith("io/github/pinpointgtm/") && name.endsWith(".class")) {
                    try (InputStream in = deployment.getInputStream(entry)) {
                        // Class names sit in the constant pool as (modified) UTF-8; ASCII names read as Latin-1.
                        Matcher m = PINPOINT_MODEL_REFERENCE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                        while (m.find()) {
                            referenced.add(m.group());
                        }
                    }
                }
            }
        }
        assertThat(referenced).contains("software/amazon/awssdk/services/pinpoint/model/PutEventsRequest");
        assertThat(present).containsAll(referenced);
    }
}
