package io.github.pinpointgtm.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Lambda context of one local invocation: a fresh request id and the time left before the function's timeout,
 * counting down (monotonic clock) like the real one. Its logger writes to standard output, like Lambda's.
 */
public final class LocalLambdaContext implements Context {

    private static final String FUNCTION_NAME = "local-processor";

    private final String requestId = UUID.randomUUID().toString();
    private final long deadlineNanos;

    /** @param timeLeft the time left at the start of the invocation (the function's timeout) */
    public LocalLambdaContext(Duration timeLeft) {
        this.deadlineNanos = System.nanoTime() + timeLeft.toNanos();
    }

    /** @return a context with {@code millisLeft} milliseconds left */
    public static LocalLambdaContext withMillisLeft(long millisLeft) {
        return new LocalLambdaContext(Duration.ofMillis(millisLeft));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION_NAME;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return FUNCTION_NAME;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION_NAME;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
