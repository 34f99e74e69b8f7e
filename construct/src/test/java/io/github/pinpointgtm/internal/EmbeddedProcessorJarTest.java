package io.github.pinpointgtm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.PinpointGtmConnector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the processor jar the construct embeds (the runtime's shaded {@code lambda-<destination>} jars) ships. The runtime's
 * enforcer rule bans these libraries as dependencies; this checks the jar's entries themselves, so a library
 * copied in any other way (a relocation, a fat dependency, a transformer) is caught too.
 */
class EmbeddedProcessorJarTest {

    /**
     * Packages of Apache and Netty HTTP clients (the processor uses the JDK's HttpURLConnection) and of logging
     * frameworks (the processor writes its JSON lines itself; the SDK's slf4j-api is bound to slf4j-nop, whose three
     * binder classes are the only entries allowed under {@code org/slf4j/impl/}).
     */
    static final List<String> BANNED_PACKAGES = List.of(
            "org/apache/http/",
            "org/apache/hc/",
            "io/netty/",
            "software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/",
            "software/amazon/awssdk/http/crt/",
            "software/amazon/awssdk/crt/",
            "ch/qos/logback/",
            "org/apache/logging/log4j/",
            "org/apache/log4j/",
            "org/apache/commons/logging/",
            "org/slf4j/impl/",
            "org/slf4j/simple/",
            "org/slf4j/jul/",
            "org/slf4j/reload4j/",
            "org/tinylog/");

    /**
     * slf4j-nop's classes: without a binding SLF4J 1.7 prints warnings to stderr (the function's log stream) at every
     * cold start, so the processor ships the binding that logs nothing.
     */
    static final Set<String> NO_OPERATION_BINDING = Set.of(
            "org/slf4j/impl/",
            "org/slf4j/impl/StaticLoggerBinder.class",
            "org/slf4j/impl/StaticMDCBinder.class",
            "org/slf4j/impl/StaticMarkerBinder.class");

    /** An SLF4J 2 binding registers itself here; slf4j-api alone has no provider. */
    static final String SLF4J_PROVIDER_REGISTRATION = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    /** @return the entries that belong to a banned library, in the given order */
    static List<String> bannedEntries(List<String> entryNames) {
        List<String> banned = new ArrayList<>();
        for (String name : entryNames) {
            boolean inBannedPackage = BANNED_PACKAGES.stream().anyMatch(name::startsWith)
                    && !NO_OPERATION_BINDING.contains(name);
            if (inBannedPackage || name.equals(SLF4J_PROVIDER_REGISTRATION)) {
                banned.add(name);
            }
        }
        return banned;
    }

    private static List<String> embeddedJarEntries(String destinationType) throws IOException {
        String resource = ProcessorCode.resource(destinationType);
        InputStream jar = EmbeddedProcessorJarTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(jar).as("the construct's resource %s (build with verify, not test)", resource).isNotNull();
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(jar)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    /** Each destination's SDK client and the processor's package that uses it. */
    private static final Map<String, List<String>> DESTINATION_ENTRIES = Map.of(
            "pinpoint", List.of("software/amazon/awssdk/services/pinpoint/PinpointClient.class",
                    "io/github/pinpointgtm/runtime/delivery/pinpoint/"),
            "kinesis", List.of("software/amazon/awssdk/services/kinesis/KinesisClient.class",
                    "io/github/pinpointgtm/runtime/delivery/kinesis/"),
            "firehose", List.of("software/amazon/awssdk/services/firehose/FirehoseClient.class",
                    "io/github/pinpointgtm/runtime/delivery/firehose/"),
            "eventbridge", List.of("software/amazon/awssdk/services/eventbridge/EventBridgeClient.class",
                    "io/github/pinpointgtm/runtime/delivery/eventbridge/"),
            "customer-profiles", List.of("software/amazon/awssdk/services/customerprofiles/CustomerProfilesClient.class",
                    "io/github/pinpointgtm/runtime/delivery/customerprofiles/"));

    @ParameterizedTest
    @MethodSource("destinationTypes")
    void eachEmbeddedJarShipsTheProcessorWithTheJdkHttpClientAndNoBannedLibrary(String destinationType)
            throws IOException {
        List<String> entries = embeddedJarEntries(destinationType);

        assertThat(entries).contains(
                PinpointGtmConnector.PROCESSOR_HANDLER.substring(0,
                        PinpointGtmConnector.PROCESSOR_HANDLER.indexOf("::")).replace('.', '/') + ".class",
                "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class",
                "io/github/pinpointgtm/runtime/SqsEventHandler.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                "software/amazon/awssdk/services/sqs/SqsClient.class");
        assertThat(entries).containsAll(DESTINATION_ENTRIES.get(destinationType));
        assertThat(bannedEntries(entries)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("destinationTypes")
    void eachEmbeddedJarCarriesNoOtherDestinationsSdkOrCode(String destinationType) throws IOException {
        List<String> entries = embeddedJarEntries(destinationType);

        for (Map.Entry<String, List<String>> other : DESTINATION_ENTRIES.entrySet()) {
            if (other.getKey().equals(destinationType)) {
                continue;
            }
            String otherSdkPackage = other.getValue().get(0).substring(0,
                    other.getValue().get(0).lastIndexOf('/') + 1);
            String otherCodePackage = other.getValue().get(1);
            assertThat(entries).as("%s jar", destinationType)
                    .noneMatch(name -> name.startsWith(otherSdkPackage) || name.startsWith(otherCodePackage));
        }
    }

    /** The SQS operations the processor calls: the side queues, backoff and deletion. */
    static final List<String> SQS_OPERATIONS = List.of(
            "SendMessage", "SendMessageBatch", "ChangeMessageVisibilityBatch", "DeleteMessageBatch", "GetQueueUrl");

    @ParameterizedTest
    @MethodSource("destinationTypes")
    void eachEmbeddedJarCarriesNoAsyncClientAndNoSdkWarmUp(String destinationType) throws IOException {
        List<String> entries = embeddedJarEntries(destinationType);

        assertThat(entries).as("%s jar", destinationType)
                .noneMatch(name -> name.matches("software/amazon/awssdk/services/[a-z]+/[^/]*Async[^/]*\\.class"))
                .noneMatch(name -> name.matches(
                        "software/amazon/awssdk/services/[a-z]+/(internal/)?(warmup|batchmanager)/.+"))
                .doesNotContain("META-INF/services/software.amazon.awssdk.core.warmup.SdkWarmUpProvider");
    }

    @ParameterizedTest
    @MethodSource("destinationTypes")
    void eachEmbeddedJarCarriesOneJsonLibraryTheSdksRelocatedJacksonCore(String destinationType) throws IOException {
        List<String> entries = embeddedJarEntries(destinationType);

        assertThat(entries).contains("software/amazon/awssdk/thirdparty/jackson/core/JsonFactory.class")
                .noneMatch(name -> name.startsWith("com/fasterxml/") || name.startsWith("META-INF/versions/"));
    }

    @ParameterizedTest
    @MethodSource("destinationTypes")
    void eachEmbeddedJarCarriesOnlyTheSqsOperationsTheProcessorCalls(String destinationType) throws IOException {
        List<String> entries = embeddedJarEntries(destinationType);
        String sqs = "software/amazon/awssdk/services/sqs/";

        assertThat(entries.stream().filter(name -> name.startsWith(sqs + "transform/") && name.endsWith(".class")))
                .containsExactlyInAnyOrderElementsOf(SQS_OPERATIONS.stream()
                        .map(operation -> sqs + "transform/" + operation + "RequestMarshaller.class").toList());
        for (String operation : SQS_OPERATIONS) {
            assertThat(entries).contains(sqs + "model/" + operation + "Request$BuilderImpl.class",
                    sqs + "model/" + operation + "Response.class");
        }
        // Other operations keep their request class (the verifier loads it) but nothing else.
        assertThat(entries).contains(sqs + "model/ListQueuesRequest.class")
                .doesNotContain(sqs + "model/ListQueuesRequest$BuilderImpl.class", sqs + "model/ListQueuesResponse.class",
                        sqs + "model/CreateQueueResponse.class");
    }

    static List<String> destinationTypes() {
        return ProcessorCode.DESTINATION_TYPES;
    }

    @Test
    void everyBannedPackageIsFoundWhereverItsClassesSit() {
        for (String pkg : BANNED_PACKAGES) {
            List<String> entries = List.of(
                    "io/github/pinpointgtm/runtime/SqsEventHandler.class",
                    pkg,
                    pkg + "deeper/Client.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");

            List<String> expected = NO_OPERATION_BINDING.contains(pkg)
                    ? List.of(pkg + "deeper/Client.class") // slf4j-nop's package: only its own entries are allowed
                    : List.of(pkg, pkg + "deeper/Client.class");
            assertThat(bannedEntries(entries)).as(pkg).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anSlf4jProviderRegistrationIsBannedButSlf4jApiIsNot() {
        List<String> entries = List.of(
                "org/slf4j/Logger.class",
                "org/slf4j/helpers/NOPLogger.class",
                SLF4J_PROVIDER_REGISTRATION);

        assertThat(bannedEntries(entries)).containsExactly(SLF4J_PROVIDER_REGISTRATION);
    }

    @Test
    void theEmbeddedJarBindsSlf4jToTheNoOperationLogger() throws IOException {
        byte[] binder = embeddedJarEntry("org/slf4j/impl/StaticLoggerBinder.class");

        assertThat(new String(binder, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("org/slf4j/helpers/NOPLoggerFactory");
    }

    @Test
    void onlyTheNoOperationBindersAreAllowedInTheBindingPackage() {
        List<String> entries = List.of(
                "org/slf4j/impl/StaticLoggerBinder.class",
                "org/slf4j/impl/StaticMDCBinder.class",
                "org/slf4j/impl/StaticMarkerBinder.class",
                "org/slf4j/impl/SimpleLogger.class");

        assertThat(bannedEntries(entries)).containsExactly("org/slf4j/impl/SimpleLogger.class");
    }

    private static byte[] embeddedJarEntry(String wanted) throws IOException {
        String resource = ProcessorCode.resource("pinpoint");
        InputStream jar = EmbeddedProcessorJarTest.class.getClassLoader().getResourceAsStream(resource);
        assertThat(jar).as("the construct's resource %s", resource).isNotNull();
        try (ZipInputStream entries = new ZipInputStream(jar)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals(wanted)) {
                    return entries.readAllBytes();
                }
            }
        }
        throw new AssertionError(wanted + " is not in the embedded processor jar");
    }

    @Test
    void lookAlikePackagesAreNotBanned() {
        List<String> entries = List.of(
                "org/apache/httpx/Other.class",
                "io/nettyish/Other.class",
                "software/amazon/awssdk/http/SdkHttpClient.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionSdkHttpService.class");

        assertThat(bannedEntries(entries)).isEmpty();
    }
}
