package io.github.pinpointgtm.examples.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves the CloudFormation references in a synthesized template's values (the processor's environment) to the
 * names the local stand-ins are started with, the way a deployment would resolve them:
 *
 * <ul>
 *   <li>{@code Ref} of a stream, delivery stream, event bus or Customer Profiles domain: its physical name, which is
 *       the template's name property when set, else the resource's logical id (where CloudFormation would generate a
 *       name from the stack name and the logical id);</li>
 *   <li>{@code Fn::GetAtt [id, Arn]} of a stream, delivery stream or event bus: its ARN in the local account
 *       {@value #LOCAL_ACCOUNT}, e.g. {@code arn:aws:events:<region>:000000000000:event-bus/<name>};
 *       {@code Fn::GetAtt [id, Name]} of an event bus: its name;</li>
 *   <li>{@code Ref} of the pseudo parameters {@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::Partition},
 *       {@code AWS::URLSuffix} and {@code AWS::StackId} (the local stack {@value #LOCAL_STACK_NAME} with a fixed
 *       id); {@code Fn::Join}.</li>
 * </ul>
 *
 * Anything else is refused with an {@link IllegalArgumentException} naming it, rather than guessed.
 */
final class CloudFormationReferences {

    /** The account id of every local ARN. */
    static final String LOCAL_ACCOUNT = "000000000000";
    /** The name in {@code AWS::StackId}. */
    static final String LOCAL_STACK_NAME = "local-pipeline";
    /** The unique part of {@code AWS::StackId}: fixed, so a local run's log fingerprints are reproducible. */
    static final String LOCAL_STACK_UUID = "00000000-0000-4000-8000-000000000000";

    /**
     * What CloudFormation's {@code Ref} and {@code Fn::GetAtt} return for a resource type.
     *
     * @param nameProperty the property holding the physical name ({@code Ref} returns it)
     * @param arnService   the ARN's service, or null when the type has no {@code Arn} attribute
     * @param arnResource  the ARN's resource part before the name
     */
    private record ResourceKind(String nameProperty, String arnService, String arnResource) {
    }

    private static final Map<String, ResourceKind> KINDS = Map.of(
            "AWS::Kinesis::Stream", new ResourceKind("Name", "kinesis", "stream/"),
            "AWS::KinesisFirehose::DeliveryStream", new ResourceKind("DeliveryStreamName", "firehose", "deliverystream/"),
            "AWS::Events::EventBus", new ResourceKind("Name", "events", "event-bus/"),
            "AWS::CustomerProfiles::Domain", new ResourceKind("DomainName", null, null));

    private final Map<String, Object> resources;
    private final String region;

    /**
     * @param resources the template's {@code Resources}, by logical id
     * @param region    the region of the local ARNs and of {@code AWS::Region}
     */
    CloudFormationReferences(Map<String, Object> resources, String region) {
        this.resources = Map.copyOf(resources);
        this.region = Objects.requireNonNull(region, "region");
    }

    /**
     * @param value a template value: a string or an intrinsic function
     * @return the resolved text
     * @throws IllegalArgumentException when the value is nothing this class resolves
     */
    String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> function && function.size() == 1) {
            Map.Entry<?, ?> call = function.entrySet().iterator().next();
            Object argument = call.getValue();
            switch (String.valueOf(call.getKey())) {
                case "Ref" -> {
                    return ref(String.valueOf(argument));
                }
                case "Fn::GetAtt" -> {
                    if (argument instanceof List<?> pair && pair.size() == 2) {
                        return getAtt(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
                    }
                    if (argument instanceof String dotted && dotted.indexOf('.') > 0) {
                        return getAtt(dotted.substring(0, dotted.indexOf('.')), dotted.substring(dotted.indexOf('.') + 1));
                    }
                }
                case "Fn::Join" -> {
                    if (argument instanceof List<?> join && join.size() == 2 && join.get(0) instanceof String separator
                            && join.get(1) instanceof List<?> parts) {
                        StringBuilder text = new StringBuilder();
                        for (int i = 0; i < parts.size(); i++) {
                            text.append(i == 0 ? "" : separator).append(resolve(parts.get(i)));
                        }
                        return text.toString();
                    }
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("cannot resolve " + value + " locally (supported: a string, Ref, "
                + "Fn::GetAtt Arn of " + KINDS.keySet() + ", the pseudo parameters, Fn::Join)");
    }

    private String ref(String target) {
        return switch (target) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> LOCAL_ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + LOCAL_ACCOUNT + ":stack/"
                    + LOCAL_STACK_NAME + "/" + LOCAL_STACK_UUID;
            default -> physicalName(target);
        };
    }

    private String getAtt(String logicalId, String attribute) {
        ResourceKind kind = kind(logicalId);
        if (attribute.equals("Arn") && kind.arnService() != null) {
            return "arn:aws:" + kind.arnService() + ":" + region + ":" + LOCAL_ACCOUNT + ":" + kind.arnResource()
                    + physicalName(logicalId);
        }
        if (attribute.equals(kind.nameProperty())) {
            return physicalName(logicalId);
        }
        throw new IllegalArgumentException("cannot resolve Fn::GetAtt " + logicalId + "." + attribute + " locally");
    }

    @SuppressWarnings("unchecked")
    private String physicalName(String logicalId) {
        ResourceKind kind = kind(logicalId);
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resources.get(logicalId))
                .getOrDefault("Properties", Map.of());
        Object name = properties.get(kind.nameProperty());
        return name == null ? logicalId : resolve(name);
    }

    @SuppressWarnings("unchecked")
    private ResourceKind kind(String logicalId) {
        Object resource = resources.get(logicalId);
        if (!(resource instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("the template has no resource " + logicalId);
        }
        String type = String.valueOf(((Map<String, Object>) map).get("Type"));
        ResourceKind kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException("cannot resolve a reference to " + logicalId + " (" + type
                    + ") locally");
        }
        return kind;
    }
}
