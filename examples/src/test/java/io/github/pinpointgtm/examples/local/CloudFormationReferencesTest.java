package io.github.pinpointgtm.examples.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor environment's CloudFormation references, resolved to the names the local stand-ins start with. */
class CloudFormationReferencesTest {

    private static final Map<String, Object> RESOURCES = Map.of(
            "EventStream271A91DB", Map.of("Type", "AWS::Kinesis::Stream", "Properties", Map.of("StreamModeDetails",
                    Map.of("StreamMode", "ON_DEMAND"))),
            "NamedStream", Map.of("Type", "AWS::Kinesis::Stream", "Properties", Map.of("Name", "shop-events")),
            "EventDelivery", Map.of("Type", "AWS::KinesisFirehose::DeliveryStream"),
            "EventBus", Map.of("Type", "AWS::Events::EventBus", "Properties", Map.of("Name", "StackEventBus1234")),
            "Domain", Map.of("Type", "AWS::CustomerProfiles::Domain", "Properties", Map.of("DomainName",
                    Map.of("Fn::Join", List.of("-", List.of("gtm", Map.of("Ref", "AWS::Region")))))),
            "Queue", Map.of("Type", "AWS::SQS::Queue"));

    private final CloudFormationReferences references = new CloudFormationReferences(RESOURCES, "eu-central-1");

    @Test
    void aRefIsTheResourcesNameFromTheTemplateElseItsLogicalId() {
        assertThat(references.resolve(Map.of("Ref", "NamedStream"))).isEqualTo("shop-events");
        assertThat(references.resolve(Map.of("Ref", "EventStream271A91DB"))).isEqualTo("EventStream271A91DB");
        assertThat(references.resolve(Map.of("Ref", "EventDelivery"))).isEqualTo("EventDelivery");
        assertThat(references.resolve(Map.of("Ref", "Domain"))).isEqualTo("gtm-eu-central-1");
    }

    @Test
    void getAttArnIsALocalArnOfThatName() {
        assertThat(references.resolve(Map.of("Fn::GetAtt", List.of("EventBus", "Arn"))))
                .isEqualTo("arn:aws:events:eu-central-1:000000000000:event-bus/StackEventBus1234");
        assertThat(references.resolve(Map.of("Fn::GetAtt", List.of("NamedStream", "Arn"))))
                .isEqualTo("arn:aws:kinesis:eu-central-1:000000000000:stream/shop-events");
        assertThat(references.resolve(Map.of("Fn::GetAtt", "EventDelivery.Arn")))
                .isEqualTo("arn:aws:firehose:eu-central-1:000000000000:deliverystream/EventDelivery");
        assertThat(references.resolve(Map.of("Fn::GetAtt", List.of("EventBus", "Name")))).isEqualTo("StackEventBus1234");
    }

    @Test
    void pseudoParametersAndJoinsResolve() {
        assertThat(references.resolve(Map.of("Fn::Join", List.of(":", List.of("arn", Map.of("Ref", "AWS::Partition"),
                "profile", Map.of("Ref", "AWS::Region"), Map.of("Ref", "AWS::AccountId"), "domains/x")))))
                .isEqualTo("arn:aws:profile:eu-central-1:000000000000:domains/x");
        assertThat(references.resolve(Map.of("Fn::Join",
                List.of("/", List.of(Map.of("Ref", "AWS::StackId"), "Connector")))))
                .isEqualTo("arn:aws:cloudformation:eu-central-1:000000000000:stack/local-pipeline/"
                        + "00000000-0000-4000-8000-000000000000/Connector");
        assertThat(references.resolve("plain text")).isEqualTo("plain text");
    }

    @Test
    void whatItCannotResolveIsRefusedNotGuessed() {
        assertThatThrownBy(() -> references.resolve(Map.of("Ref", "Queue")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Queue (AWS::SQS::Queue)");
        assertThatThrownBy(() -> references.resolve(Map.of("Ref", "Missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no resource Missing");
        assertThatThrownBy(() -> references.resolve(Map.of("Fn::GetAtt", List.of("Domain", "Arn"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Domain.Arn");
        assertThatThrownBy(() -> references.resolve(Map.of("Fn::ImportValue", "shared-bus")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Fn::ImportValue");
    }
}
