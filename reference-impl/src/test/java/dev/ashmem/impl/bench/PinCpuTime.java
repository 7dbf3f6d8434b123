package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/**
 * PinBenchmark's pinThenUnpin timed in thread CPU time instead of wall time: on a shared, overloaded
 * machine the wall clock mostly measures the other jobs, while the CPU time of the measuring thread only
 * grows while it runs. Same setup as {@link PinBenchmark} ({@code ranges} one-page ranges at pages
 * 0, 2, 4, ...; PIN then UNPIN of the middle one). Prints, per range count, the median and the lowest
 * quartile of the batches' ns per PIN+UNPIN pair, and the heap bytes the thread allocated per pair. Run: {@code ./ashmem bench cpu [ROUNDS] N...}.
 */
@CommandLine.Command(name = "cpu", mixinStandardHelpOptions = true,
        description = "PIN then UNPIN of the middle page among N unpinned one-page ranges, in thread CPU time, e.g. cpu 30 1 100 10000 100000.")
public final class PinCpuTime implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final int P = 4096;
    private static final int BATCH = 20_000;
    /** The most ranges: the area is 2N+2 pages, N unpins set it up. */
    static final int MAX_RANGES = 10_000_000;

    @Parameters(index = "0", paramLabel = "ROUNDS", description = "timed batches of 20,000 pairs per range count (as many again warm up first), at least 4", arity = "1")
    int rounds;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "N", description = "range counts, 1..10,000,000")
    List<Integer> counts;

    @Override
    public Integer call() {
        var cl = spec.commandLine();
        if (rounds < 4) {
            throw new CommandLine.ParameterException(cl, "ROUNDS must be at least 4 (quartiles), not " + rounds);
        }
        for (int n : counts) {
            if (n < 1 || n > MAX_RANGES) {
                throw new CommandLine.ParameterException(cl, "N must be 1.." + MAX_RANGES + ", not " + n);
            }
        }
        run(rounds, counts);
        return 0;
    }

    static void run(int rounds, List<Integer> counts) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int ranges : counts) {
            try (AshmemDevice dev = new OffHeapAshmem(P)) {
                int fd = dev.openHandle();
                dev.ioctl(fd, new Command.SetSize(2L * ranges * P + 2L * P));
                if (!(dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0) instanceof Result.Value)) {
                    throw new IllegalStateException("mmap failed");
                }
                for (int i = 0; i < ranges; i++) {
                    if (!dev.ioctl(fd, Command.unpin(2L * i * P, P)).equals(Result.ZERO)) {
                        throw new IllegalStateException("unpin failed");
                    }
                }
                long middle = 2L * (ranges / 2) * P;
                Command pin = Command.pin(middle, P);
                Command unpin = Command.unpin(middle, P);
                long sink = 0;
                double[] ns = new double[rounds];
                long allocated = 0;
                for (int r = -rounds; r < rounds; r++) { // the first half warms up
                    long a0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < BATCH; i++) {
                        sink += dev.ioctl(fd, pin).raw() + dev.ioctl(fd, unpin).raw();
                    }
                    long t1 = threads.getCurrentThreadCpuTime();
                    long a1 = threads.getCurrentThreadAllocatedBytes();
                    if (r >= 0) {
                        ns[r] = (t1 - t0) / (double) BATCH;
                        allocated += a1 - a0;
                    }
                }
                Arrays.sort(ns);
                System.out.printf("ranges=%d pinThenUnpin cpu ns/op: median %.1f, lowest quartile %.1f, heap bytes/op %.1f (%d batches of %d; %d)%n",
                        ranges, ns[rounds / 2], ns[rounds / 4], allocated / (double) rounds / BATCH, rounds, BATCH, sink & 1);
            }
        }
    }
}
