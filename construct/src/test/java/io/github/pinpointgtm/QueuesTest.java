package io.github.pinpointgtm;

import static io.github.pinpointgtm.TestStacks.defaults;
import static io.github.pinpointgtm.TestStacks.minimalProps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;

/** The queue, the rejected queue and the dead-letter queue: encryption, TLS only, redrive, retention, visibility timeout. */
class QueuesTest {

    private static TestStacks.Synthesized customised;
    private static TestStacks.Synthesized fiveDayOutage;

    @BeforeAll
    @SuppressWarnings("deprecation")
    static void synthesize() {
        customised = TestStacks.synth(stack -> minimalProps()
                .encryptionKey(Key.Builder.create(stack, "QueueKey").enableKeyRotation(true).build())
                .maxReceiveCount(3)
                .processorTimeout(Duration.seconds(60))
                .maxBatchingWindow(Duration.seconds(20))
                .rejectedRetention(Duration.hours(12))
                .build());
        fiveDayOutage = TestStacks.synth(minimalProps().outageTolerance(Duration.days(5)).build());
    }

    private static Map<String, Object> queueProperties(TestStacks.Synthesized synthesized,
            software.amazon.awscdk.services.sqs.Queue queue) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) synthesized.template().findResources("AWS::SQS::Queue")
                .get(synthesized.logicalId(queue)).get("Properties");
        return properties;
    }

    @Test
    void thereAreExactlyThreeQueues() {
        defaults().template().resourceCountIs("AWS::SQS::Queue", 3);
        PinpointGtmConnector c = defaults().connector();
        assertThat(List.of(c.getQueue(), c.getRejectedQueue(), c.getDeadLetterQueue())).doesNotHaveDuplicates();
    }

    @Test
    void theRejectedQueueKeepsMessagesFourDaysByDefaultAndAsConfigured() {
        assertThat(queueProperties(defaults(), defaults().connector().getRejectedQueue()))
                .containsEntry("MessageRetentionPeriod", 345_600);
        assertThat(queueProperties(customised, customised.connector().getRejectedQueue()))
                .containsEntry("MessageRetentionPeriod", 43_200);
    }

    @Test
    void theRejectedQueueIsNeitherRedrivenNorARedriveTarget() {
        assertThat(queueProperties(defaults(), defaults().connector().getRejectedQueue()))
                .doesNotContainKey("RedrivePolicy");
        String rejected = defaults().logicalId(defaults().connector().getRejectedQueue());
        assertThat(defaults().template().findResources("AWS::SQS::Queue").toString())
                .doesNotContain("[" + rejected + ", Arn]");
    }

    @Test
    void everyQueueUsesSqsManagedEncryptionByDefault() {
        defaults().template().allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true)));
        defaults().template().allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "KmsMasterKeyId", Match.absent())));
    }

    @Test
    void everyQueueAcceptsTheLargestMessagesSqsAllows() {
        defaults().template().allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "MaximumMessageSize", 1_048_576)));
    }

    @Test
    void theDeadLetterQueueKeepsMessagesFourteenDays() {
        Map<String, Object> dlq = defaults().template().findResources("AWS::SQS::Queue").get(
                defaults().logicalId(defaults().connector().getDeadLetterQueue()));
        assertThat(dlq).extracting("Properties").extracting("MessageRetentionPeriod").isEqualTo(1_209_600);
    }

    @Test
    void theQueueKeepsMessagesForTheRetriesLongestCourseAtLeastFourDays() {
        assertThat(queueProperties(defaults(), defaults().connector().getQueue()))
                .containsEntry("MessageRetentionPeriod", 345_600);
        // 5 days: 1905 s of doubling, then 1800 s a receive: 247 receives; ceilings 3810 + 239 x 3600 s, 247 x 35 s
        // of batching window and timeout, a day of backlog.
        assertThat(queueProperties(fiveDayOutage, fiveDayOutage.connector().getQueue()))
                .containsEntry("MessageRetentionPeriod", 3_810 + 239 * 3_600 + 247 * 35 + 86_400);
    }

    @Test
    void theQueueRedrivesToTheDeadLetterQueueAfterTheReceivesTheOutageToleranceNeeds() {
        defaults().template().hasResourceProperties("AWS::SQS::Queue", Map.of(
                "RedrivePolicy", Map.of(
                        "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(
                                defaults().logicalId(defaults().connector().getDeadLetterQueue()), "Arn")),
                        "maxReceiveCount", 55)));
        fiveDayOutage.template().hasResourceProperties("AWS::SQS::Queue", Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 247))));
    }

    @Test
    void visibilityTimeoutIsSixTimesTheProcessorTimeoutPlusTheBatchingWindow() {
        // 6 x 30 s + 5 s by default; 6 x 60 s + 20 s customised.
        defaults().template().hasResourceProperties("AWS::SQS::Queue", Map.of("VisibilityTimeout", 185));
        customised.template().hasResourceProperties("AWS::SQS::Queue", Map.of("VisibilityTimeout", 380));
    }

    @Test
    void maxReceiveCountIsConfigurable() {
        customised.template().hasResourceProperties("AWS::SQS::Queue", Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 3))));
    }

    @Test
    void everyQueueRefusesRequestsWithoutTls() {
        for (TestStacks.Synthesized synthesized : List.of(defaults(), customised)) {
            Template template = synthesized.template();
            template.resourceCountIs("AWS::SQS::QueuePolicy", 3);
            PinpointGtmConnector c = synthesized.connector();
            for (software.amazon.awscdk.services.sqs.Queue queue : List.of(c.getQueue(), c.getRejectedQueue(),
                    c.getDeadLetterQueue())) {
                template.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                        "Queues", List.of(Map.of("Ref", synthesized.logicalId(queue))))));
            }
            template.allResourcesProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of(
                                    "Effect", "Deny",
                                    "Action", "sqs:*",
                                    "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        }
    }

    @Test
    void aCustomerManagedKeyEncryptsEveryQueue() {
        String keyId = customised.template().findResources("AWS::KMS::Key").keySet().iterator().next();
        customised.template().allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(keyId, "Arn")))));
        customised.template().allResourcesProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", Match.absent())));
    }
}
