package io.github.pinpointgtm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The golden envelopes (resources {@code envelopes/*.json}, format in {@code envelopes/README.md}): for each case an
 * API Gateway request, the exact envelope the connector's request template writes for it, and the processor's
 * expected outcome. The construct's tests check the template against them, the runtime's the processor, the
 * benchmarks take their inputs from them. Read from the class path, whether this module is a directory or a jar.
 */
public final class GoldenEnvelopes {

    private static final String DIRECTORY = "envelopes/";

    private GoldenEnvelopes() {
    }

    /** One golden case. */
    public record GoldenCase(String fileName, String json) {
        @Override
        public String toString() {
            return fileName;
        }
    }

    /** @return every golden case, in file-name order */
    public static List<GoldenCase> all() {
        return all(GoldenEnvelopes.class.getClassLoader());
    }

    /** @return every golden case {@code loader} finds, in file-name order */
    static List<GoldenCase> all(ClassLoader loader) {
        return fileNames(loader).stream().map(name -> new GoldenCase(name, read(loader, DIRECTORY + name))).toList();
    }

    private static List<String> fileNames(ClassLoader loader) {
        URL readme = loader.getResource(DIRECTORY + "README.md");
        if (readme == null) {
            throw new IllegalStateException(DIRECTORY + "README.md is not on the class path");
        }
        try {
            Stream<String> names;
            if (readme.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) readme.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    names = jar.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(DIRECTORY) && name.indexOf('/', DIRECTORY.length()) < 0)
                            .map(name -> name.substring(DIRECTORY.length())).toList().stream();
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(readme.toURI()).getParent())) {
                    names = files.map(file -> file.getFileName().toString()).toList().stream();
                }
            }
            return names.filter(name -> name.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the golden envelopes at " + readme, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the class-path resource's text, UTF-8 */
    static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
