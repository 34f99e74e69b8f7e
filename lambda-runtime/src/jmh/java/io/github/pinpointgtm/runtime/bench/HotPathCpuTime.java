package io.github.pinpointgtm.runtime.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
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
 * <p>Arguments: {@code [warm-up CPU seconds] [measurement CPU seconds]} (default 30 and 20).
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

    /** Measures {@code read} (parse, policy, mapping) and {@code batchOf100} (plus PutEvents through the SDK). */
    static Figure[] measure(Duration warmUp, Duration measurement) {
        HotPathBenchmark benchmark = new HotPathBenchmark();
        benchmark.setUp();
        try {
            Figure read = stage("read (parse + policy + mapping)", warmUp, measurement, 1, benchmark::read);
            Figure batch = stage("batchOf100 (read + PutEvents build, marshal, sign, parse)", warmUp, measurement,
                    HotPathBenchmark.BATCH_SIZE, benchmark::deliverBatch);
            return new Figure[] {read, batch};
        } finally {
            benchmark.tearDown();
        }
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
        System.out.println("| stage | events | CPU s | wall s | events per CPU second | events per wall second |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Figure f : measure(warmUp, measurement)) {
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.0f | %.0f |", f.stage(),
                    f.events(), f.cpuSeconds(), f.wallSeconds(), f.eventsPerCpuSecond(), f.eventsPerWallSecond()));
        }
        System.out.println("JVM: " + Runtime.version() + " " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
