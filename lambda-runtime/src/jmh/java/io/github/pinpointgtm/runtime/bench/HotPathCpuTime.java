package io.github.pinpointgtm.runtime.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hot path's cost in CPU time rather than wall time: events per second of this process's CPU time (all its
 * threads: caller, PutEvents sender, JIT, GC), after a warm-up. On a machine shared with other work, JMH's wall-clock
 * throughput depends on how much of a core the benchmark thread gets; CPU time does not, so this is the figure to
 * hold against "events per second on one core".
 *
 * <p>Warm-up and measurement last a given amount of the process's CPU time, not of wall time, so that a loaded machine
 * lengthens them instead of cutting the JIT's warm-up short.
 *
 * <p>Arguments: {@code [warm-up CPU seconds] [measurement CPU seconds] [stages]} (default 30, 20 and all stages;
 * {@code stages} is a comma-separated list of parts of stage names, e.g. {@code read,pinpoint/batch}).
 */
public final class HotPathCpuTime {

    /** Events per CPU second and per wall second of one measured stage. */
    record Figure(String stage, long events, double cpuSeconds, double wallSeconds) {
        double eventsPerCpuSecond() {
            return events / cpuSeconds;
        }

        double eventsPerWallSecond() {
            return events / wallSeconds;
        }
    }

    private HotPathCpuTime() {
    }

    /** The destinations whose delivery is measured, in the order of the stages. */
    static final List<String> DESTINATIONS = List.of("pinpoint", "kinesis", "firehose", "eventbridge");

    /**
     * Measures {@code read} (parse, policy, mapping) and, per destination, {@code batchOf100} (read and delivery),
     * {@code sdkCallOf100} (the SDK call alone on prebuilt requests) and {@code answerOf100} (the in-memory answer
     * alone): see {@link HotPathBenchmark}.
     *
     * @param warmUp      CPU time each stage runs before it is measured
     * @param measurement CPU time each stage is measured for
     * @param selected    which stages to run: those whose name contains one of these (all when empty)
     * @return the measured stages, in order
     */
    static List<Figure> measure(Duration warmUp, Duration measurement, List<String> selected) {
        List<Figure> figures = new ArrayList<>();
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.setUp();
        try {
            if (wanted("read", selected)) {
                figures.add(stage("read", warmUp, measurement, 1, benchmark::read));
            }
        } finally {
            benchmark.tearDown();
        }
        for (String type : DESTINATIONS) {
            List<String> stages = List.of(type + "/batchOf100", type + "/sdkCallOf100", type + "/answerOf100");
            if (stages.stream().noneMatch(stage -> wanted(stage, selected))) {
                continue;
            }
            HotPathBenchmark.Destination destination = new HotPathBenchmark.Destination();
            destination.type = type;
            destination.setUp();
            try {
                List<Runnable> calls = List.of(destination::deliverBatch, destination::sdkCall, destination::answer);
                for (int i = 0; i < stages.size(); i++) {
                    if (wanted(stages.get(i), selected)) {
                        figures.add(stage(stages.get(i), warmUp, measurement, HotPathBenchmark.BATCH_SIZE,
                                calls.get(i)));
                    }
                }
            } finally {
                destination.tearDown();
            }
        }
        return figures;
    }

    private static boolean wanted(String stage, List<String> selected) {
        return selected.isEmpty() || selected.stream().anyMatch(stage::contains);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static Figure stage(String name, Duration warmUp, Duration measurement, int eventsPerCall, Runnable call) {
        runFor(warmUp, call);
        long cpuStart = OS.getProcessCpuTime();
        long wallStart = System.nanoTime();
        long calls = runFor(measurement, call);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
        return new Figure(name, calls * eventsPerCall, cpu, wall);
    }

    /** Calls {@code call} until the process has used {@code cpuTime} more CPU time; returns how many calls. */
    private static long runFor(Duration cpuTime, Runnable call) {
        long end = OS.getProcessCpuTime() + cpuTime.toNanos();
        long calls = 0;
        do {
            for (int i = 0; i < 16; i++) { // the CPU clock is a system call: read it every few calls
                call.run();
            }
            calls += 16;
        } while (OS.getProcessCpuTime() < end);
        return calls;
    }

    public static void main(String[] args) {
        Duration warmUp = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        Duration measurement = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        List<String> selected = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        System.out.println("| stage | events | CPU s | wall s | events per CPU second | events per wall second |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Figure f : measure(warmUp, measurement, selected)) {
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.0f | %.0f |", f.stage(),
                    f.events(), f.cpuSeconds(), f.wallSeconds(), f.eventsPerCpuSecond(), f.eventsPerWallSecond()));
        }
        System.out.println("JVM: " + Runtime.version() + " " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
