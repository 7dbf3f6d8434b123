package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * PinBenchmark's pinThenUnpin timed in thread CPU time instead of wall time: on a shared, overloaded
 * machine the wall clock mostly measures the other jobs, while the CPU time of the measuring thread only
 * grows while it runs. Same setup as {@link PinBenchmark} ({@code ranges} one-page ranges at pages
 * 0, 2, 4, ...; PIN then UNPIN of the middle one). Prints, per range count, the median and the lowest
 * quartile of the batches' ns per PIN+UNPIN pair, and the heap bytes the thread allocated per pair. Run: {@code ./ashmem bench cpu [ROUNDS] N...}.
 */
public final class PinCpuTime {
    private static final int P = 4096;
    private static final int BATCH = 20_000;

    private PinCpuTime() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: cpu ROUNDS N... (e.g. cpu 30 1 100 10000 100000)");
        }
        int rounds = Integer.parseInt(args[0]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int a = 1; a < args.length; a++) {
            int ranges = Integer.parseInt(args[a]);
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
