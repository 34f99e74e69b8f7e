package io.github.pinpointgtm.examples.replay;

import io.github.pinpointgtm.runtime.event.RejectionReason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The replay command's options, read from its command line.
 *
 * @param sourceQueueUrl the queue to take messages from (the dead-letter queue or the rejected queue)
 * @param targetQueueUrl the queue to put them back into (the connector's main queue)
 * @param filter         which messages to replay
 * @param limit          the most messages to replay in this run ({@link Integer#MAX_VALUE}: no limit)
 * @param dryRun         list and count what would be replayed, move nothing
 * @param endpointUrl    the SQS endpoint to call instead of AWS's, or null
 * @param region         the region to use instead of the SDK's default region chain, or null
 */
record ReplayOptions(String sourceQueueUrl, String targetQueueUrl, ReasonFilter filter, int limit, boolean dryRun,
                     URI endpointUrl, String region) {

    /** The option that prints the usage and replays nothing. */
    static final String HELP = "--help";

    static final String USAGE = """
            Usage, from the repository root:
              ./mvnw -q -Preplay -DskipTests package -Dexec.args="<options>"
            Options:
              --source <queue-url> --target <queue-url>
              (--reason <code>[,<code>...] [--without-reason] | --without-reason | --all-reasons)
              [--limit <n>] [--dry-run] [--region <region>] [--endpoint-url <url>]

            Moves messages from the dead-letter queue (or the rejected queue) back to the connector's main queue,
            selected by their "reason" message attribute. Each message is sent with its body unchanged and without
            the reason and detail attributes, and deleted from the source only after its send succeeded.

              --source <queue-url>     the queue to take messages from
              --target <queue-url>     the queue to send them to (the connector's main queue)
              --reason <code>          replay messages with this reason; repeatable, or a comma-separated list
              --without-reason         replay messages without a reason attribute (moved by SQS's redrive:
                                       a crash or failed hand-off on their last allowed receive)
              --all-reasons            replay every message, whatever its reason
              --limit <n>              replay at most n messages (default: every matching message)
              --dry-run                list and count what would be replayed; move nothing
              --region <region>        default: the SDK's region chain (AWS_REGION, the profile's region)
              --endpoint-url <url>     call this SQS endpoint instead of AWS's (a local SQS)
              --help                   print this text

            Credentials come from the SDK's default chain (environment, profile, SSO, instance role).
            Exit status: 0 done, 1 a message could not be replayed or SQS failed, 2 bad arguments.""";

    /**
     * Reads the command line: {@code --option value} or {@code --option=value}.
     *
     * @throws UsageException naming the option when the command line is incomplete, contradictory or has a bad value
     */
    static ReplayOptions parse(List<String> args) throws UsageException {
        String source = null;
        String target = null;
        Set<String> reasons = new LinkedHashSet<>();
        boolean withoutReason = false;
        boolean allReasons = false;
        Integer limit = null;
        boolean dryRun = false;
        URI endpointUrl = null;
        String region = null;
        List<String> remaining = new ArrayList<>(args);
        while (!remaining.isEmpty()) {
            String arg = remaining.remove(0);
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--source" -> source = once(name, source, queueUrl(name, value(name, inlineValue, remaining)));
                case "--target" -> target = once(name, target, queueUrl(name, value(name, inlineValue, remaining)));
                case "--reason" -> reasons.addAll(reasonCodes(value(name, inlineValue, remaining)));
                case "--without-reason" -> withoutReason = flag(name, inlineValue);
                case "--all-reasons" -> allReasons = flag(name, inlineValue);
                case "--limit" -> limit = once(name, limit, positive(name, value(name, inlineValue, remaining)));
                case "--dry-run" -> dryRun = flag(name, inlineValue);
                case "--region" -> region = once(name, region, notBlank(name, value(name, inlineValue, remaining)));
                case "--endpoint-url" ->
                        endpointUrl = once(name, endpointUrl, endpoint(name, value(name, inlineValue, remaining)));
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
        }
        if (source == null) {
            throw new UsageException("--source is required: the URL of the queue to take messages from");
        }
        if (target == null) {
            throw new UsageException("--target is required: the URL of the queue to send messages to");
        }
        if (source.equals(target)) {
            throw new UsageException("--source and --target are the same queue: " + source);
        }
        if (allReasons && (withoutReason || !reasons.isEmpty())) {
            throw new UsageException("--all-reasons replays every message: it cannot be combined with --reason or"
                    + " --without-reason");
        }
        if (!allReasons && !withoutReason && reasons.isEmpty()) {
            throw new UsageException("choose the messages to replay: --reason <code> (repeatable), --without-reason"
                    + " or --all-reasons");
        }
        return new ReplayOptions(source, target, new ReasonFilter(reasons, withoutReason, allReasons),
                limit == null ? Integer.MAX_VALUE : limit, dryRun, endpointUrl, region);
    }

    private static String value(String name, String inlineValue, List<String> remaining) throws UsageException {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (remaining.isEmpty() || remaining.get(0).startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return remaining.remove(0);
    }

    private static boolean flag(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static <T> T once(String name, T previous, T value) throws UsageException {
        if (previous != null) {
            throw new UsageException(name + " is given twice");
        }
        return value;
    }

    private static String notBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(name + " is empty");
        }
        return value;
    }

    /** The connector's queues are standard queues; a FIFO queue needs message group ids this command does not set. */
    private static String queueUrl(String name, String value) throws UsageException {
        URI uri = uri(name, value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
                || uri.getPath() == null || uri.getPath().length() <= 1) {
            throw new UsageException(name + " must be a queue URL such as"
                    + " https://sqs.us-east-1.amazonaws.com/123456789012/my-queue, was '" + value + "'");
        }
        if (uri.getPath().endsWith(".fifo")) {
            throw new UsageException(name + " is a FIFO queue (" + value + "); the connector's queues are standard"
                    + " queues and this command replays between standard queues only");
        }
        return value;
    }

    private static URI endpoint(String name, String value) throws UsageException {
        URI uri = uri(name, value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new UsageException(name + " must be an http or https URL, was '" + value + "'");
        }
        return uri;
    }

    private static URI uri(String name, String value) throws UsageException {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException(name + " is not a URL: '" + value + "'");
        }
    }

    private static int positive(String name, String value) throws UsageException {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", was '" + value
                + "'");
    }

    /** Known codes only: a misspelt reason would otherwise match nothing and replay nothing, silently. */
    private static List<String> reasonCodes(String value) throws UsageException {
        Set<String> known = Arrays.stream(RejectionReason.values()).map(RejectionReason::code)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> codes = new ArrayList<>();
        for (String code : value.split(",", -1)) {
            String trimmed = code.trim();
            if (!known.contains(trimmed)) {
                throw new UsageException("--reason '" + trimmed + "' is not a reason the processor writes; known"
                        + " reasons: " + String.join(", ", known)
                        + " (--without-reason selects messages that carry none)");
            }
            codes.add(trimmed);
        }
        return codes;
    }
}
