package io.github.pinpointgtm.examples.local.soak;

import java.time.Duration;

/**
 * The long fault soak: {@code ./mvnw -Psoak -DskipTests package -Dsoak.hits=20000 [-Dsoak.seed=<seed>]} from the
 * repository root. Prints the seed and the figures; exits with status 1 when a hit was lost or set aside in the wrong
 * queue, 0 otherwise.
 */
public final class FaultSoakMain {

    private FaultSoakMain() {
    }

    public static void main(String[] args) throws Exception {
        int hits = Integer.parseInt(System.getProperty("soak.hits", "20000"));
        System.out.println("Fault soak: " + hits + " hits through the local pipeline...");
        FaultSoak.Result result = FaultSoak.run(hits, Duration.ofMinutes(10));
        System.out.println("Fault soak result: " + result);
        boolean nothingLost = result.lost() == 0 && result.misplaced() == 0
                && result.delivered() + result.rejectedTotal() + result.deadLetteredTotal() + result.redriven()
                        == result.queued();
        System.out.println(nothingLost ? "PASSED: nothing lost, every hit in exactly one place"
                : "FAILED: hits were lost or misplaced");
        // Exit explicitly: the embedded SQS server's threads would keep the JVM (and Maven's exec:java) alive.
        System.exit(nothingLost ? 0 : 1);
    }
}
