package io.github.pinpointgtm.examples;

import java.util.function.Function;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The example CDK app: one stack with a {@link io.github.pinpointgtm.PinpointGtmConnector}.
 *
 * <p>Run by the CDK CLI ({@code npx aws-cdk synth} in {@code examples/}, see {@code cdk.json}) or by
 * {@code ./mvnw -Psynth -DskipTests package} from the repository root, which writes {@code examples/cdk.out}.
 * Settings come from CDK context ({@code -c destination=kinesis}) or, for the Maven profile, system properties of the
 * same names ({@code -Ddestination=kinesis}); see {@link ExampleSettings} and {@link ExampleDomainSettings} (a custom
 * domain and the events path) for the keys and their defaults.
 */
public final class ExampleApp {

    private ExampleApp() {
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().outdir(outputDirectory()).build());
        Function<String, Object> context = contextOrSystemProperty(app.getNode()::tryGetContext, System::getProperty);
        ExampleSettings settings = ExampleSettings.fromContext(context);
        new ConnectorExampleStack(app, settings.stackName(), StackProps.builder()
                .env(deploymentEnvironment())
                .description("pinpoint-gtm-connector example: a GTM pixel endpoint recording customer events in "
                        + settings.destination().displayName())
                .build(), settings, ExampleDomainSettings.fromContext(context));
        app.synth();
    }

    /**
     * A context key's value from CDK context ({@code -c key=value} on the CDK CLI, or {@code cdk.json}), else from the
     * system property of the same name, so that the Maven synth profile takes settings too:
     * {@code ./mvnw -Psynth -DskipTests package -Ddestination=kinesis}.
     */
    static Function<String, Object> contextOrSystemProperty(Function<String, Object> context,
            Function<String, String> systemProperties) {
        return key -> {
            Object value = context.apply(key);
            return value != null ? value : systemProperties.apply(key);
        };
    }

    /** The CDK CLI passes CDK_OUTDIR; the Maven synth profile passes a system property; else ./cdk.out. */
    private static String outputDirectory() {
        String fromCli = System.getenv("CDK_OUTDIR");
        if (fromCli != null && !fromCli.isBlank()) {
            return fromCli;
        }
        return System.getProperty("pinpointgtm.example.outdir", "cdk.out");
    }

    /** Account and region of the CLI's profile when deploying; environment-agnostic when they are unknown (plain synth). */
    private static Environment deploymentEnvironment() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        if (account == null || region == null) {
            return null;
        }
        return Environment.builder().account(account).region(region).build();
    }
}
