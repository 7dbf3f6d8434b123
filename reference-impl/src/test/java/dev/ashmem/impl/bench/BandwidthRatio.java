package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.cutils.Region;
import dev.ashmem.model.Prot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Mapping bandwidth as a fraction of MemorySegment.copy between two off-heap segments, measured
 * interleaved. Each round times four batches in a rotating order: a write into the mapping
 * ({@code src -> mapped}) and the same copy between plain off-heap segments ({@code src -> plain}), a read
 * from the mapping ({@code mapped -> dst}) and its plain twin ({@code plain -> dst}). Each mapping copy is
 * compared with the plain copy that has the same roles and cache history, and the per-round ratios are
 * summarised by their median. On a shared, loaded machine the sequential JMH runs of
 * {@link BandwidthBenchmark} drift by several times; rounds of a few milliseconds see the same
 * conditions for all four.
 *
 * <p>Run: {@code ./ashmem bench ratio [BYTES] [ROUNDS]}.
 */
@Command(name = "ratio", mixinStandardHelpOptions = true,
        description = "Mapping bandwidth as a fraction of a plain off-heap copy, measured interleaved (median and quartiles of the rounds).")
public final class BandwidthRatio implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The largest copy: four buffers of it live at once. */
    static final int MAX_BYTES = 1 << 30;

    @Parameters(index = "0", arity = "0..1", defaultValue = "1048576", paramLabel = "BYTES",
            description = "bytes per copy, 1..2^30 (default: ${DEFAULT-VALUE})")
    int bytes;

    @Parameters(index = "1", arity = "0..1", defaultValue = "400", paramLabel = "ROUNDS",
            description = "timed rounds of the four copies, at least 4 (default: ${DEFAULT-VALUE})")
    int rounds;

    @Override
    public Integer call() {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "BYTES must be 1.." + MAX_BYTES + ", not " + bytes);
        }
        if (rounds < 4) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "ROUNDS must be at least 4 (quartiles), not " + rounds);
        }
        run(bytes, rounds);
        return 0;
    }

    static void run(int bytes, int rounds) {
        int batch = Math.max(1, (8 << 20) / bytes); // ~8 MiB moved per timed batch
        try (var arena = Arena.ofShared(); var dev = new OffHeapAshmem(4096);
             var region = Region.create(dev, "bandwidth-ratio", bytes);
             var mapping = region.map(Prot.READ | Prot.WRITE)) {
            var src = arena.allocate(bytes, 4096);
            var dst = arena.allocate(bytes, 4096);
            var plain = arena.allocate(bytes, 4096);
            var mapped = mapping.segment();
            src.fill((byte) 1);
            dst.fill((byte) 2);
            plain.fill((byte) 3);
            mapped.fill((byte) 4);
            MemorySegment[][] paths = {{src, mapped}, {src, plain}, {mapped, dst}, {plain, dst}};
            long warm = Math.max(200, (2L << 30) / bytes); // ~2 GiB through each path
            for (long i = 0; i < warm; i++) {
                for (var p : paths) {
                    MemorySegment.copy(p[0], 0, p[1], 0, bytes);
                }
            }
            var write = new double[rounds];
            var read = new double[rounds];
            long[] t = new long[4];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 4; k++) {
                    int which = (k + r) % 4; // rotate the order so no path always follows the same one
                    var from = paths[which][0];
                    var to = paths[which][1];
                    long t0 = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        MemorySegment.copy(from, 0, to, 0, bytes);
                    }
                    t[which] = System.nanoTime() - t0;
                }
                write[r] = (double) t[1] / t[0]; // bandwidth ratio = plain time / mapping time
                read[r] = (double) t[3] / t[2];
            }
            Arrays.sort(write);
            Arrays.sort(read);
            System.out.printf("bytes=%d rounds=%d batch=%d%n", bytes, rounds, batch);
            System.out.printf("write into mapping / plain off-heap copy: median %.3f (quartiles %.3f .. %.3f)%n",
                    write[rounds / 2], write[rounds / 4], write[3 * rounds / 4]);
            System.out.printf("read from mapping / plain off-heap copy:  median %.3f (quartiles %.3f .. %.3f)%n",
                    read[rounds / 2], read[rounds / 4], read[3 * rounds / 4]);
        }
    }
}
