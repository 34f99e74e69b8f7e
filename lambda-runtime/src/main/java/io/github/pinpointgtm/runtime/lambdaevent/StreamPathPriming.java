package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of the invocation's own JSON: before the snapshot is taken, reads a sample SQS event document
 * with every field Lambda sends ({@link SqsEventReader}) and writes a partial batch response
 * ({@link BatchResponseWriter}), so their classes are loaded and initialised in the snapshot. The processor's own
 * priming (the hit, the destination, the side queues) is registered by the processor itself; this covers only the
 * document in and the response out.
 */
public final class StreamPathPriming implements Resource {

    /** An SQS event as Lambda sends it: every record field, a message attribute of each kind. */
    static final String SAMPLE_EVENT = """
            {"Records":[{"messageId":"priming-message","receiptHandle":"priming-receipt",\
            "body":"{\\"v\\":1,\\"query\\":[[\\"page\\",\\"/caf\\u00e9 \\ud83d\\ude00\\"]]}",\
            "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1764201600123",\
            "SenderId":"AIDAPRIMING","ApproximateFirstReceiveTimestamp":"1764201600124"},\
            "messageAttributes":{"s":{"stringValue":"v","stringListValues":[],"binaryListValues":[],\
            "dataType":"String"},"b":{"binaryValue":"AAE=","stringListValues":[],"binaryListValues":[],\
            "dataType":"Binary"}},"md5OfBody":"00000000000000000000000000000000","md5OfMessageAttributes":null,\
            "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:priming",\
            "awsRegion":"us-east-1"}]}""";

    StreamPathPriming() {
    }

    /**
     * Registers a new priming with the global CRaC context (a no-op outside SnapStart/CRaC). The caller keeps it,
     * as the context may hold only a weak reference.
     *
     * @return the registered priming
     */
    public static StreamPathPriming register() {
        StreamPathPriming priming = new StreamPathPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: reading and writing JSON holds no state.
    }

    /** @return the response written for the sample event, whose message is reported failed */
    String prime() {
        try {
            SQSEvent event = SqsEventReader.read(
                    new ByteArrayInputStream(SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BatchResponseWriter.write(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(
                    event.getRecords().get(0).getMessageId()))), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
