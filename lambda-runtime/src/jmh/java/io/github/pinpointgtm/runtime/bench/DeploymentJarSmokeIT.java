package io.github.pinpointgtm.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.testkit.ElasticMqHarness;
import io.github.pinpointgtm.testkit.LocalAws;
import io.github.pinpointgtm.testkit.SecretsManagerStandIn;
import io.github.pinpointgtm.testkit.SideQueues;
import io.github.pinpointgtm.testkit.SourceQueue;
import io.github.pinpointgtm.testkit.TestEnvelopes;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
 * Guards the deployment jars' shade filters (lambda-runtime/pom.xml), one jar per destination: the size target, that
 * each jar carries its own destination's SDK module and code and no other destination's, that the SDK clients link
 * (the verifier loads every operation's request class), that every Pinpoint model class the processor refers to was
 * kept, and, end to end, that each jar's processor built from its environment delivers a hit through its own
 * destination's real SDK client (to a local server answering with the destination's own offline answer, the one
 * SnapStart priming uses). {@link ColdStartSmokeIT} runs the Pinpoint jar from a fresh JVM.
 */
class DeploymentJarSmokeIT {

    /** The target for each jar the construct embeds (docs/performance.md). */
    static final long MAX_DEPLOYMENT_JAR_BYTES = 6_000_000;

    private static final Pattern PINPOINT_MODEL_REFERENCE =
            Pattern.compile("software/amazon/awssdk/services/pinpoint/model/[A-Za-z0-9_]+");

    /** DESTINATION_TYPE -> the SDK module's package, the processor's package and the SDK client class. */
    private static final Map<String, String[]> DESTINATIONS = Map.of(
            "pinpoint", new String[] {"pinpoint", "pinpoint", "PinpointClient"},
            "kinesis", new String[] {"kinesis", "kinesis", "KinesisClient"},
            "firehose", new String[] {"firehose", "firehose", "FirehoseClient"},
            "eventbridge", new String[] {"eventbridge", "eventbridge", "EventBridgeClient"},
            "customer-profiles", new String[] {"customerprofiles", "customerprofiles", "CustomerProfilesClient"});

    /** The destination's own settings, as the construct sets them. */
    private static final Map<String, Map<String, String>> SETTINGS = Map.of(
            "pinpoint", Map.of("PINPOINT_APPLICATION_ID", "0123456789abcdef0123456789abcdef"),
            "kinesis", Map.of("KINESIS_STREAM_NAME", "gtm-events"),
            "firehose", Map.of("FIREHOSE_DELIVERY_STREAM_NAME", "gtm-events"),
            "eventbridge", Map.of("EVENTBRIDGE_EVENT_BUS", "arn:aws:events:eu-west-1:123456789012:event-bus/gtm"),
            "customer-profiles", Map.of("CUSTOMER_PROFILES_DOMAIN_NAME", "shop-customers",
                    "CUSTOMER_PROFILES_OBJECT_TYPE_NAME", "GtmCustomerEvent"));

    static List<String> destinations() {
        return List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");
    }

