package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release check ({@code .ci/VerifyReleaseBundle.java}, run by {@code .ci/verify-release.sh}) against fabricated
 * Central bundles: it passes the bundle a release stages, and refuses one that holds anything more, such as a test jar
 * or an unpublished module.
 */
class ReleaseBundleCheckTest {

    /** The script, next to this module in the repository, run as the release runs it. */
    private static final Path SCRIPT = Path.of("..", ".ci", "VerifyReleaseBundle.java");
    private static final String VERSION = "1.2.3";
    private static final String GROUP = "io/github/pinpointgtm/";
    private static final List<String> DESTINATIONS =
            List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");

    @TempDir
    Path work;
    private Path bundle;
    private Path poms;

    record Result(int exitCode, String output) {
    }

    @BeforeEach
    void stageAValidBundle() throws IOException {
        bundle = work.resolve("bundle");
        artifact("pinpoint-gtm-connector-parent", "");
        String construct = artifact("pinpoint-gtm-connector", "io/github/pinpointgtm/PinpointGtmConnector.class");
        List<String> embedded = new ArrayList<>(List.of("io/github/pinpointgtm/PinpointGtmConnector.class"));
        DESTINATIONS.forEach(d -> embedded.add("io/github/pinpointgtm/processor/" + d + "/processor.jar"));
        jar(bundle.resolve(construct + ".jar"), embedded);
        String runtime = artifact("pinpoint-gtm-connector-runtime", "io/github/pinpointgtm/runtime/SqsStreamHandler.class");
        for (String destination : DESTINATIONS) {
            withChecksums(jar(bundle.resolve(runtime + "-lambda-" + destination + ".jar"),
                    List.of("io/github/pinpointgtm/runtime/SqsStreamHandler.class")));
        }
        Files.writeString(bundle.resolve(".index"), "the staging directory's index of a snapshot");
        poms = work.resolve("effective-poms.xml");
        Files.writeString(poms, "<projects>" + pom("pinpoint-gtm-connector-parent") + pom("pinpoint-gtm-connector")
                + pom("pinpoint-gtm-connector-runtime") + "</projects>");
    }

    @Test
    void passesTheBundleOfTheThreePublishedArtifacts() throws Exception {
        Result result = check();

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Release bundle OK");
    }

    @Test
    void refusesATestJar() throws Exception {
        String testJar = "pinpoint-gtm-connector-runtime/" + VERSION + "/pinpoint-gtm-connector-runtime-" + VERSION
                + "-tests.jar";
        withChecksums(jar(bundle.resolve(GROUP + testJar), List.of("io/github/pinpointgtm/runtime/SomeTest.class")));

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("pinpoint-gtm-connector-runtime: unexpected file " + VERSION
                + "/pinpoint-gtm-connector-runtime-" + VERSION + "-tests.jar");
    }

    @Test
    void refusesAnUnpublishedModule() throws Exception {
        artifact("pinpoint-gtm-connector-testkit", "io/github/pinpointgtm/testkit/Json.class");

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("the bundle holds [pinpoint-gtm-connector, pinpoint-gtm-connector-parent,"
                + " pinpoint-gtm-connector-runtime, pinpoint-gtm-connector-testkit]");
    }

    @Test
    void refusesAFileOutsideTheGroup() throws Exception {
        Path stray = bundle.resolve("org/example/other/1.0/other-1.0.jar");
        jar(stray, List.of("org/example/Other.class"));

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("unexpected file outside " + GROUP + ": org/example/other/1.0/other-1.0.jar");
    }

    @Test
    void refusesAChecksumWithoutItsFile() throws Exception {
        Path orphan = bundle.resolve(GROUP + "pinpoint-gtm-connector/" + VERSION + "/pinpoint-gtm-connector-" + VERSION
                + "-tests.jar.sha1");
        Files.writeString(orphan, "0000000000000000000000000000000000000000");

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("a checksum of a file the bundle does not hold");
    }

    @Test
    void stillRequiresEveryPublishedFile() throws Exception {
        String sources = GROUP + "pinpoint-gtm-connector/" + VERSION + "/pinpoint-gtm-connector-" + VERSION
                + "-sources.jar";
        Files.delete(bundle.resolve(sources));
        for (String suffix : List.of(".md5", ".sha1")) {
            Files.delete(bundle.resolve(sources + suffix));
        }

        Result result = check();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("pinpoint-gtm-connector: " + VERSION + "/pinpoint-gtm-connector-" + VERSION
                + "-sources.jar is missing");
    }

    /** Stages pom, jar, sources and Javadoc jars (only the pom for the parent); @return the files' common prefix. */
    private String artifact(String artifactId, String classEntry) throws IOException {
        String base = GROUP + artifactId + "/" + VERSION + "/" + artifactId + "-" + VERSION;
        Path pom = bundle.resolve(base + ".pom");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "<project/>");
        withChecksums(pom);
        if (!classEntry.isEmpty()) {
            withChecksums(jar(bundle.resolve(base + ".jar"), List.of(classEntry)));
            withChecksums(jar(bundle.resolve(base + "-sources.jar"), List.of(classEntry.replace(".class", ".java"))));
            withChecksums(jar(bundle.resolve(base + "-javadoc.jar"), List.of("index.html")));
        }
        return base;
    }

    private static Path jar(Path file, List<String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** The Central publishing plugin writes an MD5 and a SHA-1 next to each file; the check does not read them. */
    private static void withChecksums(Path file) throws IOException {
        for (String suffix : List.of(".md5", ".sha1")) {
            Files.writeString(file.resolveSibling(file.getFileName() + suffix), "checksum");
        }
    }

    private static String pom(String artifactId) {
        return "<project><groupId>io.github.pinpointgtm</groupId><artifactId>" + artifactId + "</artifactId>"
                + "<version>" + VERSION + "</version><name>n</name><description>d</description>"
                + "<url>https://github.com/pinpointgtm/pinpoint-gtm-connector</url>"
                + "<licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>"
                + "</license></licenses><developers><developer><name>m</name></developer></developers>"
                + "<scm><connection>c</connection><developerConnection>d</developerConnection>"
                + "<url>https://github.com/pinpointgtm/pinpoint-gtm-connector</url></scm>"
                + "<issueManagement><system>GitHub Issues</system><url>u</url></issueManagement></project>";
    }

    private Result check() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), SCRIPT.toString(), bundle.toString(), poms.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
