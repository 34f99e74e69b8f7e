/**
 * pinpoint-gtm-connector: an AWS CDK construct for a Google Tag Manager tracking-pixel endpoint.
 *
 * <p>Start with {@link io.github.pinpointgtm.PinpointGtmConnector} and
 * {@link io.github.pinpointgtm.PinpointGtmConnectorProps#builder()}.
 *
 * <h2>Decisions worth knowing before you deploy</h2>
 * <ul>
 *   <li><b>Destinations.</b> {@link io.github.pinpointgtm.EventDestination} names them: Amazon Pinpoint (whose
 *       engagement features ended on 2026-10-30), Kinesis Data Streams, Data Firehose, EventBridge and Connect
 *       Customer Profiles. Switching is one prop; the processor's role gets exactly the one write action of the
 *       chosen destination on exactly its resource, and every destination but Pinpoint receives the same versioned
 *       event JSON.</li>
 *   <li><b>A web ACL by default.</b> {@link io.github.pinpointgtm.EdgeProtection#defaults()} creates a REGIONAL AWS
 *       WAF web ACL on the stage (per-IP rate limit, IP reputation, known bad inputs, size limits), which has AWS
 *       WAF's monthly and per-request fees. It stops floods from few addresses, not a distributed one; use
 *       {@link io.github.pinpointgtm.EdgeProtection#existingWebAcl(String)} for a web ACL you manage, or
 *       {@link io.github.pinpointgtm.EdgeProtection#none()} when something in front (CloudFront) has its own.</li>
 *   <li><b>Account-level API Gateway logging role.</b> Access logs and ERROR execution logs need the account
 *       setting {@code cloudWatchRoleArn} (one per account and region). The connector does not set it by default
 *       ({@code createApiGatewayCloudWatchRole(false)}): it is shared by every API of the account, so it belongs to
 *       the account baseline, and two stacks that both manage it overwrite each other. The first deployment fails
 *       with "CloudWatch Logs role ARN must be set in account settings" until it is set; set
 *       {@code createApiGatewayCloudWatchRole(true)} in exactly one stack per account and region to let the
 *       connector create it (retained when the stack is deleted).</li>
 *   <li><b>Cognito and the pixel.</b> A Cognito authorizer reads the {@code Authorization} header, which an
 *       {@code <img>} (GTM Custom Image tag) cannot send. With {@code ConnectorAuthorization.cognito(...)} both GET
 *       and POST require the token (leaving GET open would bypass the authorizer), so only {@code fetch} and
 *       server-side requests work; authenticated pixels use {@code ConnectorAuthorization.lambda(fn, "token")},
 *       whose identity source is a query-string parameter. The CORS preflight is never authorized.</li>
 *   <li><b>Allowed origins are not authentication.</b> Image requests are "simple" requests that CORS never
 *       blocks: the processor checks Origin/Referer against the same list and puts other hits in the rejected
 *       queue.</li>
 *   <li><b>Rejected hits apart from real failures.</b> Hits the policy refuses go to the rejected queue, whose
 *       alarm watches a rate ({@link io.github.pinpointgtm.ConnectorAlarms.Builder#rejectedHitsThreshold} per 5
 *       minutes): a public endpoint always receives
 *       some junk. The dead-letter queue keeps only valid events that could not be delivered, and its alarm fires
 *       at the first message, because each one is a real customer event.</li>
 *   <li><b>CORS headers.</b> Every response of {@code /events} has {@code Vary: Origin};
 *       {@code Access-Control-Allow-Origin} echoes the request's origin only when it is allowed (or is {@code *}
 *       when any origin is). API Gateway's own error responses (throttling, authorizer denials, 415) cannot
 *       inspect the origin: with one allowed origin they name it, with several they carry no origin header.</li>
 *   <li><b>Binary media types</b> are {@code image/gif} and {@code image/*}: enough for the GIF (browsers ask
 *       for images first), never {@code *}{@code /*}, which would turn JSON/text POST bodies and the MOCK preflight
 *       into binary.</li>
 *   <li><b>Content types.</b> GET and POST accept {@code application/json} (also the default when a request has
 *       no Content-Type), {@code text/plain} ({@code navigator.sendBeacon(url, string)}) and
 *       {@code application/x-www-form-urlencoded} ({@code navigator.sendBeacon(url, new URLSearchParams(...))}, read
 *       as form fields); other types get 415.</li>
 *   <li><b>Personal data.</b> The access log has no query string, no user agent and the client IP only with
 *       {@code includeSourceIp(true)}; full request logging (data trace) is off.</li>
 *   <li><b>Failures.</b> A message SQS refuses answers 500 (SQS 4xx) or 503 (SQS 5xx), never the 200 pixel.</li>
 * </ul>
 */
package io.github.pinpointgtm;
