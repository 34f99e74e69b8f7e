package io.github.pinpointgtm.runtime.lambdaevent;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.runtime.observability.StructuredLog;
import io.github.pinpointgtm.runtime.priming.SnapStartPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of the invocation's own JSON: before the snapshot is taken, reads a sample SQS event document
 * with every field Lambda sends ({@link SqsEventReader}) {@value SnapStartPriming#SAMPLE_READS} times, so that the JIT has compiled the
 * read loops when the snapshot is taken (the snapshot keeps the compiled code), and writes a partial batch response
 * ({@link BatchResponseWriter}), so their classes are loaded and initialised in the snapshot. The processor's own
 * priming (the hit, the destination, the side queues) is registered by the processor itself; this covers only the
 * document in and the response out. A failure is logged and never fails the checkpoint.
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

    /** Reads an event document; {@link SqsEventReader#read} outside tests. */
    @FunctionalInterface
    interface DocumentReader {
        SQSEvent read(InputStream document) throws IOException;
    }

    private final DocumentReader reader;
    private final StructuredLog log;

    /**
     * @param reader reads the sample document
     * @param log    where a priming failure is reported
     */
    StreamPathPriming(DocumentReader reader, StructuredLog log) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Registers a new priming with the global CRaC context (a no-op outside SnapStart/CRaC). The caller keeps it,
     * as the context may hold only a weak reference.
     *
     * @param log where a priming failure is reported (it never fails the checkpoint)
     * @return the registered priming
     */
    public static StreamPathPriming register(StructuredLog log) {
        StreamPathPriming priming = new StreamPathPriming(SqsEventReader::read, log);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            // A cold first invocation is better than a failed snapshot and version publication.
            log.unexpectedError(null, "SnapStart priming of the event document", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: reading and writing JSON holds no state.
    }

    /** @return the response written for the sample event, whose message is reported failed */
    String prime() {
        byte[] sample = SAMPLE_EVENT.getBytes(StandardCharsets.UTF_8);
        try {
            SQSEvent event = reader.read(new ByteArrayInputStream(sample));
            for (int read = 1; read < SnapStartPriming.SAMPLE_READS; read++) {
                reader.read(new ByteArrayInputStream(sample));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BatchResponseWriter.write(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure(
                    event.getRecords().get(0).getMessageId()))), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
