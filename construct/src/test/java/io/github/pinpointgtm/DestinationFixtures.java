package io.github.pinpointgtm;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;

/**
 * The destination resources the tests deliver to, created the same way (same construct ids, so the same logical
 * ids) in every stack, so that two stacks differing only in the connector's destination can be compared.
 */
final class DestinationFixtures {

    static final String DOMAIN_NAME = "gtm-shop";
    static final String OBJECT_TYPE_NAME = "GtmCustomerEvent";

    final Stream stream;
    final DeliveryStream deliveryStream;
    final EventBus eventBus;

    private DestinationFixtures(Stack stack) {
        Key streamKey = Key.Builder.create(stack, "StreamKey").enableKeyRotation(true).build();
        stream = Stream.Builder.create(stack, "Events")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.KMS)
                .encryptionKey(streamKey)
                .build();
        Bucket bucket = Bucket.Builder.create(stack, "Archive")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        deliveryStream = DeliveryStream.Builder.create(stack, "Delivery")
                .destination(S3Bucket.Builder.create(bucket).dataOutputPrefix("events/")
                        .errorOutputPrefix("errors/").build())
                .build();
        eventBus = EventBus.Builder.create(stack, "Bus").eventBusName("gtm-events").build();
    }

    /** Creates every fixture in {@code stack}. */
    static DestinationFixtures in(Stack stack) {
        return new DestinationFixtures(stack);
    }

    /** @return one destination of each type, keyed by its {@code DESTINATION_TYPE} */
    Map<String, EventDestination> destinations() {
        Map<String, EventDestination> all = new LinkedHashMap<>();
        all.put("pinpoint", EventDestination.pinpoint(TestStacks.APP_ID));
        all.put("kinesis", EventDestination.kinesisStream(stream));
        all.put("firehose", EventDestination.firehose(deliveryStream));
        all.put("eventbridge", EventDestination.eventBridge(eventBus));
        all.put("customer-profiles", EventDestination.customerProfiles(DOMAIN_NAME, OBJECT_TYPE_NAME));
        return all;
    }
}
