package io.github.pinpointgtm;

import java.util.regex.Pattern;

import software.amazon.awscdk.Token;

/**
 * What protects the events API before a hit reaches API Gateway: an AWS WAF web ACL the connector creates (the
 * default), one the application already has, or nothing. Set it with
 * {@link PinpointGtmConnectorProps.Builder#edgeProtection}.
 *
 * <p>A pixel is anonymous by necessity (an {@code <img>} sends no credentials), so the web ACL is the pixel's first
 * control: it stops floods from few addresses, known-bad sources and oversized requests. It does not stop a flood
 * spread over many addresses, nor a forged hit sent at a human pace; see the README's "Security model".
 */
public final class EdgeProtection {

    private static final Pattern WEB_ACL_ARN = Pattern.compile(
            "arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[A-Za-z0-9_-]{1,128}/[a-f0-9-]{36}");
    private static final EdgeProtection NONE = new EdgeProtection(null, null);

    private final EdgeProtectionOptions options;
    private final String existingWebAclArn;

    private EdgeProtection(EdgeProtectionOptions options, String existingWebAclArn) {
        this.options = options;
        this.existingWebAclArn = existingWebAclArn;
    }

    /**
     * The default: a REGIONAL web ACL created by the connector and associated with its stage, with every option of
     * {@link EdgeProtectionOptions} at its default (per-IP rate limit 10,000 per 5 minutes, Amazon IP reputation
     * list, known bad inputs, query string and body size limits; no WAF logging).
     *
     * @return the default edge protection
     */
    public static EdgeProtection defaults() {
        return webAcl(EdgeProtectionOptions.builder().build());
    }

    /**
     * A REGIONAL web ACL created by the connector with these rules, associated with its stage.
     *
     * @param options the rules and logging of the web ACL
     * @return the edge protection
     * @throws IllegalArgumentException if options is null
     */
    public static EdgeProtection webAcl(EdgeProtectionOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("edgeProtection: webAcl options must not be null "
                    + "(EdgeProtection.defaults() takes every default)");
        }
        return new EdgeProtection(options, null);
    }

    /**
     * Associates a web ACL the application manages (e.g. one shared by several APIs, or managed by AWS Firewall
     * Manager) with the stage. Its rules are the application's: the connector adds none.
     *
     * @param webAclArn the ARN of a WAFv2 web ACL with REGIONAL scope,
     *                  {@code arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>}, in the stack's region
     *                  and account (a token is accepted)
     * @return the edge protection
     * @throws IllegalArgumentException if the ARN is not a regional WAFv2 web ACL's
     */
    public static EdgeProtection existingWebAcl(String webAclArn) {
        if (webAclArn == null || (!Token.isUnresolved(webAclArn) && !WEB_ACL_ARN.matcher(webAclArn).matches())) {
            throw new IllegalArgumentException("edgeProtection: webAclArn must be a WAFv2 regional web ACL ARN "
                    + "(arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>), got '" + webAclArn + "'");
        }
        return new EdgeProtection(null, webAclArn);
    }

    /**
     * No web ACL: the explicit opt-out, e.g. when a CloudFront distribution with its own web ACL fronts the API.
     * Without an authorizer, cdk-nag then reports the open GET and POST methods (AwsSolutions-APIG4, COG4) and the
     * stage without a web ACL (AwsSolutions-APIG3).
     *
     * @return no edge protection
     */
    public static EdgeProtection none() {
        return NONE;
    }

    /** @return the options of the web ACL the connector creates, or {@code null} when it creates none */
    public EdgeProtectionOptions getOptions() {
        return options;
    }

    /** @return the ARN of the application's web ACL, or {@code null} when it is not {@link #existingWebAcl} */
    public String getExistingWebAclArn() {
        return existingWebAclArn;
    }
}
