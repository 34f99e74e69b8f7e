package io.github.pinpointgtm.runtime.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK logs through SLF4J. Without a binding, SLF4J prints "SLF4J: Failed to load class
 * org.slf4j.impl.StaticLoggerBinder" warnings to stderr at every cold start, which would land in the function's JSON
 * log stream; the processor ships the no-operation binding instead.
 */
class SdkLoggingTest {

    @Test
    void slf4jFindsABindingSoItPrintsNoWarnings() throws ClassNotFoundException {
        assertThat(Class.forName("org.slf4j.impl.StaticLoggerBinder")).isNotNull();
    }

    @Test
    void theSdksLoggingWritesNothingToStderr() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.request").warn("not to be printed");
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("not to be printed");
    }
}
