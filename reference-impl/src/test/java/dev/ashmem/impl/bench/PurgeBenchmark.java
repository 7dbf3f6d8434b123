package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Purge throughput with the real hole punch: 4096 written pages (16 MiB) unpinned as one range or as
 * 4096 one-page ranges, then purged by one scan. Reported per page: pages/s = 1e9 / (ns/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PurgeBenchmark {
    private static final int P = 4096;
    private static final int PAGES = 4096;

    @Param({"1", "4096"})
    public int ranges;

    private OffHeapAshmem dev;
    private int fd;
    private MemorySegment memory;

    @Setup(Level.Trial)
    public void setUp() {
        dev = new OffHeapAshmem(P);
        fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize((long) PAGES * P));
        int m = (int) ((Result.Value) dev.mmap(fd, (long) PAGES * P, Prot.READ | Prot.WRITE, true, 0)).value();
        memory = dev.mappingView(m).orElseThrow().segment();
    }

    @Setup(Level.Invocation)
    public void dirtyAndUnpin() {
        dev.ioctl(fd, Command.pin(0, 0));
        memory.fill((byte) 0x3c); // every page holds data again
        if (ranges == 1) {
            dev.ioctl(fd, Command.unpin(0, 0));
        } else {
            int per = PAGES / ranges;
            for (int i = 0; i < ranges; i++) {
                dev.ioctl(fd, Command.unpin((long) i * per * P, (long) per * P));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long purge() {
        return dev.shrinkScan(0, true); // every range, each punched with fallocate outside the mutex
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dev.close();
    }
}
