package io.github.pinpointgtm.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.pinpointgtm.runtime.lambdaevent.BatchResponseWriter;
import io.github.pinpointgtm.runtime.lambdaevent.MalformedSqsEventException;
import io.github.pinpointgtm.runtime.lambdaevent.SqsEventReader;
import io.github.pinpointgtm.runtime.lambdaevent.StreamPathPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The processor's Lambda entry point: {@code io.github.pinpointgtm.runtime.SqsStreamHandler::handleRequest}. Reads
 * the SQS event document itself ({@link SqsEventReader}), hands the batch to {@link SqsEventHandler} and writes its
 * partial batch response ({@link BatchResponseWriter}).
 *
 * <p>Why a stream handler: for a {@code RequestHandler<SQSEvent, ...>} the Lambda Java runtime deserialises the event
 * with its own serialisation library, which needs Joda-Time in the function's jar; the deployment jars leave Joda-Time
 * out (it would cost each about 0.64 MB), and reading the document here needs no library beyond the SDK's JSON parser.
 *
 * <p>A document that is not an SQS event (Lambda never sends one) fails the invocation with a
 * {@link MalformedSqsEventException} naming what was wrong; Lambda then retries the whole batch, so nothing is lost.
 * Configuration and behaviour are {@link SqsEventHandler}'s.
 */
public final class SqsStreamHandler implements RequestStreamHandler {

    private final SqsEventHandler processor;
    /** Held so the CRaC context (which may keep only weak references) does not lose it. */
    private final StreamPathPriming priming;

    /** The constructor Lambda calls: the processor configured from {@code System.getenv()}. */
    public SqsStreamHandler() {
        this(new SqsEventHandler());
    }

    /**
     * @param processor the processor every invocation's batch goes to (it registers its own SnapStart priming; this
     *                  handler registers the priming of the event document and the response, which reports a failure
     *                  in the processor's log)
     */
    SqsStreamHandler(SqsEventHandler processor) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.priming = StreamPathPriming.register(processor.log());
    }

    /**
     * @param input   the SQS event document
     * @param output  where the partial batch response goes
     * @param context the invocation's context (its remaining time bounds the batch)
     * @throws MalformedSqsEventException when the document is not an SQS event (the whole batch is retried)
     * @throws IOException                when a stream fails
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        SQSEvent event = SqsEventReader.read(input);
        BatchResponseWriter.write(processor.handleRequest(event, context), output);
    }

    /** @return the priming of the event document and the response this handler registered (tests run it) */
    StreamPathPriming priming() {
        return priming;
    }
}
