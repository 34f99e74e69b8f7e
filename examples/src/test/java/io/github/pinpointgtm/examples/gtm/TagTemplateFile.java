package io.github.pinpointgtm.examples.gtm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A GTM custom template file ({@code .tpl}): sections headed by {@code ___NAME___} lines. */
final class TagTemplateFile {
    private static final Pattern SECTION_HEADER = Pattern.compile("^___([A-Z_]+)___$", Pattern.MULTILINE);

    private final Map<String, String> sections;

    private TagTemplateFile(Map<String, String> sections) {
        this.sections = sections;
    }

    static TagTemplateFile read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TagTemplateFile parse(String text) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher header = SECTION_HEADER.matcher(text);
        String name = null;
        int bodyStart = 0;
        while (header.find()) {
            if (name != null) {
                sections.put(name, text.substring(bodyStart, header.start()).strip());
            }
            name = header.group(1);
            bodyStart = header.end();
        }
        if (name != null) {
            sections.put(name, text.substring(bodyStart).strip());
        }
        return new TagTemplateFile(sections);
    }

    /** @return the section's text without its header, trimmed */
    String section(String name) {
        String section = sections.get(name);
        if (section == null) {
            throw new AssertionError("the template has no ___" + name + "___ section; it has " + sections.keySet());
        }
        return section;
    }

    Map<String, String> sections() {
        return sections;
    }

    /** @return the template's text with one section's body replaced */
    String withSection(String name, String body) {
        section(name);
        StringBuilder text = new StringBuilder();
        sections.forEach((sectionName, sectionBody) -> text.append("___").append(sectionName).append("___\n\n")
                .append(sectionName.equals(name) ? body : sectionBody).append("\n\n\n"));
        return text.toString();
    }
}
