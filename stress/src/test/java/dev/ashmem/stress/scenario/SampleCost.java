package dev.ashmem.stress.scenario;

import java.lang.management.ManagementFactory;

/**
 * The CPU cost of one sample without jcstress: start (a pooled run or a fresh device and setup), the two
 * actors one after the other, finish (the arbiter), in thread CPU time. Run, after
 * {@code mvn -o -pl stress install}, with {@code -Dashmem.stress.reuse=false} and without, alternating:
 * {@code java --enable-native-access=ALL-UNNAMED -cp stress/target/test-classes:stress/target/jcstress.jar
 * dev.ashmem.stress.scenario.SampleCost Pin_01_RacesInFlightPunch 2000 20}.
 */
public final class SampleCost {
    private SampleCost() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: SampleCost SCENARIO SAMPLES-PER-BATCH BATCHES");
        }
        var scenario = Scenarios.named(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        var t = ManagementFactory.getThreadMXBean();
        double[] ns = new double[rounds];
        for (int r = -rounds; r < rounds; r++) {
            long t0 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                var run = scenario.start();
                run.actor(0);
                run.actor(1);
                run.finish();
            }
            long t1 = t.getCurrentThreadCpuTime();
            if (r >= 0) {
                ns[r] = (t1 - t0) / (double) n;
            }
        }
        java.util.Arrays.sort(ns);
        System.out.printf("%s reuse=%s: cpu us/sample median %.2f, lowest quartile %.2f (%d x %d)%n", args[0],
                System.getProperty("ashmem.stress.reuse", "true"), ns[rounds / 2] / 1000, ns[rounds / 4] / 1000, rounds, n);
    }
}
