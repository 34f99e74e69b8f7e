package io.github.pinpointgtm.runtime.bench;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The fresh JVM of one cold-start run, started by {@link ColdStartBenchmark}. It does what the Lambda Java runtime
 * does: loads the handler class from the deployment's class path in its own class loader, calls its public no-arg
 * constructor (configuration from the environment), then calls {@code handleRequest(SQSEvent, Context)} with
 * batches of SQS messages. It uses only the JDK itself, so nothing of the handler's is preloaded.
 *
 * <p>Arguments: {@code <handler class> <class path file> <messages file> <batch size> <prime: true|false>}; the
 * class path file lists one jar or directory per line, the messages file one SQS body per line. It prints
 * {@code @@bench} lines on stdout, read by the parent: {@code initialized} as soon as the constructor returned
 * (the parent times process start to that line), then {@code primingNanos}, {@code invocationNanos} and
 * {@code failures} per batch, and {@code vmHwmKb} (the peak resident set size) at the end.
 */
public final class ColdStartChild {

    static final String MARK = "@@bench ";

    private ColdStartChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: <handler class> <class path file> <messages file> <batch size> <prime: true|false>");
        }
        String handlerClass = args[0];
        List<URL> classPath = new ArrayList<>();
        for (String entry : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toUri().toURL());
            }
        }
        List<String> bodies = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        int batchSize = Integer.parseInt(args[3]);
        boolean prime = Boolean.parseBoolean(args[4]);

        URLClassLoader deployment = new URLClassLoader("deployment", classPath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(deployment);
        Object handler = deployment.loadClass(handlerClass).getConstructor().newInstance();
        report("initialized");

        if (prime) {
            long started = System.nanoTime();
            runPriming(handler, deployment);
            report("primingNanos " + (System.nanoTime() - started));
        }

        Class<?> sqsEventClass = deployment.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent");
        Class<?> contextClass = deployment.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Method handleRequest = handler.getClass().getMethod("handleRequest", sqsEventClass, contextClass);
        for (int from = 0; from < bodies.size(); from += batchSize) {
            List<String> batch = bodies.subList(from, Math.min(bodies.size(), from + batchSize));
            Object event = sqsEvent(deployment, batch, from);
            Object context = lambdaContext(contextClass);
            long started = System.nanoTime();
            Object response = handleRequest.invoke(handler, event, context);
            report("invocationNanos " + (System.nanoTime() - started));
            List<?> failures = (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
            report("failures " + failures.size());
        }
        report("vmHwmKb " + peakResidentKilobytes());
    }

    /** SnapStart's checkpoint hook, run the way the runtime would: {@code beforeCheckpoint} on the handler's resource. */
    private static void runPriming(Object handler, ClassLoader deployment) throws ReflectiveOperationException {
        Field field = handler.getClass().getDeclaredField("priming");
        field.setAccessible(true);
        Object priming = field.get(handler);
        Class<?> cracContext = deployment.loadClass("org.crac.Context");
        priming.getClass().getMethod("beforeCheckpoint", cracContext).invoke(priming, (Object) null);
    }

    private static Object sqsEvent(ClassLoader deployment, List<String> bodies, int firstIndex)
            throws ReflectiveOperationException {
        Class<?> eventClass = deployment.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent");
        Class<?> messageClass = deployment.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent$SQSMessage");
        Constructor<?> newMessage = messageClass.getConstructor();
        Method setMessageId = messageClass.getMethod("setMessageId", String.class);
        Method setBody = messageClass.getMethod("setBody", String.class);
        Method setEventSource = messageClass.getMethod("setEventSource", String.class);
        List<Object> messages = new ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            Object message = newMessage.newInstance();
            setMessageId.invoke(message, "message-" + (firstIndex + i));
            setBody.invoke(message, bodies.get(i));
            setEventSource.invoke(message, "aws:sqs");
            messages.add(message);
        }
        Object event = eventClass.getConstructor().newInstance();
        eventClass.getMethod("setRecords", List.class).invoke(event, messages);
        return event;
    }

    /** A Lambda context with a 60-second budget and a fresh request id; the other getters answer null or 0. */
    private static Object lambdaContext(Class<?> contextClass) {
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(contextClass.getClassLoader(), new Class<?>[] {contextClass},
                (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getFunctionName" -> "cold-start-benchmark";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == methodArgs[0];
                    case "toString" -> "ColdStartChild.Context";
                    default -> null;
                });
    }

    /** @return VmHWM of /proc/self/status: the peak resident set size of this JVM, in kB (-1 off Linux) */
    static long peakResidentKilobytes() throws IOException {
        return peakResidentKilobytes(Path.of("/proc/self/status"));
    }

    /** @return VmHWM of a process's {@code /proc/<pid>/status} file: its peak resident set size in kB, -1 if unknown */
    static long peakResidentKilobytes(Path status) throws IOException {
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
            }
        }
        return -1;
    }

    private static void report(String line) {
        System.out.println(MARK + line);
        System.out.flush();
    }
}
