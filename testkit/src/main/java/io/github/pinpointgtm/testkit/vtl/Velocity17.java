package io.github.pinpointgtm.testkit.vtl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Velocity 1.7, the release API Gateway runs, with its default settings, loaded in its own class loader because it
 * cannot share the class path with Velocity 2 (same package and class names). The build of the module whose tests
 * use it copies its three jars (velocity 1.7, commons-collections, commons-lang) to that module's
 * {@code target/velocity-1.7} (the construct's pom does).
 */
final class Velocity17 {
    private static final Path JARS = Path.of("target", "velocity-1.7");
    private static final Velocity17 INSTANCE = new Velocity17();

    private final ClassLoader loader;
    private final Object engine;
    private final Class<?> contextClass;
    private final Method evaluate;
    private final Method put;

    private Velocity17() {
        loader = new URLClassLoader(jarUrls(), ClassLoader.getPlatformClassLoader());
        // Velocity loads its own parts through the context class loader, which must not find Velocity 2.
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> engineClass = loader.loadClass("org.apache.velocity.app.VelocityEngine");
            contextClass = loader.loadClass("org.apache.velocity.VelocityContext");
            engine = engineClass.getConstructor().newInstance();
            // Velocity 1.7 would otherwise write velocity.log into the working directory.
            engineClass.getMethod("setProperty", String.class, Object.class).invoke(engine,
                    "runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
            engineClass.getMethod("init").invoke(engine);
            evaluate = engineClass.getMethod("evaluate", loader.loadClass("org.apache.velocity.context.Context"),
                    Writer.class, String.class, String.class);
            put = contextClass.getMethod("put", String.class, Object.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load Velocity 1.7 from " + JARS.toAbsolutePath(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Renders {@code template} with the given variables; a template error is thrown. */
    static String render(String template, Map<String, Object> variables) {
        return INSTANCE.evaluate(template, variables);
    }

    private String evaluate(String template, Map<String, Object> variables) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Object context = contextClass.getConstructor().newInstance();
            for (Map.Entry<String, Object> variable : variables.entrySet()) {
                put.invoke(context, variable.getKey(), variable.getValue());
            }
            StringWriter output = new StringWriter();
            evaluate.invoke(engine, context, output, "mapping-template", template);
            return output.toString();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Velocity 1.7 failed to render the template", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call Velocity 1.7", e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL[] jarUrls() {
        try (Stream<Path> files = Files.list(JARS)) {
            List<Path> jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
            if (jars.size() != 3) {
                throw new IllegalStateException("expected Velocity 1.7, commons-collections and commons-lang in "
                        + JARS.toAbsolutePath() + " (copied by the build), found " + jars);
            }
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + JARS.toAbsolutePath() + " (run the build's"
                    + " generate-test-resources phase)", e);
        }
    }
}
