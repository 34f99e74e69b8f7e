package io.github.pinpointgtm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import software.constructs.IConstruct;

/**
 * Why the anonymous GET and POST methods of a pixel endpoint are acceptable despite cdk-nag's AwsSolutions-APIG4 (no
 * authorization) and AwsSolutions-COG4 (no Cognito authorizer): an {@code <img>} sends no credentials, so the
 * endpoint relies on compensating controls. The suppression reason names exactly the controls present, so a reader
 * of the report can check them; a web ACL is the one control it cannot do without.
 */
public final class AnonymousEndpointJustification {

    private final String webAcl;
    private String stageThrottling;
    private String originPolicy;
    private boolean eventTypeAllowlist;
    private boolean identityVerification;

    /**
     * @param webAcl the web ACL protecting the stage, described for a reader (e.g. its rules and limits)
     */
    public AnonymousEndpointJustification(String webAcl) {
        this.webAcl = Objects.requireNonNull(webAcl, "webAcl");
    }

    /**
     * @param rateLimit  the stage's steady-state limit in requests per second
     * @param burstLimit the stage's burst limit
     * @return this
     */
    public AnonymousEndpointJustification stageThrottling(int rateLimit, int burstLimit) {
        this.stageThrottling = "stage throttling at " + rateLimit + " requests per second (burst " + burstLimit + ")";
        return this;
    }

    /**
     * @param allowedOrigins the allowed origins; {@code ["*"]} (any origin) is no control and is not named
     * @return this
     */
    public AnonymousEndpointJustification originPolicy(List<String> allowedOrigins) {
        this.originPolicy = allowedOrigins.contains("*") ? null
                : "the origin policy (hits from other sites' pages are refused by the processor: "
                        + String.join(", ", allowedOrigins) + ")";
        return this;
    }

    /**
     * @param present whether an event-type allowlist restricts what an anonymous caller can record
     * @return this
     */
    public AnonymousEndpointJustification eventTypeAllowlist(boolean present) {
        this.eventTypeAllowlist = present;
        return this;
    }

    /**
     * @param present whether the processor verifies an HMAC signature of each endpoint id
     * @return this
     */
    public AnonymousEndpointJustification identityVerification(boolean present) {
        this.identityVerification = present;
        return this;
    }

    /** @return the suppression reason, naming every control present */
    public String reason() {
        List<String> controls = new ArrayList<>();
        controls.add(webAcl);
        if (stageThrottling != null) {
            controls.add(stageThrottling);
        }
        if (originPolicy != null) {
            controls.add(originPolicy);
        }
        if (identityVerification) {
            controls.add("identity verification (endpoint ids must carry the site's HMAC signature)");
        }
        if (eventTypeAllowlist) {
            controls.add("the event-type allowlist");
        }
        return "A tracking pixel is anonymous by necessity: an <img> request carries no credentials. Compensating "
                + "controls: " + String.join("; ", controls) + ".";
    }

    /**
     * Suppresses AwsSolutions-APIG4 and AwsSolutions-COG4 on each method with {@link #reason()}.
     *
     * @param methods the anonymous methods (GET and POST of the events resource)
     */
    public void suppressOn(List<? extends IConstruct> methods) {
        String reason = reason();
        for (IConstruct method : methods) {
            NagSuppressions.suppress(method, "AwsSolutions-APIG4", reason);
            NagSuppressions.suppress(method, "AwsSolutions-COG4", reason);
        }
    }
}
