package io.github.pinpointgtm.examples.gtm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pinpointgtm.examples.gtm.GtmSandbox.ScenarioResult;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRun;
import io.github.pinpointgtm.examples.gtm.GtmSandbox.TagRunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The template's own {@code ___TESTS___} scenarios, run with stand-ins of GTM's test API, and the harness's rules. */
class TagTemplateScenariosTest {
    private static final TagTemplateFile TEMPLATE = TagTemplateFile.read(GtmKitFiles.TEMPLATE);

    @TempDir
    Path temporary;

    @TestFactory
    Stream<DynamicTest> everyScenarioOfTheTemplatePasses() {
        List<ScenarioResult> results = GtmSandbox.runTests(GtmKitFiles.TEMPLATE);
        assertThat(results).as("the template's scenarios").hasSizeGreaterThanOrEqualTo(5);
        return results.stream().map(result -> DynamicTest.dynamicTest(result.name(),
                () -> assertThat(result.error()).as(result.name()).isNull()));
    }

    @Test
    void aScenarioWithAWrongExpectationFails() throws IOException {
        Path template = variant("TESTS", """
                scenarios:
                - name: Expects another URL
                  code: |-
                    let sentUrl;
                    mock('sendPixel', (url) => { sentUrl = url; });
                    runCode({eventsUrl: EVENTS_URL, eventType: 'view', useCacheBuster: false});
                    assertThat(sentUrl).isEqualTo(EVENTS_URL + '?event=other');
                - name: Expects a call that never happened
                  code: |-
                    runCode({eventsUrl: EVENTS_URL, eventType: 'view', useCacheBuster: false});
                    assertApi('gtmOnSuccess').wasCalled();
                setup: |-
                  const EVENTS_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events';
                  mock('isConsentGranted', true);
                """);

        List<ScenarioResult> results = GtmSandbox.runTests(template);

        assertThat(results).extracting(ScenarioResult::passed).containsExactly(false, false);
        assertThat(results.get(0).error()).contains("?event=other").contains("?event=view");
        assertThat(results.get(1).error()).contains("expected gtmOnSuccess to be called");
    }

    @Test
    void theSandboxOffersNoBrowserOrJavaScriptGlobals() throws IOException {
        for (String global : List.of("encodeURIComponent('x')", "JSON.stringify(1)", "Math.random()",
                "String(1)", "window.location", "document.cookie", "globalThis.x", "process.env", "eval('1')")) {
            Path template = variant("SANDBOXED_JS_FOR_WEB_TEMPLATE", "const escaped = " + global + ";\n"
                    + TEMPLATE.section("SANDBOXED_JS_FOR_WEB_TEMPLATE"));

            TagRunResult result = GtmSandbox.run(template, TagRun.succeeding(global,
                    TemplateFields.example().set("eventType", "view").data()));

            assertThat(result.error()).as(global).isNotNull();
            assertThat(result.pixels()).as(global).isEmpty();
        }
    }

    @Test
    void aRequireOfAnApiTheHarnessDoesNotProvideFailsLoudly() throws IOException {
        Path template = variant("SANDBOXED_JS_FOR_WEB_TEMPLATE", "require('injectScript');");

        TagRunResult result = GtmSandbox.run(template, TagRun.succeeding("injectScript",
                TemplateFields.example().data()));

        assertThat(result.error()).contains("require('injectScript'): not provided by this harness");
    }

    private Path variant(String section, String body) throws IOException {
        Path template = temporary.resolve("variant.tpl");
        Files.writeString(template, TEMPLATE.withSection(section, body), StandardCharsets.UTF_8);
        return template;
    }
}
