package io.github.pinpointgtm.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generates the API Gateway request template (VTL) that turns one request into an SQS {@code SendMessage} form body
 * carrying the envelope (see {@code docs/envelope.md}).
 *
 * <p>How the template stays injection-proof without a JSON escaper in VTL:
 * <ul>
 *   <li>The JSON punctuation and field names are constant text, written already form-URL-encoded by this class.</li>
 *   <li>Every request-derived string is written as {@code $util.urlEncode($util.urlEncode(value))}: the inner
 *       encoding is the value inside the JSON string (alphabet {@code A-Za-z0-9.-*_+%}, which cannot end a JSON
 *       string), the outer one is the form encoding of the {@code MessageBody} parameter (which cannot start a new
 *       form parameter).</li>
 *   <li>Only {@code $context.requestTimeEpoch} is written raw: API Gateway sets it to a number, no client controls
 *       it.</li>
 * </ul>
 *
 * <p>How it stays correct on API Gateway's Velocity 1.7:
 * <ul>
 *   <li>Every line ends in a {@code ##} comment and no line is indented, so no whitespace reaches the output. A
 *       reference right before the comment is written in formal notation ({@code ${a.b}}): Velocity 1.7 would
 *       otherwise print the comment.</li>
 *   <li>A possibly missing value is read as {@code #set($v = "")#if(ref)#set($v = "ref")#end}: the assignment only
 *       ever copies a non-null value, so the template does not depend on how {@code #set} treats null (1.7 keeps the
 *       old value, 2.x assigns null), and an absent header or claim is written as {@code ""}.</li>
 *   <li>Header names are compared lower-cased, as HTTP header names are case-insensitive.</li>
 *   <li>Query parameters are read from {@code $input.params().querystring} only, never {@code $input.params(name)},
 *       which would fall back to path parameters and headers.</li>
 *   <li>{@code $util.escapeJavaScript} is never used: it escapes {@code '} as {@code \'}, which is not JSON.</li>
 * </ul>
 */
public final class EnvelopeRequestTemplate {

    /** The envelope format this class writes; the processor dead-letters versions it does not know. */
    public static final int ENVELOPE_VERSION = 1;

    /**
     * What the envelope keeps of the {@code Referer} by default: a Java regular expression whose groups 1 and 2 are
     * the scheme with {@code ://} and the host with its port; user information, path, query and fragment are dropped.
     * The authority ends at the first {@code /}, {@code ?} or {@code #}. A value whose authority is ambiguous is kept
     * as sent, like one that is not {@code scheme://...} (browsers send neither), so the processor refuses it: a
     * {@code \} (which a browser's URL parser reads as {@code /}, so {@code https://evil.example\@www.example.com/}
     * is evil.example's) or more than one {@code @}.
     */
    public static final String REFERER_ORIGIN =
            "^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#@\\\\]*@)?([^/?#@\\\\]*)(?:[/?#](?s:.*))?$";

    /** The directive that reduces {@code $pgcReferer} to its origin: a string's replaceFirst never returns null. */
    public static final String REFERER_TO_ORIGIN =
            "#set($pgcReferer = $pgcReferer.replaceFirst('" + REFERER_ORIGIN + "', '$1$2'))";

    /**
     * The Content-Types an integration has a request template for; API Gateway refuses others with 415. A pixel GET
     * has none, and API Gateway then uses the {@code application/json} template; {@code sendBeacon(url, string)}
     * sends {@code text/plain;charset=UTF-8} and {@code sendBeacon(url, new URLSearchParams(...))}
     * {@code application/x-www-form-urlencoded;charset=UTF-8} (API Gateway selects a template by the media type,
     * without its parameters).
     */
    public static final List<String> CONTENT_TYPES =
            List.of("application/json", "text/plain", "application/x-www-form-urlencoded");

    private EnvelopeRequestTemplate() {
    }

    /**
     * The request templates of one integration, one per {@link #CONTENT_TYPES} entry. Each is the same envelope
     * template: the envelope keeps the raw body and its Content-Type, and the processor reads a form body as form
     * fields and any other body as a JSON object, so every body gets the same escaping and size guarantees.
     *
     * @param options what this integration includes (body, identity, source IP)
     * @return Content-Type to template, in the order of {@link #CONTENT_TYPES}
     */
    public static Map<String, String> byContentType(EnvelopeTemplateOptions options) {
        String template = render(options);
        Map<String, String> templates = new LinkedHashMap<>();
        for (String contentType : CONTENT_TYPES) {
            templates.put(contentType, template);
        }
        return templates;
    }

    /**
     * Renders the complete request template ({@code Action=SendMessage&MessageBody=...}) for one integration.
     *
     * @param options what this integration includes (body, identity, source IP)
     * @return the VTL template text, to be used as the integration's request template
     */
    public static String render(EnvelopeTemplateOptions options) {
        Objects.requireNonNull(options, "options");
        TemplateWriter template = new TemplateWriter();
        template.comment("pinpoint-gtm-connector envelope v" + ENVELOPE_VERSION
                + " (docs/envelope.md), generated by EnvelopeRequestTemplate: do not edit by hand.");
        template.comment("Each line ends in a comment so no newline reaches the output; each request value is"
                + " URL-encoded twice (once inside the JSON, once for the form body).");

        template.readOptional("$pgcRequestId", "$context.requestId");
        template.readOptional("$pgcHttpMethod", "$context.httpMethod");
        template.readOptional("$pgcUserAgent", "$context.identity.userAgent");
        template.readOptionalIf(options.includeSourceIp(), "$pgcSourceIp", "$context.identity.sourceIp");
        template.readOptionalIf(options.authenticated(), "$pgcIdentity", options.identityReference());
        template.readOptionalIf(options.includeBody(), "$pgcBody", "$input.body");
        readHeaders(template, options.includeBody());
        if (!options.includeFullReferer()) {
            template.directive(REFERER_TO_ORIGIN);
        }

        template.text("Action=SendMessage&MessageBody=", "the form body: one SendMessage, the envelope as MessageBody");
        template.jsonConstant("{\"v\":" + ENVELOPE_VERSION + ",\"requestId\":");
        template.jsonString("$pgcRequestId");
        template.jsonConstant(",\"requestTimeEpoch\":");
        // Formal notation: Velocity 1.7 does not end a property reference before "##", it writes the comment out.
        template.text("${context.requestTimeEpoch}", "a number set by API Gateway, written as is");
        template.jsonConstant(",\"httpMethod\":");
        template.jsonString("$pgcHttpMethod");
        template.jsonConstant(",\"query\":[");
        writeQueryPairs(template, options.omittedQueryParameters());
        template.jsonConstant("],\"body\":");
        template.jsonString("$pgcBody");
        template.jsonConstant(",\"contentType\":");
        template.jsonString("$pgcContentType");
        template.jsonConstant(",\"userAgent\":");
        template.jsonString("$pgcUserAgent");
        template.jsonConstant(",\"origin\":");
        template.jsonString("$pgcOrigin");
        template.jsonConstant(",\"referer\":");
        template.jsonString("$pgcReferer");
        template.jsonConstant(",\"sourceIp\":");
        template.jsonString("$pgcSourceIp");
        template.jsonConstant(",\"identity\":");
        template.jsonString("$pgcIdentity");
        template.jsonConstant(",\"identitySource\":");
        template.jsonStringConstant(options.identitySource());
        template.jsonConstant("}");
        return template.toString();
    }

    /** Finds Origin, Referer and (with a body) Content-Type among the headers, whatever their case. */
    private static void readHeaders(TemplateWriter template, boolean includeContentType) {
        template.initialise("$pgcOrigin");
        template.initialise("$pgcReferer");
        template.initialise("$pgcContentType");
        template.directive("#foreach($pgcHeaderName in $input.params().header.keySet())");
        template.directive("#set($pgcHeaderKey = $pgcHeaderName.toLowerCase())");
        template.readHeaderIfNamed("origin", "$pgcOrigin");
        template.readHeaderIfNamed("referer", "$pgcReferer");
        if (includeContentType) {
            template.readHeaderIfNamed("content-type", "$pgcContentType");
        }
        template.directive("#end");
    }

    /**
     * Writes {@code ["name","value"]} per query parameter, comma-separated, in the map's order, except the omitted
     * ones (an authorizer's credentials). A separator variable rather than {@code $foreach.hasNext} keeps the commas
     * right when the last parameters are omitted.
     */
    private static void writeQueryPairs(TemplateWriter template, Set<String> omitted) {
        template.initialise("$pgcSeparator");
        template.directive("#foreach($pgcName in $input.params().querystring.keySet())");
        if (!omitted.isEmpty()) {
            template.directive("#if(" + omitted.stream()
                    .map(name -> "$pgcName != \"" + name + "\"")
                    .collect(Collectors.joining(" && ")) + ")");
        }
        template.readOptional("$pgcValue", "$input.params().querystring.get($pgcName)");
        // Formal notation before "##", as for the request time (Velocity 1.7).
        template.text("${pgcSeparator}", "\"\" before the first pair, an encoded comma before the others");
        template.jsonConstant("[");
        template.jsonString("$pgcName");
        template.jsonConstant(",");
        template.jsonString("$pgcValue");
        template.jsonConstant("]");
        template.directive("#set($pgcSeparator = \"" + formEncode(",") + "\")");
        if (!omitted.isEmpty()) {
            template.directive("#end");
        }
        template.directive("#end");
    }

    static String formEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Builds the template line by line; each line ends in a {@code ##} comment that swallows its newline. */
    private static final class TemplateWriter {
        private final StringBuilder template = new StringBuilder();

        void comment(String text) {
            line("", text);
        }

        void directive(String vtl) {
            line(vtl, "");
        }

        void text(String vtl, String explanation) {
            line(vtl, explanation);
        }

        void initialise(String variable) {
            directive("#set(" + variable + " = \"\")");
        }

        /**
         * Sets {@code variable} to {@code reference}'s text when it is set, else to "". The value is copied as an
         * interpolated string, so it is a string whatever its type (urlEncode accepts nothing else).
         */
        void readOptional(String variable, String reference) {
            directive("#set(" + variable + " = \"\")" + copyIfSet(variable, reference));
        }

        private static String copyIfSet(String variable, String reference) {
            return "#if(" + reference + ")#set(" + variable + " = \"" + reference + "\")#end";
        }

        /** Like {@link #readOptional} when {@code included}, else {@code variable} is always "". */
        void readOptionalIf(boolean included, String variable, String reference) {
            if (included) {
                readOptional(variable, reference);
            } else {
                initialise(variable);
            }
        }

        void readHeaderIfNamed(String lowerCaseName, String variable) {
            String value = "$input.params().header.get($pgcHeaderName)";
            directive("#if($pgcHeaderKey == \"" + lowerCaseName + "\")" + copyIfSet(variable, value) + "#end");
        }

        void jsonConstant(String json) {
            line(formEncode(json), json);
        }

        /** A JSON string whose content is the variable's value, URL-encoded (and encoded again for the form). */
        void jsonString(String variable) {
            line(formEncode("\"") + "$util.urlEncode($util.urlEncode(" + variable + "))" + formEncode("\""),
                    "\"<" + variable + ", URL-encoded>\"");
        }

        /** A JSON string with fixed content, encoded here exactly as {@link #jsonString} encodes at request time. */
        void jsonStringConstant(String value) {
            String json = "\"" + formEncode(value) + "\"";
            line(formEncode(json), json);
        }

        private void line(String vtl, String explanation) {
            template.append(vtl).append("##");
            if (!explanation.isEmpty()) {
                template.append(' ').append(explanation);
            }
            template.append('\n');
        }

        @Override
        public String toString() {
            return template.toString();
        }
    }
}
