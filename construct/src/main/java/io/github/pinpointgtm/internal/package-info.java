/**
 * Implementation details of the construct. <b>Not API:</b> the classes here are public only so that the
 * {@code io.github.pinpointgtm} package can use them; they may change or disappear in any release, patch releases
 * included, so applications must not use them.
 *
 * <p>What it holds now:
 * <ul>
 *   <li>parts of the connector built in its scope: {@link io.github.pinpointgtm.internal.ConnectorQueues} (the queue,
 *       dead-letter and rejected queues), {@link io.github.pinpointgtm.internal.EdgeWebAcl} (the web ACL it
 *       creates), {@link io.github.pinpointgtm.internal.ConnectorAlarmSet} (its alarms);</li>
 *   <li>what the API Gateway methods answer and send: {@link io.github.pinpointgtm.internal.EnvelopeRequestTemplate}
 *       and {@link io.github.pinpointgtm.internal.EnvelopeTemplateOptions} (the request template that writes the
 *       envelope, see {@code docs/envelope.md}), {@link io.github.pinpointgtm.internal.EventResponses},
 *       {@link io.github.pinpointgtm.internal.CorsResponses}, {@link io.github.pinpointgtm.internal.AccessLogFields};
 *       </li>
 *   <li>the processor's configuration: {@link io.github.pinpointgtm.internal.ProcessorCode} (the embedded
 *       deployment jars), {@link io.github.pinpointgtm.internal.ProcessorEnvironment},
 *       {@link io.github.pinpointgtm.internal.RetrySchedule} (receive count and retention from the outage
 *       tolerance), {@link io.github.pinpointgtm.internal.LogFingerprintSalt},
 *       {@link io.github.pinpointgtm.internal.IdentityKeyAccess},
 *       {@link io.github.pinpointgtm.internal.PrincipalPolicy} (least-privilege statements);</li>
 *   <li>metrics and findings: {@link io.github.pinpointgtm.internal.ConnectorMetrics},
 *       {@link io.github.pinpointgtm.internal.RejectedHits}, {@link io.github.pinpointgtm.internal.SynthWarnings},
 *       {@link io.github.pinpointgtm.internal.NagSuppressions},
 *       {@link io.github.pinpointgtm.internal.AnonymousEndpointJustification};</li>
 *   <li>validation helpers: {@link io.github.pinpointgtm.internal.AllowedOrigins},
 *       {@link io.github.pinpointgtm.internal.WafDataProtection} (the web ACL's redacted fields and their limits),
 *       {@link io.github.pinpointgtm.internal.ScopedErrors} (errors that name the construct path).</li>
 * </ul>
 *
 * <p>The builders that need the configuration classes' package-private hooks (the processor function, the events
 * API, the stage's protection) are package-private classes of {@code io.github.pinpointgtm} instead.
 */
package io.github.pinpointgtm.internal;
