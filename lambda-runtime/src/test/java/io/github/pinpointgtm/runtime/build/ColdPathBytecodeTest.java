package io.github.pinpointgtm.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.runtime.SqsEventHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the processor's own classes are compiled, where that costs or saves a cold start time. */
class ColdPathBytecodeTest {

    /** The bootstrap method javac calls for each string concatenation unless told to inline them. */
    private static final String INDY_CONCAT_BOOTSTRAP = "makeConcatWithConstants";

    @Test
    void noProcessorClassConcatenatesStringsThroughInvokedynamic() throws IOException, URISyntaxException {
        Path classes = Path.of(SqsEventHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
        }

        assertThat(classFiles).hasSizeGreaterThan(100);
        assertThat(classFiles).filteredOn(ColdPathBytecodeTest::usesIndyConcatenation).isEmpty();
    }

    /** The bootstrap's name is in the class's constant pool exactly when one of its methods uses it. */
    private static boolean usesIndyConcatenation(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(INDY_CONCAT_BOOTSTRAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
