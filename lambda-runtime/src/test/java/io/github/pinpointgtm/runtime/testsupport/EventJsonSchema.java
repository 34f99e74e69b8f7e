package io.github.pinpointgtm.runtime.testsupport;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's JSON Schema of the event JSON ({@code docs/customer-event.schema.json}), for tests that check what
 * a destination was sent.
 */
public final class EventJsonSchema {

    /** The schema file, relative to the module directory tests run in. */
    public static final Path FILE = Path.of("..", "docs", "customer-event.schema.json");

    private static final Schema SCHEMA = load();

    private EventJsonSchema() {
    }

    /**
     * @param json a JSON document
     * @return the schema's complaints about it; empty when it is a valid event JSON document
     */
    public static List<String> problems(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /**
     * @param json a JSON document
     * @throws AssertionError listing the schema's complaints when it is not a valid event JSON document
     */
    public static void assertValid(String json) {
        List<String> problems = problems(json);
        if (!problems.isEmpty()) {
            throw new AssertionError("not a valid event JSON document " + problems + ": " + json);
        }
    }

    /**
     * @param json a JSON document, UTF-8
     * @throws AssertionError listing the schema's complaints when it is not a valid event JSON document
     */
    public static void assertValid(byte[] json) {
        assertValid(new String(json, StandardCharsets.UTF_8));
    }

    private static Schema load() {
        try {
            String schema = Files.readString(FILE);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(schema, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event JSON schema " + FILE.toAbsolutePath(), e);
        }
    }
}
