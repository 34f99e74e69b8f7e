package io.github.pinpointgtm;

import java.util.List;
import java.util.Map;

import io.github.pinpointgtm.internal.PrincipalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Delivers events to one Amazon Kinesis data stream with {@code PutRecords}: one record per event, the event JSON
 * as its data, the endpoint id as its partition key. Create it with {@link EventDestination#kinesisStream(IStream)}.
 *
 * <p>Permissions: {@code kinesis:PutRecords} on the stream; {@code kms:GenerateDataKey} on the stream's key when it
 * has a customer managed one ({@code StreamEncryption.KMS}). A stream encrypted with the AWS managed key
 * {@code aws/kinesis} ({@code StreamEncryption.MANAGED}) needs no key permission.
 */
public final class KinesisStreamDestination extends EventDestination {

    private final IStream stream;

    KinesisStreamDestination(IStream stream) {
        this.stream = required(stream, "kinesisStream: stream");
    }

    /** @return the stream events are written to */
    public IStream getStream() {
        return stream;
    }

    /** @return {@code kinesis} */
    @Override
    public String getDestinationType() {
        return "kinesis";
    }

    @Override
    Map<String, String> processorEnvironment() {
        return Map.of("KINESIS_STREAM_NAME", stream.getStreamName());
    }

    @Override
    void grantDelivery(Construct scope, IGrantable processor) {
        // Not stream.grantWrite(): that adds PutRecord, ListShards, DescribeStreamSummary and kms:Encrypt/ReEncrypt.
        PrincipalPolicy.allow(processor, List.of("kinesis:PutRecords"), stream.getStreamArn());
        IKey key = stream.getEncryptionKey();
        if (key != null) {
            // A producer of a stream encrypted with a customer managed key needs a data key to write.
            PrincipalPolicy.allow(processor, List.of("kms:GenerateDataKey"), key.getKeyArn());
        }
    }
}