    private static Path jar(String destination) {
        String prefix = System.getProperty("deployment.jar.prefix", "");
        assertThat(prefix).as("system property deployment.jar.prefix (set by the benchmarks profile)").isNotBlank();
        return Path.of(prefix + destination + ".jar");
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void eachDeploymentJarIsAtMostSixMillionBytes(String destination) throws IOException {
        assertThat(Files.size(jar(destination))).isLessThanOrEqualTo(MAX_DEPLOYMENT_JAR_BYTES);
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void eachDeploymentJarCarriesOnlyItsOwnDestination(String destination) throws IOException {
        Set<String> entries = entries(jar(destination));
        DESTINATIONS.forEach((type, names) -> {
            String sdk = "software/amazon/awssdk/services/" + names[0] + "/";
            String code = "io/github/pinpointgtm/runtime/delivery/" + names[1] + "/";
            if (type.equals(destination)) {
                assertThat(entries).as(destination).anyMatch(e -> e.startsWith(sdk)).anyMatch(e -> e.startsWith(code));
            } else {
                assertThat(entries).as(destination + " jar, " + type + " classes")
                        .noneMatch(e -> e.startsWith(sdk) || e.startsWith(code));
            }
        });
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void sdkClientsAndTheHandlerLinkFromEachDeploymentJar(String destination) throws Exception {
        String[] names = DESTINATIONS.get(destination);
        String client = "software.amazon.awssdk.services." + names[0] + ".Default" + names[2];
        try (URLClassLoader loader = isolated(jar(destination))) {
            for (String className : new String[] {
                    client, client + "Builder",
                    "software.amazon.awssdk.services.sqs.DefaultSqsClient",
                    "software.amazon.awssdk.services.secretsmanager.DefaultSecretsManagerClient",
                    "io.github.pinpointgtm.runtime.identity.SecretsManagerKeySource",
                    "io.github.pinpointgtm.runtime.SqsEventHandler",
                    "io.github.pinpointgtm.runtime.SqsStreamHandler",
                    "io.github.pinpointgtm.runtime.lambdaevent.SqsEventReader",
                    "io.github.pinpointgtm.runtime.lambdaevent.BatchResponseWriter",
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
        try (JarFile deployment = new JarFile(jar("pinpoint").toFile())) {
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

    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsProcessorDeliversAHitThroughItsOwnDestination(String destination) throws Exception {
        try (URLClassLoader loader = isolated(jar(destination));
             OfflineService service = new OfflineService(loader, destination);
             LocalAws ignored = new LocalAws(Map.of(LocalAws.Service.ALL, service.endpoint()))) {
            StringBuilder out = new StringBuilder();
            Object handler = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                    .getMethod("withEnvironment", Map.class, Appendable.class)
                    .invoke(null, environment(destination), out);

            Object response = handle(loader, handler, TestEnvelopes.hit("smoke-1", "purchase", "user-42"));

            List<?> failures = (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
            assertThat(failures).as("batch item failures; processor output:%n%s", out).isEmpty();
            assertThat(service.requests()).as("requests to the %s service", destination).isEqualTo(1);
            assertThat(out.toString()).contains("\"Delivered\":1");
        }
    }

    /**
     * The Lambda entry point the construct deploys, through each jar alone: an event document in, the destination's
     * request, the response document out. No Joda-Time in the jar, which the runtime's own event deserialiser would
     * need.
     */
    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsStreamHandlerDeliversAHitFromAnEventDocument(String destination) throws Exception {
        assertThat(entries(jar(destination))).noneMatch(name -> name.startsWith("org/joda/"));
        try (URLClassLoader loader = isolated(jar(destination));
             OfflineService service = new OfflineService(loader, destination);
             LocalAws ignored = new LocalAws(Map.of(LocalAws.Service.ALL, service.endpoint()))) {
            StringBuilder out = new StringBuilder();
            Class<?> processorType = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler");
            Object processor = processorType.getMethod("withEnvironment", Map.class, Appendable.class)
                    .invoke(null, environment(destination), out);
            java.lang.reflect.Constructor<?> constructor = loader
                    .loadClass("io.github.pinpointgtm.runtime.SqsStreamHandler").getDeclaredConstructor(processorType);
            constructor.setAccessible(true);
            Object handler = constructor.newInstance(processor);
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            byte[] document = json.writeValueAsBytes(Map.of("Records", List.of(Map.of(
                    "messageId", "stream-1", "receiptHandle", "receipt-1", "eventSource", "aws:sqs",
                    "body", TestEnvelopes.hit("smoke-stream", "purchase", "user-42"),
                    "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of()))));
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();

            handler.getClass().getMethod("handleRequest", InputStream.class, java.io.OutputStream.class,
                    loader.loadClass("com.amazonaws.services.lambda.runtime.Context"))
                    .invoke(handler, new java.io.ByteArrayInputStream(document), response, null);

            assertThat(response.toString(StandardCharsets.UTF_8)).as("response; processor output:%n%s", out)
                    .isEqualTo("{\"batchItemFailures\":[]}");
            assertThat(service.requests()).as("requests to the %s service", destination).isEqualTo(1);
            assertThat(out.toString()).contains("\"Delivered\":1");
        }
    }

    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsProcessorReadsTheIdentityKeyThroughItsSecretsManagerClient(String destination) throws Exception {
        String secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gtm-identity-key-AbCdEf";
        try (URLClassLoader loader = isolated(jar(destination));
             OfflineService service = new OfflineService(loader, destination);
             SecretsManagerStandIn secrets = SecretsManagerStandIn.start(secretArn);
             LocalAws ignored = new LocalAws(Map.of(LocalAws.Service.ALL, service.endpoint(),
                     LocalAws.Service.SECRETS_MANAGER, secrets.endpoint()))) {
            secrets.put("AWSCURRENT", "smoke-signing-key");
            Map<String, String> environment = new java.util.HashMap<>(environment(destination));
            environment.put("IDENTITY_SECRET_ARN", secretArn);
            StringBuilder out = new StringBuilder();
            Object handler = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                    .getMethod("withEnvironment", Map.class, Appendable.class)
                    .invoke(null, environment, out);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    "smoke-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("user-42".getBytes(StandardCharsets.UTF_8)));

            Object response = handle(loader, handler, TestEnvelopes.hit("smoke-signed", new java.util.LinkedHashMap<>(
                    Map.of("event", "purchase", "endpoint_id", "user-42", "endpoint_sig", signature))));

            List<?> failures = (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
            assertThat(failures).as("batch item failures; processor output:%n%s", out).isEmpty();
            assertThat(secrets.calls("AWSCURRENT")).isEqualTo(1);
            assertThat(secrets.protocolViolations()).isEmpty();
            assertThat(out.toString()).contains("\"Delivered\":1");
        }
    }

    /**
     * The SQS calls the shade filter keeps (the SQS model is shaded down to them), made through each jar's own SQS
     * client against ElasticMQ: a malformed hit goes to the rejected queue, a hit on its last allowed receive whose
     * destination is unreachable goes to the dead-letter queue ({@code retries-exhausted}), and one with receives
     * left is postponed on its source queue (GetQueueUrl, ChangeMessageVisibilityBatch).
     */
    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsProcessorSetsAsideAndPostponesThroughItsSqsClient(String destination) throws Exception {
        try (ElasticMqHarness sqs = ElasticMqHarness.start();
             URLClassLoader loader = isolated(jar(destination));
             LocalAws ignored = new LocalAws(Map.of(LocalAws.Service.ALL, unreachableEndpoint(),
                     LocalAws.Service.SQS, sqs.endpoint()))) {
            SideQueues queues = SideQueues.create(sqs);
            SourceQueue source = SourceQueue.create(sqs);
            source.send(TestEnvelopes.hit("smoke-postponed", "purchase", "user-1"));
            SQSEvent.SQSMessage received = source.receive().get(0);
            Map<String, String> environment = new java.util.HashMap<>(
                    LocalAws.environment(destination, SETTINGS.get(destination), queues));
            environment.put("MAX_RECEIVE_COUNT", "2");
            StringBuilder out = new StringBuilder();
            Object handler = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                    .getMethod("withEnvironment", Map.class, Appendable.class)
                    .invoke(null, environment, out);

            Object response = handle(loader, handler, List.of(
                    new SqsRecord(received.getMessageId(), received.getBody(), received.getReceiptHandle(),
                            source.arn(), "1"),
                    new SqsRecord("exhausted", TestEnvelopes.hit("smoke-exhausted", "purchase", "user-2"), null,
                            source.arn(), "2"),
                    new SqsRecord("malformed", "not an envelope", null, source.arn(), "1")));

            List<?> failures = (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
            assertThat(failures).as("batch item failures; processor output:%n%s", out).hasSize(1);
            assertThat(source.invisibleMessages()).as("postponed; processor output:%n%s", out).isEqualTo(1);
            assertThat(sqs.drain(queues.rejectedQueueUrl())).as("rejected; processor output:%n%s", out).hasSize(1);
            assertThat(sqs.drain(queues.deadLetterQueueUrl())).as("dead-lettered; processor output:%n%s", out)
                    .hasSize(1);
        }
    }

    /**
     * The jars leave out Jackson's FastDoubleParser (lambda-runtime/pom.xml): the number parsing the SDK's JSON
     * unmarshaller uses (getDoubleValue, getFloatValue, getDecimalValue below 500 digits) still works from each jar.
     */
    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsJacksonParsesNumbersWithoutTheFastDoubleParser(String destination) throws Exception {
        try (URLClassLoader loader = isolated(jar(destination))) {
            assertThat(loader.getResource("software/amazon/awssdk/thirdparty/jackson/core/internal/shaded/fdp"))
                    .as("FastDoubleParser left out").isNull();
            Class<?> factoryType = loader.loadClass("software.amazon.awssdk.thirdparty.jackson.core.JsonFactory");
            Object factory = factoryType.getConstructor().newInstance();
            Object parser = factoryType.getMethod("createParser", String.class)
                    .invoke(factory, "[1.5e300, 3.25, " + "9".repeat(400) + ".125]");
            Class<?> parserType = loader.loadClass("software.amazon.awssdk.thirdparty.jackson.core.JsonParser");
            parserType.getMethod("nextToken").invoke(parser);
            parserType.getMethod("nextToken").invoke(parser);
            assertThat(parserType.getMethod("getDoubleValue").invoke(parser)).isEqualTo(1.5e300);
            parserType.getMethod("nextToken").invoke(parser);
            assertThat(parserType.getMethod("getFloatValue").invoke(parser)).isEqualTo(3.25f);
            parserType.getMethod("nextToken").invoke(parser);
            assertThat(parserType.getMethod("getDecimalValue").invoke(parser))
                    .isEqualTo(new java.math.BigDecimal("9".repeat(400) + ".125"));
        }
    }

    /**
     * DeleteMessageBatch through each jar's own SQS client (kept by the shade filter): the processor deletes the
     * messages of an accepted destination request from the source queue right away, so ElasticMQ holds nothing
     * afterwards, neither visible nor in flight.
     */
    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarsProcessorDeletesDeliveredMessagesThroughItsSqsClient(String destination) throws Exception {
        try (ElasticMqHarness sqs = ElasticMqHarness.start();
             URLClassLoader loader = isolated(jar(destination));
             OfflineService service = new OfflineService(loader, destination);
             LocalAws ignored = new LocalAws(Map.of(LocalAws.Service.ALL, service.endpoint(),
                     LocalAws.Service.SQS, sqs.endpoint()))) {
            SideQueues queues = SideQueues.create(sqs);
            SourceQueue source = SourceQueue.create(sqs);
            source.send(TestEnvelopes.hit("smoke-delivered", "purchase", "user-3"));
            SQSEvent.SQSMessage received = source.receive().get(0);
            StringBuilder out = new StringBuilder();
            Object handler = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                    .getMethod("withEnvironment", Map.class, Appendable.class)
                    .invoke(null, LocalAws.environment(destination, SETTINGS.get(destination), queues), out);

            Object response = handle(loader, handler, List.of(new SqsRecord(received.getMessageId(),
                    received.getBody(), received.getReceiptHandle(), source.arn(), "1")));

            List<?> failures = (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
            assertThat(failures).as("batch item failures; processor output:%n%s", out).isEmpty();
            assertThat(service.requests()).as("requests to the %s service", destination).isEqualTo(1);
            assertThat(source.invisibleMessages()).as("in flight after the early delete; processor output:%n%s", out)
                    .isZero();
            assertThat(sqs.drain(source.url())).as("visible after the early delete").isEmpty();
        }
    }

    /**
     * The jars leave out the SDK's per-service metadata (lambda-runtime/pom.xml, filter of the regions module),
     * except Customer Profiles': each client resolves its endpoint with its own endpoint rules. In every region of the
     * commercial partition, each jar's SnapStart priming sends its requests (the destination's and SQS's) through the
     * real SDK clients, with no endpoint override, and each lands on that region's AWS endpoint; an SDK upgrade whose
     * clients read the metadata fails here.
     */
    @ParameterizedTest
    @MethodSource("destinations")
    void eachJarResolvesItsEndpointsInEveryCommercialRegionWithoutTheServiceMetadata(String destination)
            throws Exception {
        // The Customer Profiles module (an older SDK release) reads the metadata when its client is built.
        boolean metadataKept = destination.equals("customer-profiles");
        assertThat(entries(jar(destination)).stream()
                .anyMatch(e -> e.startsWith("software/amazon/awssdk/regions/servicemetadata/")))
                .as("%s jar carries the service metadata", destination).isEqualTo(metadataKept);
        List<String> regions = software.amazon.awssdk.regions.Region.regions().stream()
                .filter(r -> !r.isGlobalRegion() && r.metadata() != null && r.metadata().partition().id().equals("aws"))
                .map(software.amazon.awssdk.regions.Region::id)
                .sorted()
                .toList();
        assertThat(regions).contains("us-east-1", "eu-west-1", "ap-southeast-2").hasSizeGreaterThan(20);
        try (URLClassLoader loader = isolated(jar(destination))) {
            Method getUri = loader.loadClass("software.amazon.awssdk.http.SdkHttpRequest").getMethod("getUri");
            for (String region : regions) {
                Map<String, String> environment = new java.util.HashMap<>(environment(destination));
                environment.put("AWS_REGION", region);
                StringBuilder out = new StringBuilder();
                Object handler = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                        .getMethod("withEnvironment", Map.class, Appendable.class)
                        .invoke(null, environment, out);
                Object result = invokeHidden(invokeHidden(handler, "priming"), "prime");
                List<Object> requests = new java.util.ArrayList<>((List<?>) invokeHidden(result, "offlineRequests"));
                requests.addAll((List<?>) invokeHidden(result, "sideQueueRequests"));

                assertThat(requests).as("%s in %s; processor output:%n%s", destination, region, out).isNotEmpty();
                for (Object request : requests) {
                    assertThat(((URI) getUri.invoke(request)).getHost()).as("%s in %s", destination, region)
                            .endsWith("." + region + ".amazonaws.com");
                }
            }
        }
    }

    /** Calls a no-argument method the processor keeps package-private (its tests' view of priming). */
    private static Object invokeHidden(Object target, String method) throws ReflectiveOperationException {
        Method hidden = target.getClass().getDeclaredMethod(method);
        hidden.setAccessible(true);
        return hidden.invoke(target);
    }

    @Test
    void aJarBuiltForAnotherDestinationSaysSo() throws Exception {
        Map<String, String> kinesis = environment("kinesis");
        try (URLClassLoader loader = isolated(jar("pinpoint"))) {
            Method withEnvironment = loader.loadClass("io.github.pinpointgtm.runtime.SqsEventHandler")
                    .getMethod("withEnvironment", Map.class, Appendable.class);

            assertThatThrownBy(() -> withEnvironment.invoke(null, kinesis, new StringBuilder()))
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DESTINATION_TYPE is kinesis")
                    .hasMessageContaining("does not contain");
        }
    }

    private static Map<String, String> environment(String destination) {
        return LocalAws.environment(destination, SETTINGS.get(destination), SideQueues.unreachable());
    }

    /** One SQS record as Lambda hands it over; {@code receiptHandle} may be null. */
    private record SqsRecord(String messageId, String body, String receiptHandle, String eventSourceArn,
                             String receiveCount) {
    }

    /** Runs one SQS message through the handler, with the SQS event types of the jar's own class loader. */
    private static Object handle(ClassLoader loader, Object handler, String body) throws Exception {
        return handle(loader, handler, List.of(new SqsRecord("message-1", body, null, null, null)));
    }

    /** Runs SQS records through the handler, with the SQS event types of the jar's own class loader. */
    private static Object handle(ClassLoader loader, Object handler, List<SqsRecord> records) throws Exception {
        Class<?> messageType = loader.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent$SQSMessage");
        List<Object> messages = new java.util.ArrayList<>();
        for (SqsRecord record : records) {
            Object message = messageType.getConstructor().newInstance();
            messageType.getMethod("setMessageId", String.class).invoke(message, record.messageId());
            messageType.getMethod("setBody", String.class).invoke(message, record.body());
            messageType.getMethod("setReceiptHandle", String.class).invoke(message, record.receiptHandle());
            messageType.getMethod("setEventSourceArn", String.class).invoke(message, record.eventSourceArn());
            if (record.receiveCount() != null) {
                messageType.getMethod("setAttributes", Map.class).invoke(message,
                        Map.of("ApproximateReceiveCount", record.receiveCount()));
            }
            messages.add(message);
        }
        Class<?> eventType = loader.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent");
        Object event = eventType.getConstructor().newInstance();
        eventType.getMethod("setRecords", List.class).invoke(event, messages);
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        return handler.getClass().getMethod("handleRequest", eventType, contextType).invoke(handler, event, null);
    }

    /** @return an endpoint on this machine where nothing listens (the port was free a moment ago) */
    private static URI unreachableEndpoint() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static URLClassLoader isolated(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static Set<String> entries(Path jar) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(entry -> names.add(entry.getName()));
        }
        return names;
    }

    /**
     * A local HTTP server answering like the destination's service accepting everything: it hands each request to
     * the jar's own {@code OfflineAnswer} for that destination (through reflection, inside the jar's class loader).
     */
    private static final class OfflineService implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        OfflineService(ClassLoader loader, String destination) throws Exception {
            Class<?> typeClass = loader.loadClass("io.github.pinpointgtm.runtime.config.DestinationType");
            Object type = typeClass.getMethod("fromValue", String.class).invoke(null, destination);
            Method factoryFor = loader.loadClass("io.github.pinpointgtm.runtime.Destinations")
                    .getDeclaredMethod("factoryFor", typeClass);
            factoryFor.setAccessible(true);
            Object factory = factoryFor.invoke(null, type);
            Method offlineAnswer = factory.getClass().getMethod("offlineAnswer");
            offlineAnswer.setAccessible(true);
            Object answer = offlineAnswer.invoke(factory);
            Class<?> requestType = loader.loadClass("software.amazon.awssdk.http.SdkHttpRequest");
            Method answerMethod = loader.loadClass("io.github.pinpointgtm.runtime.delivery.OfflineAnswer")
                    .getMethod("answer", requestType, byte[].class);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    requests.incrementAndGet();
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    Object sdkRequest = sdkRequest(loader, exchange);
                    Object response = answerMethod.invoke(answer, sdkRequest, body);
                    byte[] responseBody = (byte[]) invoke(response, "body");
                    exchange.getResponseHeaders().add("Content-Type", (String) invoke(response, "contentType"));
                    exchange.sendResponseHeaders((Integer) invoke(response, "statusCode"), responseBody.length);
                    exchange.getResponseBody().write(responseBody);
                } catch (ReflectiveOperationException e) {
                    exchange.sendResponseHeaders(500, -1);
                    throw new IOException(e);
                }
            });
            server.start();
        }

        private static Object sdkRequest(ClassLoader loader, com.sun.net.httpserver.HttpExchange exchange)
                throws ReflectiveOperationException {
            Class<?> fullRequest = loader.loadClass("software.amazon.awssdk.http.SdkHttpFullRequest");
            Class<?> methodType = loader.loadClass("software.amazon.awssdk.http.SdkHttpMethod");
            Object builder = fullRequest.getMethod("builder").invoke(null);
            Class<?> builderType = loader.loadClass("software.amazon.awssdk.http.SdkHttpFullRequest$Builder");
            builderType.getMethod("method", methodType).invoke(builder,
                    methodType.getMethod("fromValue", String.class).invoke(null, exchange.getRequestMethod()));
            builderType.getMethod("uri", URI.class).invoke(builder,
                    URI.create("http://localhost" + exchange.getRequestURI()));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                builderType.getMethod("putHeader", String.class, List.class).invoke(builder, header.getKey(),
                        header.getValue());
            }
            return builderType.getMethod("build").invoke(builder);
        }

        private static Object invoke(Object target, String method) throws ReflectiveOperationException {
            Method accessor = target.getClass().getMethod(method);
            accessor.setAccessible(true);
            return accessor.invoke(target);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
