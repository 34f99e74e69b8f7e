package io.github.pinpointgtm;

import java.util.LinkedHashMap;
import java.util.List;

import io.github.pinpointgtm.internal.ConnectorMetrics;
import io.github.pinpointgtm.internal.ConnectorQueues;
import io.github.pinpointgtm.internal.IdentityKeyAccess;
import io.github.pinpointgtm.internal.LogFingerprintSalt;
import io.github.pinpointgtm.internal.NagSuppressions;
import io.github.pinpointgtm.internal.PrincipalPolicy;
import io.github.pinpointgtm.internal.ProcessorCode;
import io.github.pinpointgtm.internal.ProcessorEnvironment;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The processor, created in the connector's scope: its log group ({@code ProcessorLogs}), role
 * ({@code ProcessorRole}), function ({@code Processor}) with the embedded jar of the destination and its environment,
 * the {@code live} alias ({@code ProcessorLiveAlias}) with SnapStart, and the SQS event source on the main queue.
 * The role may write only to the processor's log group, send only to the dead-letter and rejected queues, deliver
 * only to the destination and read only the identity key.
 *
 * @param logGroup the processor's log group
 * @param function the processor function
 * @param alias    the {@code live} alias the event source invokes, or {@code null} without SnapStart
 */
record ProcessorFunction(LogGroup logGroup, Function function, Alias alias) {

    /**
     * Creates the processor.
     *
     * @param scope   the connector
     * @param props   its props
     * @param queues  the queues it reads and sends to
     * @param metrics the metrics whose namespace and connector name the processor writes
     * @return what was created
     */
    static ProcessorFunction create(Construct scope, PinpointGtmConnectorProps props, ConnectorQueues queues,
            ConnectorMetrics metrics) {
        LogGroup logGroup = LogGroup.Builder.create(scope, "ProcessorLogs")
                .retention(props.getLogRetention())
                .build();
        Function function = createFunction(scope, props, queues, metrics, logGroup);
        Alias alias = props.isSnapStart()
                ? Alias.Builder.create(scope, "ProcessorLiveAlias")
                        .aliasName(PinpointGtmConnector.LIVE_ALIAS)
                        .version(function.getCurrentVersion())
                        .build()
                : null;
        SqsEventSource eventSource = SqsEventSource.Builder.create(queues.queue())
                .batchSize(props.getBatchSize())
                .maxBatchingWindow(props.getMaxBatchingWindow())
                .maxConcurrency(props.getMaxConcurrency())
                .reportBatchItemFailures(true)
                .build();
        // The event source's grant (consume messages, this queue only) includes ChangeMessageVisibility and
        // GetQueueUrl, all the processor's backoff needs: no statement of its own.
        if (alias != null) {
            alias.addEventSource(eventSource);
        } else {
            function.addEventSource(eventSource);
        }
        return new ProcessorFunction(logGroup, function, alias);
    }

    private static Function createFunction(Construct scope, PinpointGtmConnectorProps props, ConnectorQueues queues,
            ConnectorMetrics metrics, LogGroup logGroup) {
        Role role = Role.Builder.create(scope, "ProcessorRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("pinpoint-gtm-connector processor: its log group, its destination, its queues only")
                .build();
        PrincipalPolicy.allow(role, List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroup.getLogGroupArn());
        // The processor itself sends undeliverable events to the DLQ and refused hits to the rejected queue, with a
        // reason attribute. Only SendMessage: grantSendMessages would add GetQueueAttributes and GetQueueUrl.
        PrincipalPolicy.allow(role, List.of("sqs:SendMessage"), queues.deadLetterQueue().getQueueArn());
        PrincipalPolicy.allow(role, List.of("sqs:SendMessage"), queues.rejectedQueue().getQueueArn());
        queues.grantKeyForSending(role);
        props.getDestination().grantDelivery(scope, role);

        ProcessorEnvironment environment = new ProcessorEnvironment(
                props.getDestination().getDestinationType(),
                props.getDestination().processorEnvironment(),
                queues.deadLetterQueue().getQueueUrl(),
                queues.rejectedQueue().getQueueUrl())
                .allowedOrigins(props.getAllowedOrigins())
                .allowMissingOrigin(props.isAllowRequestsWithoutOrigin())
                .allowedEventTypes(props.getAllowedEventTypes())
                .userAttributesEnabled(props.isUserAttributesEnabled())
                .deliverBotHitsFlagged(props.getBotHits() == BotHandling.DELIVER_FLAGGED)
                .clientTimestampMaxSkewSeconds(props.getClientTimestampMaxSkew().toSeconds().longValue())
                .deliveryConcurrency(props.getDeliveryConcurrency())
                .maxReceiveCount(props.getMaxReceiveCount())
                .metricsNamespace(props.getMetricsNamespace())
                .connectorName(metrics.connectorName())
                .logPersonalData(props.isLogPersonalData())
                .logFingerprintSalt(LogFingerprintSalt.of(scope));
        IdentityVerification identity = props.getIdentityVerification();
        if (identity != null) {
            IdentityKeyAccess.grantRead(role, identity.getSecret());
            environment.identityVerification(identity.getSecret().getSecretArn(), identity.getAnonymousPrefix());
        }

        Function.Builder builder = Function.Builder.create(scope, "Processor")
                .description("pinpoint-gtm-connector processor: queued GTM hits to customer events")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(PinpointGtmConnector.PROCESSOR_HANDLER)
                .code(Code.fromAsset(ProcessorCode.jar(props.getDestination().getDestinationType()).toString()))
                .memorySize(props.getProcessorMemorySize())
                .timeout(props.getProcessorTimeout())
                .role(role)
                .logGroup(logGroup)
                .environment(new LinkedHashMap<>(environment.toMap()));
        if (props.isSnapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        if (props.isTracing()) {
            builder.tracing(Tracing.ACTIVE);
        }
        Function created = builder.build();
        NagSuppressions.suppress(created, "AwsSolutions-L1",
                "The embedded processor jar is built and tested on the java21 runtime; moving it to a newer "
                        + "runtime is a deliberate, tested release of this library.");
        if (props.isTracing()) {
            NagSuppressions.suppress(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                    "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions.",
                    List.of("Resource::*"));
        }
        return created;
    }
}
