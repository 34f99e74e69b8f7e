package io.github.pinpointgtm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * The app {@link RepeatableSynthesisTest} synthesizes in separate JVMs: one stack per destination, with SnapStart on
 * and off; the stacks without SnapStart also turn on every web ACL option, WAF logging, identity verification and an
 * alarm on the web ACL's metric. Usage: {@code RepeatableSynthesisApp <output directory>}.
 */
public final class RepeatableSynthesisApp {

    private RepeatableSynthesisApp() {
    }

    /** @return the names of the stacks the app synthesizes, one per destination type and SnapStart setting */
    static List<String> stackNames() {
        return destinationTypes().stream()
                .flatMap(type -> List.of(stackName(type, true), stackName(type, false)).stream())
                .toList();
    }

    /**
     * Synthesizes the app.
     *
     * @param args the output directory
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RepeatableSynthesisApp <output directory>");
        }
        // Staging would copy the processor jar once per stack; the templates name assets by content hash either way.
        App app = App.Builder.create().outdir(Path.of(args[0]).toString())
                .context(Map.of("aws:cdk:disable-asset-staging", true))
                .build();
        addStacks(app);
        app.synth();
    }

    /**
     * Adds the stacks {@link #stackNames()} names to {@code app}.
     *
     * @param app the app to add them to
     */
    static void addStacks(App app) {
        for (String type : destinationTypes()) {
            for (boolean snapStart : List.of(true, false)) {
                Stack stack = new Stack(app, stackName(type, snapStart));
                EventDestination destination = DestinationFixtures.in(stack).destinations().get(type);
                PinpointGtmConnectorProps.Builder props = PinpointGtmConnectorProps.builder()
                        .destination(destination)
                        .allowedOrigins(List.of(TestStacks.ORIGIN, "https://shop.example.com"))
                        .allowedEventTypes(List.of("purchase", "page_view", "add_to_cart"))
                        .snapStart(snapStart);
                if (!snapStart) {
                    props.identityVerification(IdentityVerification.hmacSha256(new Secret(stack, "IdentityKey"), "anon-"))
                            .edgeProtection(EdgeProtection.webAcl(EdgeProtectionOptions.builder()
                                    .rateLimitPerEndpointId(300)
                                    .anonymousIpList(true)
                                    .logDestination(WafLogDestination.logGroup(LogGroup.Builder.create(stack, "WafLogs")
                                            .logGroupName("aws-waf-logs-repeatable-" + type).build()))
                                    .build()));
                }
                PinpointGtmConnector connector = new PinpointGtmConnector(stack, "Connector", props.build());
                if (!snapStart) {
                    connector.metricWebAclBlockedRequests(null).createAlarm(stack, "Blocked",
                            CreateAlarmOptions.builder().threshold(100).evaluationPeriods(1).build());
                }
            }
        }
    }

    private static List<String> destinationTypes() {
        return List.of("pinpoint", "kinesis", "firehose", "eventbridge", "customer-profiles");
    }

    private static String stackName(String destinationType, boolean snapStart) {
        return "Repeatable-" + destinationType + (snapStart ? "-snapstart" : "-no-snapstart");
    }
}
