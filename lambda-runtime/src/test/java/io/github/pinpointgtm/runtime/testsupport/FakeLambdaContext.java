package io.github.pinpointgtm.runtime.testsupport;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/** A Lambda context whose remaining time counts down from a fixed budget, like the real one. */
public final class FakeLambdaContext implements Context {

    private final String awsRequestId = UUID.randomUUID().toString();
    private final long deadlineMillis;

    public FakeLambdaContext(long remainingMillis) {
        this.deadlineMillis = System.currentTimeMillis() + remainingMillis;
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/processor";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "processor";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:processor";
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
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
