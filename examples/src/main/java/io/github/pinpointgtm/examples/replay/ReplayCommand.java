package io.github.pinpointgtm.examples.replay;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Replays dead letters or rejected hits by reason: {@code ./mvnw -q -Preplay -DskipTests package
 * -Dexec.args="--source <dlq-url> --target <queue-url> --reason destination-rejected --dry-run"} from the repository
 * root ({@link ReplayOptions#USAGE} lists the options). Exits with status 0 when every selected message was replayed
 * (or listed, in a dry run), 1 when one could not be or SQS failed, 2 on bad arguments.
 */
public final class ReplayCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private ReplayCommand() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err, ReplayCommand::sqsClient);
        // Exit explicitly so Maven's exec:java reports the status (it would otherwise end with its own).
        System.exit(status);
    }

    /**
     * Runs the command.
     *
     * @param clients builds the SQS client for the options; the command closes it
     * @return the exit status
     */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<ReplayOptions, SqsClient> clients) {
        if (args.contains(ReplayOptions.HELP)) {
            out.println(ReplayOptions.USAGE);
            return EXIT_OK;
        }
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (UsageException e) {
            err.println("replay: " + e.getMessage());
            err.println();
            err.println(ReplayOptions.USAGE);
            return EXIT_USAGE;
        }
        out.println((options.dryRun() ? "Dry run: listing" : "Replaying") + " messages from " + options.sourceQueueUrl()
                + " to " + options.targetQueueUrl());
        try (SqsClient sqs = clients.apply(options)) {
            ReplaySummary summary = new QueueReplay(sqs, options, out).run();
            summary.print(out);
            return summary.succeeded() ? EXIT_OK : EXIT_FAILED;
        } catch (SdkException e) {
            // e.g. no region or credentials found by the SDK's default chains
            err.println("replay: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /**
     * The SDK's SQS client with the URLConnection HTTP client, the default credentials chain, and the default region
     * chain unless {@code --region} is given; {@code --endpoint-url} replaces AWS's endpoint (the SDK's own
     * {@code AWS_ENDPOINT_URL_SQS} works too).
     */
    static SqsClient sqsClient(ReplayOptions options) {
        return sqsClient(options, DefaultCredentialsProvider.builder().build());
    }

    static SqsClient sqsClient(ReplayOptions options, AwsCredentialsProvider credentials) {
        SqsClientBuilder builder = SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials);
        if (options.region() != null) {
            builder.region(Region.of(options.region()));
        }
        if (options.endpointUrl() != null) {
            builder.endpointOverride(options.endpointUrl());
        }
        return builder.build();
    }
}
