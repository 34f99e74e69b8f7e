package io.github.pinpointgtm.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pinpointgtm.testkit.JavaSigningSnippet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The signing snippets of {@code docs/identity.md}: the Java one is {@link JavaSigningSnippet}'s code, and every
 * snippet yields the guide's test vector, a signature the processor accepts.
 */
class SigningSnippetsTest {

    private static final Path GUIDE = Path.of("..", "docs", "identity.md");
    /** The testkit's source, next to this module like the guide. */
    private static final Path SNIPPET_SOURCE = Path.of("..", "testkit", "src", "main", "java", "io", "github",
            "pinpointgtm", "testkit", "JavaSigningSnippet.java");
    private static final String KEY = "example-signing-key";
    private static final String ENDPOINT_ID = "customer-4711";
    private static final String EXPECTED = "E-o2r7WLa-U42AZbAOnCrFgQmsPdpfZAyWEplMd1E0A";

    private static String guide() throws IOException {
        return Files.readString(GUIDE, StandardCharsets.UTF_8);
    }

    /** @return the guide's code block of that language */
    private static String block(String language) throws IOException {
        Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(guide());
        String found = null;
        while (block.find()) {
            if (block.group(1).contains("ndpoint")) {
                found = block.group(1);
            }
        }
        assertThat(found).as("a %s snippet in docs/identity.md", language).isNotNull();
        return found;
    }

    @Test
    void theGuidesJavaSnippetIsTheCompiledMethod() throws IOException {
        String source = Files.readString(SNIPPET_SOURCE, StandardCharsets.UTF_8);
        String method = source.substring(source.indexOf("// docs/identity.md java snippet start\n")
                        + "// docs/identity.md java snippet start\n".length(),
                source.indexOf("    // docs/identity.md java snippet end"));
        String unindented = method.lines().map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n", "", "\n"));

        assertThat(block("java")).endsWith(unindented);
    }

    @Test
    void theJavaSnippetYieldsTheGuidesTestVectorWhichTheVerifierAccepts() throws IOException {
        String signature = JavaSigningSnippet.sign(KEY, ENDPOINT_ID);
        EndpointIdVerifier verifier = EndpointIdVerifier.requiringSignatures(
                new CachedSigningKeys(new FixedKeySource(KEY), java.time.Clock.systemUTC()), null);

        assertThat(signature).isEqualTo(EXPECTED);
        assertThat(guide()).contains("`" + KEY + "`").contains("`" + ENDPOINT_ID + "`").contains(EXPECTED);
        assertThat(verifier.check(ENDPOINT_ID, signature, java.time.Instant.EPOCH)).isEmpty();
    }

    @Test
    void theNodeSnippetYieldsTheTestVector() throws Exception {
        String script = block("js") + "\nprocess.stdout.write(endpointSignature('" + KEY + "', '" + ENDPOINT_ID + "'));\n";
        assertThat(run(List.of("node", "-e", script))).isEqualTo(EXPECTED);
    }

    @Test
    void thePythonSnippetYieldsTheTestVector() throws Exception {
        String script = block("python") + "\nprint(endpoint_signature('" + KEY + "', '" + ENDPOINT_ID + "'), end='')\n";
        assertThat(run(List.of("python3", "-c", script))).isEqualTo(EXPECTED);
    }

    /** Runs an interpreter that may be missing here (then the test is skipped, not passed). */
    private static String run(List<String> command) throws Exception {
        assumeTrue(onPath(command.get(0)), command.get(0) + " is not on the PATH");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }
}
