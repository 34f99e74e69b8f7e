package io.github.pinpointgtm.examples.local.soak;

import io.github.pinpointgtm.examples.local.TimeScale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outage soak: {@code ./mvnw -Poutage-soak -DskipTests package} from the repository root, with
 * {@code -Dsoak.outage=server-errors|throttled-records|both} (default both, one after the other),
 * {@code -Dsoak.hits} (default 2000), {@code -Dsoak.outageHours} (default 20), {@code -Dsoak.timeScale} (simulated
 * seconds per wall-clock second, default 60) and {@code -Dsoak.seed}. Prints the figures; exits with status 1 when a
 * hit was lost, misplaced or dead-lettered, 0 otherwise.
 */
public final class OutageSoakMain {

    private OutageSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        String which = System.getProperty("soak.outage", "both").toLowerCase(Locale.ROOT);
        List<OutageSoak.Outage> outages = switch (which) {
            case "server-errors" -> List.of(OutageSoak.Outage.SERVER_ERRORS);
            case "throttled-records" -> List.of(OutageSoak.Outage.THROTTLED_RECORDS);
            case "both" -> List.of(OutageSoak.Outage.values());
            default -> throw new IllegalArgumentException(
                    "soak.outage must be server-errors, throttled-records or both, was " + which);
        };
        int hits = Integer.parseInt(System.getProperty("soak.hits", "2000"));
        Duration outage = Duration.ofHours(Long.parseLong(System.getProperty("soak.outageHours",
                Long.toString(OutageSoak.DOCUMENTED_OUTAGE.toHours()))));
        TimeScale scale = new TimeScale(Integer.parseInt(System.getProperty("soak.timeScale",
                Integer.toString(OutageSoak.DOCUMENTED_SCALE.factor()))));
        long seed = FaultSoak.seed();
        List<OutageSoak.Result> results = new ArrayList<>();
        for (OutageSoak.Outage kind : outages) {
            OutageSoak.Result result = OutageSoak.run(new OutageSoak.Settings(kind, hits, outage, scale, seed));
            System.out.println("Outage soak result: " + result);
            results.add(result);
        }
        boolean survived = results.stream().allMatch(OutageSoak.Result::survived);
        System.out.println(survived ? "PASSED: nothing lost, nothing dead-lettered, every hit delivered or rejected"
                : "FAILED: hits were lost, misplaced or dead-lettered");
        // Exit explicitly: the embedded SQS server's threads would keep the JVM (and Maven's exec:java) alive.
        System.exit(survived ? 0 : 1);
    }
}
