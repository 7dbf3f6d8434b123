package dev.ashmem.impl.bench;

/**
 * Runs the JMH benchmarks of this module: {@code mvn -o -pl reference-impl -Pbench test-compile exec:exec}
 * (see BENCHMARKS.md). Arguments are JMH's own; with none, every benchmark here runs with JMH defaults.
 * {@code ratio [bytes] [rounds]} runs {@link BandwidthRatio} instead, {@code cpu ROUNDS N...} {@link PinCpuTime}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("ratio") || args[0].equals("cpu"))) {
            Object command = args[0].equals("ratio") ? new BandwidthRatio() : new PinCpuTime();
            System.exit(new picocli.CommandLine(command).execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length == 0) {
            args = new String[] {"dev.ashmem.impl.bench"};
        }
        org.openjdk.jmh.Main.main(args);
    }
}
