package io.github.pinpointgtm.testkit;

import java.util.List;

/**
 * Values that have broken form bodies, JSON, VTL or URL handling somewhere, for every place a client string goes.
 * {@link Texts} mixes them into its generated strings.
 */
public final class NastyStrings {

    /** The corpus, the empty string first. */
    public static final List<String> ALL = List.of(
            "", " ", "&", "=", "\"", "'", "\\", "%", "+", "$", "#", "{", "}", ",", "[", "]", ":", "/", "?", ";",
            "& = \" ' \\ % + $ # { } ,",
            "%26", "%%", "%2", "%zz", "%u0041", "a+b", "+%2B+",
            "$context.requestId", "$input.body", "$util.urlEncode('x')", "$!context.identity.sourceIp",
            "#set($x = 1)", "#set", "##", "#*", "*#", "#**#", "${x}", "$!{x}", "#if(true)yes#end", "#end",
            "#foreach($i in [1..3])$i#end", "#parse('x')", "#include('x')", "#evaluate('$x')", "\\$context",
            "\n", "\r", "\r\n", "\t", "\u0000", "a\u0000b", "\u001f", "\u007f", "\u2028\u2029", "\uFEFF",
            "é", "Ünïcödé", "日本語", "مرحبا", "\uD83D\uDE00", "👨‍👩‍👧‍👦", "\uD834\uDD1E", "\uDBFF\uDFFF",
            "\"},{\"", "\"],[\"", "\",\"v\":2,\"x\":\"", "\"}", "{\"a\":1}", "null", "true", "-0", "1e309",
            "&Action=DeleteQueue&x=", "Action=DeleteQueue", "&MessageBody=x", "a=b&c=d", "?event=x&endpoint_id=y",
            "<script>alert(1)</script>", "' OR '1'='1",
            "https://a.example/$context.requestId?x=#set($a = 1)", "https://user:p@ss@a.example:8443/p?q#f",
            "https://a.example\n/x", "https://#", "http://", "a://b/c", "1http://x/y", "https://a.example?q=/x",
            "https://a.example#/route", "HTTPS://A.EXAMPLE:443", "http://[2001:db8::1]:8080/x", "$1$2://x/y",
            "https://evil.example\\@a.example/p", "https://a.example\\@evil.example/",
            "x".repeat(2_000), "é".repeat(2_000), "\uD83D\uDE00".repeat(1_000), "%".repeat(2_000),
            "&=".repeat(1_000));

    private NastyStrings() {
    }
}
