package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pinpointgtm.testkit.GoldenEnvelopes.GoldenCase;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden envelopes on the class path, as a directory (this module's build) and as a jar (the other modules'). */
class GoldenEnvelopesTest {

    @TempDir
    Path work;

    @Test
    void readsEveryCaseOfTheDirectoryInFileNameOrder() {
        List<GoldenCase> cases = GoldenEnvelopes.all();

        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cases).extracting(GoldenCase::fileName).isSorted().allMatch(name -> name.endsWith(".json"));
        assertThat(cases).allSatisfy(golden -> assertThat(Json.parseObject(golden.json()))
                .containsKeys("description", "request", "envelope", "expected"));
    }

    @Test
    void readsTheJsonFilesOfTheDirectoryInAJarOnly() throws IOException {
        Path jar = work.resolve("testkit.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> entry : Map.of("envelopes/README.md", "# cases",
                    "envelopes/b.json", "{\"n\":2}", "envelopes/a.json", "{\"n\":1}",
                    "envelopes/nested/c.json", "{\"n\":3}", "other/d.json", "{\"n\":4}").entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(GoldenEnvelopes.all(loader)).containsExactly(
                    new GoldenCase("a.json", "{\"n\":1}"), new GoldenCase("b.json", "{\"n\":2}"));
        }
    }

    @Test
    void saysSoWhenTheCasesAreNotOnTheClassPath() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> GoldenEnvelopes.all(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("envelopes/README.md is not on the class path");
        }
    }
}
