package io.github.pinpointgtm.examples;

import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.pinpointgtm.EventDestination;
import io.github.pinpointgtm.PinpointGtmConnector;
import io.github.pinpointgtm.PinpointGtmConnectorProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.customerprofiles.CfnDomain;
import software.amazon.awscdk.services.customerprofiles.CfnObjectType;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesisfirehose.Compression;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A stack with one connector and the URL to paste into Google Tag Manager as an output. For every destination but
 * Pinpoint, the stack also creates the destination's resources (see {@link ExampleDestination}) and names them in
 * the {@code Destination} output.
 */
public class ConnectorExampleStack extends Stack {

    /** The example's Customer Profiles object type: one profile object per GTM event. */
    public static final String OBJECT_TYPE_NAME = "GtmCustomerEvent";
    /** The event type the example EventBridge rule forwards to its queue. */
    public static final String EXAMPLE_RULE_EVENT_TYPE = "subscription_renewal_due";

    private final PinpointGtmConnector connector;

    public ConnectorExampleStack(Construct scope, String id, StackProps props, ExampleSettings settings) {
        this(scope, id, props, settings, ExampleDomainSettings.NONE);
    }

    /** A stack whose events are served where {@code domain} says (a custom domain, an events path). */
    public ConnectorExampleStack(Construct scope, String id, StackProps props, ExampleSettings settings,
            ExampleDomainSettings domain) {
        super(scope, id, props);
        PinpointGtmConnectorProps.Builder connectorProps = PinpointGtmConnectorProps.builder()
                .allowedOrigins(settings.allowedOrigins());
        domain.applyTo(this, connectorProps);
        switch (settings.destination()) {
            case PINPOINT -> connectorProps.pinpointApplicationId(settings.pinpointApplicationId());
            case KINESIS -> connectorProps.destination(kinesisStream());
            case FIREHOSE -> connectorProps.destination(firehoseToS3());
            case EVENTBRIDGE -> connectorProps.destination(eventBus());
            case CUSTOMER_PROFILES -> connectorProps.destination(customerProfiles(settings.stackName()));
            default -> throw new IllegalStateException("unhandled destination " + settings.destination());
        }
        connector = new PinpointGtmConnector(this, "Connector", connectorProps.build());
        output("EventsUrl", connector.getEventsUrl(),
                "Paste this URL into your GTM Custom Image tag (add the event parameters to it)");
        if (connector.getEventsDomain() != null) {
            output("EventsDomainTarget", connector.getEventsDomain().getDomainNameAliasDomainName(),
                    "Without a hosted zone: point your domain name at this name (CNAME)");
        }
        output("DeadLetterQueueUrl", connector.getDeadLetterQueue().getQueueUrl(),
                "Valid events that could not be delivered, each with a 'reason' message attribute");
        output("RejectedQueueUrl", connector.getRejectedQueue().getQueueUrl(),
                "Hits the connector's policy refused, each with 'reason' and 'detail' message attributes");
        output("QueueUrl", connector.getQueue().getQueueUrl(),
                "The queue the processor reads: where the replay command (-Preplay) moves messages back to");
    }

    public PinpointGtmConnector getConnector() {
        return connector;
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }

    // ------------------------------------------------------------------------------------------------- Kinesis

