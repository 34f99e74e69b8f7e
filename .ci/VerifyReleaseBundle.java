import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what the release profile staged for the Central Portal before anything is uploaded: exactly the published
 * artifacts (the examples and the testkit never), each with exactly the files it publishes (an allow-list: jar,
 * sources, Javadoc, pom, the runtime's deployment jars; signatures when signed, checksums), so an unexpected file such
 * as a test jar fails the check; jars with the expected content, and every POM element Central requires in the
 * effective POM.
 *
 * <p>Usage (JDK 17+, no dependencies): {@code java .ci/VerifyReleaseBundle.java <staging dir or bundle zip>
 * <effective-poms.xml>}. Exits 1 and lists every problem when something is missing or unexpected.
 */
public final class VerifyReleaseBundle {

    static final String GROUP_PATH = "io/github/pinpointgtm/";
    static final String PROJECT_URL = "https://github.com/pinpointgtm/pinpoint-gtm-connector";
    static final String PARENT = "pinpoint-gtm-connector-parent";
    static final String CONSTRUCT = "pinpoint-gtm-connector";
    static final String RUNTIME = "pinpoint-gtm-connector-runtime";
    /** The processor's destination types: one deployment jar each. */
    private static final List<String> DESTINATIONS =
            List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");
    static final Set<String> PUBLISHED = Set.of(PARENT, CONSTRUCT, RUNTIME);
    /** The index the Central publishing plugin keeps in a staging directory (a snapshot's); not part of the upload. */
    static final String STAGING_INDEX = ".index";
    /** Checksums the plugin adds next to each file in a bundle. */
    static final List<String> GENERATED_SUFFIXES = List.of(".md5", ".sha1", ".sha256", ".sha512");

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java VerifyReleaseBundle.java <staging dir or bundle zip> <effective-poms.xml>");
            System.exit(2);
        }
        VerifyReleaseBundle check = new VerifyReleaseBundle();
        Map<String, byte[]> bundle = readBundle(Path.of(args[0]));
        check.bundle(bundle);
        check.poms(Path.of(args[1]));
        if (!check.problems.isEmpty()) {
            System.err.println("The release bundle would be refused:");
            check.problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("Release bundle OK: " + PUBLISHED.size() + " artifacts, every required file and POM element");
    }

    /** Bundle-relative path (e.g. io/github/pinpointgtm/x/1.0/x-1.0.jar) to content. */
    static Map<String, byte[]> readBundle(Path location) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> paths = Files.walk(location)) {
                for (Path file : paths.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    String name = location.relativize(file).toString().replace('\\', '/');
                    files.put(name, Files.readAllBytes(file));
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(location.toFile())) {
                for (ZipEntry entry : zip.stream().filter(e -> !e.isDirectory()).collect(Collectors.toList())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    void bundle(Map<String, byte[]> files) throws IOException {
        Map<String, Set<String>> byArtifact = new TreeMap<>();
        for (String name : files.keySet()) {
            if (name.equals(STAGING_INDEX)) {
                continue;
            }
            if (!name.startsWith(GROUP_PATH)) {
                problems.add("unexpected file outside " + GROUP_PATH + ": " + name);
                continue;
            }
            String[] parts = name.substring(GROUP_PATH.length()).split("/");
            if (parts.length == 2 && isMetadata(parts[1])) {
                continue; // the artifact's maven-metadata (and its checksums)
            }
            if (parts.length != 3) {
                problems.add("unexpected file: " + name);
                continue;
            }
            if (isMetadata(parts[2]) || isChecksum(parts[2])) {
                continue; // checked below, with the file they describe
            }
            byArtifact.computeIfAbsent(parts[0], a -> new TreeSet<>()).add(parts[1] + "/" + parts[2]);
        }
        System.out.println("Bundle contents:");
        files.forEach((name, content) -> System.out.printf("  %10d  %s%n", content.length, name));

        if (!byArtifact.keySet().equals(PUBLISHED)) {
            problems.add("the bundle holds " + byArtifact.keySet() + ", expected exactly " + new TreeSet<>(PUBLISHED));
        }
        boolean signed = files.keySet().stream().anyMatch(n -> n.endsWith(".asc"));
        for (Map.Entry<String, Set<String>> artifact : byArtifact.entrySet()) {
            String artifactId = artifact.getKey();
            Set<String> names = artifact.getValue();
            String version = names.iterator().next().split("/")[0];
            String base = version + "/" + artifactId + "-" + version; // as listed in names
            Set<String> expected = expectedFiles(artifactId, base);
            for (String file : expected) {
                if (!names.contains(file)) {
                    problems.add(artifactId + ": " + file + " is missing");
                }
            }
            for (String file : names) {
                String signedFile = file.endsWith(".asc") ? file.substring(0, file.length() - ".asc".length()) : file;
                if (!expected.contains(signedFile)) {
                    problems.add(artifactId + ": unexpected file " + file + " (only " + expected + " and their"
                            + " signatures and checksums are published)");
                } else if (!file.endsWith(".asc") && signed && !names.contains(file + ".asc")) {
                    problems.add(artifactId + ": " + file + " is not signed (other files are)");
                }
            }
            if (!artifactId.equals(PARENT)) {
                jarContent(files, GROUP_PATH + artifactId + "/" + base, artifactId);
            }
        }
        for (String name : files.keySet()) {
            String[] parts = name.startsWith(GROUP_PATH) ? name.substring(GROUP_PATH.length()).split("/") : new String[0];
            String fileName = parts.length == 0 ? "" : parts[parts.length - 1];
            if (parts.length == 3 && isChecksum(fileName) && !isMetadata(fileName)
                    && !files.containsKey(name.substring(0, name.lastIndexOf('.')))) {
                problems.add("a checksum of a file the bundle does not hold: " + name);
            }
        }
    }

    /**
     * The allow-list: the only files an artifact may publish (each may also have a signature and checksums).
     *
     * @param base {@code <version>/<artifactId>-<version>}
     */
    static Set<String> expectedFiles(String artifactId, String base) {
        Set<String> expected = new TreeSet<>(List.of(base + ".pom"));
        if (!artifactId.equals(PARENT)) {
            expected.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
        }
        if (artifactId.equals(RUNTIME)) {
            for (String destination : DESTINATIONS) {
                expected.add(base + "-lambda-" + destination + ".jar");
            }
        }
        return expected;
    }

    private void jarContent(Map<String, byte[]> files, String base, String artifactId) throws IOException {
        expectEntry(files.get(base + ".jar"), artifactId + " jar", n -> n.startsWith(GROUP_PATH) && n.endsWith(".class"),
                "classes of io.github.pinpointgtm");
        expectEntry(files.get(base + "-sources.jar"), artifactId + " sources jar", n -> n.endsWith(".java"),
                "Java sources");
        forbidEntries(files.get(base + "-sources.jar"), artifactId + " sources jar",
                n -> n.endsWith(".jar") || n.endsWith(".class"), "build outputs (jars, classes)");
        expectEntry(files.get(base + "-javadoc.jar"), artifactId + " Javadoc jar", n -> n.equals("index.html"),
                "index.html");
        for (String destination : DESTINATIONS) {
            if (artifactId.equals(CONSTRUCT)) {
                String embedded = "io/github/pinpointgtm/processor/" + destination + "/processor.jar";
                expectEntry(files.get(base + ".jar"), "construct jar", n -> n.equals(embedded),
                        "the embedded " + destination + " processor jar");
            }
            if (artifactId.equals(RUNTIME)) {
                expectEntry(files.get(base + "-lambda-" + destination + ".jar"), "runtime " + destination + " jar",
                        n -> n.equals("io/github/pinpointgtm/runtime/SqsStreamHandler.class"), "the Lambda handler");
            }
        }
    }

    private void expectEntry(byte[] jar, String what, Predicate<String> entry, String description) throws IOException {
        if (jar == null) {
            return; // reported as missing
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (entry.test(e.getName())) {
                    return;
                }
            }
        }
        problems.add(what + " has no " + description);
    }

    private void forbidEntries(byte[] jar, String what, Predicate<String> entry, String description)
            throws IOException {
        if (jar == null) {
            return; // reported as missing
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (entry.test(e.getName())) {
                    problems.add(what + " contains " + description + ": " + e.getName());
                }
            }
        }
    }

    void poms(Path effectivePoms) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(effectivePoms.toFile());
        Set<String> seen = new TreeSet<>();
        Element root = document.getDocumentElement();
        List<Element> projects = root.getTagName().equals("project") ? List.of(root) : children(root, "project");
        for (Element project : projects) {
            String artifactId = text(project, "artifactId");
            if (!PUBLISHED.contains(artifactId)) {
                continue;
            }
            seen.add(artifactId);
            String where = artifactId + " POM: ";
            require(where, project, "groupId");
            require(where, project, "version");
            require(where, project, "name");
            require(where, project, "description");
            if (!PROJECT_URL.equals(text(project, "url"))) {
                problems.add(where + "url is '" + text(project, "url") + "', expected " + PROJECT_URL);
            }
            Element license = first(first(project, "licenses"), "license");
            require(where + "licenses/license/", license, "name");
            require(where + "licenses/license/", license, "url");
            Element developer = first(first(project, "developers"), "developer");
            require(where + "developers/developer/", developer, "name");
            Element scm = first(project, "scm");
            require(where + "scm/", scm, "connection");
            require(where + "scm/", scm, "developerConnection");
            if (!PROJECT_URL.equals(text(scm, "url"))) {
                problems.add(where + "scm/url is '" + text(scm, "url") + "', expected " + PROJECT_URL);
            }
            Element issues = first(project, "issueManagement");
            require(where + "issueManagement/", issues, "system");
            require(where + "issueManagement/", issues, "url");
        }
        if (!seen.equals(PUBLISHED)) {
            problems.add("effective POMs found for " + seen + ", expected " + new TreeSet<>(PUBLISHED));
        }
    }

    private void require(String where, Element parent, String child) {
        String value = text(parent, child);
        if (value == null || value.isBlank()) {
            problems.add(where + child + " is missing");
        }
    }

    private static boolean isMetadata(String fileName) {
        return fileName.startsWith("maven-metadata");
    }

    private static boolean isChecksum(String fileName) {
        return GENERATED_SUFFIXES.stream().anyMatch(fileName::endsWith);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && localName((Element) n).equals(name)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    private static Element first(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element child = first(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private static String localName(Element element) {
        String tag = element.getTagName();
        return tag.substring(tag.indexOf(':') + 1);
    }
}
