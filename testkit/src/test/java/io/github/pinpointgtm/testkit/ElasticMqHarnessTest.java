package io.github.pinpointgtm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

class ElasticMqHarnessTest {

    @RegisterExtension
    static final ElasticMqHarness SQS = ElasticMqHarness.perTestClass();

    @Test
    void runsWhileTheTestClassRuns() {
        String queue = SQS.createQueue("harness-test");
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody("one"));
        SQS.client().sendMessage(b -> b.queueUrl(queue).messageBody("two"));

        assertThat(SQS.drain(queue)).extracting(Message::body).containsExactlyInAnyOrder("one", "two");
        assertThat(SQS.drain(queue)).isEmpty();
    }

    @Test
    void aHarnessForATestClassIsNotRunningBeforeTheClassStarts() {
        ElasticMqHarness notStarted = ElasticMqHarness.perTestClass();

        assertThatThrownBy(notStarted::endpoint).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ElasticMQ is not running");
    }

    @Test
    void closeStopsAStartedServer() {
        ElasticMqHarness started = ElasticMqHarness.start();
        assertThat(started.endpoint().getHost()).isEqualTo("127.0.0.1");

        started.close();

        assertThatThrownBy(started::client).isInstanceOf(IllegalStateException.class);
    }
}