    /** An on-demand stream (no shards to size) encrypted with a customer managed key the connector may use. */
    private EventDestination kinesisStream() {
        Key key = Key.Builder.create(this, "EventStreamKey")
                .description("pinpoint-gtm-connector example: the GTM event stream's key")
                .enableKeyRotation(true)
                .build();
        Stream stream = Stream.Builder.create(this, "EventStream")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.KMS)
                .encryptionKey(key)
                .build();
        NagSuppressions.addResourceSuppressions(stream, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-KDS3")
                .reason("The example shows the connector's kms:GenerateDataKey grant for a customer managed key; "
                        + "use StreamEncryption.MANAGED (aws/kinesis) when a customer managed key is not required.")
                .build()));
        output("Destination", stream.getStreamName(), "The Kinesis data stream receiving one record per GTM event "
                + "(partition key: the endpoint id)");
        return EventDestination.kinesisStream(stream);
    }

    // ------------------------------------------------------------------------------------------------ Firehose

    /** A delivery stream writing gzipped newline-delimited JSON to S3, partitioned by day for Athena. */
    private EventDestination firehoseToS3() {
        Bucket bucket = Bucket.Builder.create(this, "EventArchive")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .versioned(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("Example archive written only by Firehose; enable server access logs (or CloudTrail data "
                        + "events) to your account's log bucket in production.")
                .build()));
        DeliveryStream deliveryStream = DeliveryStream.Builder.create(this, "EventDelivery")
                .encryption(software.amazon.awscdk.services.kinesisfirehose.StreamEncryption.awsOwnedKey())
                .destination(S3Bucket.Builder.create(bucket)
                        .dataOutputPrefix("events/dt=!{timestamp:yyyy-MM-dd}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
                        .compression(Compression.GZIP)
                        .fileExtension(".json.gz")
                        .bufferingInterval(Duration.seconds(60))
                        .build())
                .build();
        // Firehose's own S3 destination role (created by the DeliveryStream): CDK's read/write grant on this bucket.
        String bucketId = getLogicalId((CfnElement) bucket.getNode().getDefaultChild());
        NagSuppressions.addResourceSuppressions(deliveryStream, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Firehose's S3 destination role, created by the CDK DeliveryStream: it writes objects under "
                        + "generated keys of this one bucket (bucket/*) with CDK's bucket read/write grant.")
                .appliesTo(List.of("Action::s3:Abort*", "Action::s3:DeleteObject*", "Action::s3:GetBucket*",
                        "Action::s3:GetObject*", "Action::s3:List*", "Resource::<" + bucketId + ".Arn>/*"))
                .build()), true);
        output("ArchiveBucketName", bucket.getBucketName(),
                "Where Firehose writes the events: events/dt=YYYY-MM-DD/*.json.gz, one JSON event per line");
        output("Destination", deliveryStream.getDeliveryStreamName(),
                "The Firehose delivery stream receiving one record per GTM event");
        return EventDestination.firehose(deliveryStream);
    }

    // --------------------------------------------------------------------------------------------- EventBridge

    /** A custom bus, and a rule that sends one event type to a queue so the wiring is visible. */
    private EventDestination eventBus() {
        EventBus bus = EventBus.Builder.create(this, "EventBus").build();
        Queue ruleDeadLetters = Queue.Builder.create(this, "RenewalsDeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Queue renewals = Queue.Builder.create(this, "RenewalsQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(ruleDeadLetters).maxReceiveCount(5).build())
                .build();
        Rule.Builder.create(this, "RenewalsRule")
                .eventBus(bus)
                .description("Example: GTM '" + EXAMPLE_RULE_EVENT_TYPE + "' events to a queue (replace the target "
                        + "with a Step Functions state machine, a Lambda function or EventBridge Scheduler)")
                .eventPattern(EventPattern.builder()
                        .source(List.of("io.github.pinpointgtm"))
                        .detailType(List.of("GTM Customer Event"))
                        .detail(Map.of("eventType", List.of(EXAMPLE_RULE_EVENT_TYPE)))
                        .build())
                .targets(List.of(SqsQueue.Builder.create(renewals).build()))
                .build();
        output("RenewalsQueueUrl", renewals.getQueueUrl(),
                "The example rule's target: every '" + EXAMPLE_RULE_EVENT_TYPE + "' event");
        output("Destination", bus.getEventBusName(), "The EventBridge bus receiving one event per GTM event "
                + "(source io.github.pinpointgtm, detail-type 'GTM Customer Event')");
        return EventDestination.eventBridge(bus);
    }

    // --------------------------------------------------------------------------------------- Customer Profiles

    /**
     * A Customer Profiles domain and an object type that reads the connector's event JSON: {@code endpointId} is a
     * PROFILE key (one profile per endpoint id, created on its first event), {@code eventId} the UNIQUE key (a hit
     * that SQS delivers twice updates the same object instead of adding one).
     */
    private EventDestination customerProfiles(String stackName) {
        String domainName = stackName.length() <= 64 ? stackName : stackName.substring(0, 64);
        Key key = Key.Builder.create(this, "ProfilesKey")
                .description("pinpoint-gtm-connector example: the Customer Profiles domain's key")
                .enableKeyRotation(true)
                .build();
        // Customer Profiles encrypts with the domain's key on its own behalf, for this account only.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("profile.amazonaws.com")))
                .actions(List.of("kms:GenerateDataKey", "kms:CreateGrant", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", getAccount())))
                .build());
        CfnDomain domain = CfnDomain.Builder.create(this, "ProfilesDomain")
                .domainName(domainName)
                .defaultExpirationDays(365)
                .defaultEncryptionKey(key.getKeyArn())
                .build();
        CfnObjectType objectType = CfnObjectType.Builder.create(this, "GtmCustomerEventType")
                .domainName(domainName)
                .objectTypeName(OBJECT_TYPE_NAME)
                .description("One GTM hit recorded by pinpoint-gtm-connector (event JSON, schemaVersion 1)")
                .allowProfileCreation(true)
                .fields(List.of(
                        field("endpointId", "_source.endpointId", "_profile.Attributes.gtmEndpointId"),
                        field("eventId", "_source.eventId", null),
                        field("eventType", "_source.eventType", null),
                        field("timestamp", "_source.timestamp", null)))
                .keys(List.of(
                        key("gtmEndpointId", "endpointId", "PROFILE"),
                        key("gtmEventId", "eventId", "UNIQUE")))
                .build();
        objectType.addDependency(domain);
        output("Destination", domainName + "/" + OBJECT_TYPE_NAME,
                "The Customer Profiles domain and object type receiving one profile object per GTM event");
        return EventDestination.customerProfiles(domainName, OBJECT_TYPE_NAME);
    }

    private static CfnObjectType.FieldMapProperty field(String name, String source, String target) {
        CfnObjectType.ObjectTypeFieldProperty.Builder field = CfnObjectType.ObjectTypeFieldProperty.builder()
                .source(source)
                .contentType("STRING");
        if (target != null) {
            field.target(target);
        }
        return CfnObjectType.FieldMapProperty.builder().name(name).objectTypeField(field.build()).build();
    }

    private static CfnObjectType.KeyMapProperty key(String name, String fieldName, String standardIdentifier) {
        return CfnObjectType.KeyMapProperty.builder()
                .name(name)
                .objectTypeKeyList(List.of(CfnObjectType.ObjectTypeKeyProperty.builder()
                        .fieldNames(List.of(fieldName))
                        .standardIdentifiers(List.of(standardIdentifier))
                        .build()))
                .build();
    }
}
