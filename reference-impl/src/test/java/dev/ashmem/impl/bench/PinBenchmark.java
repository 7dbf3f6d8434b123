package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PIN / UNPIN / GET_PIN_STATUS in one area holding {@code ranges} unpinned ranges (pages 0, 2, 4, ...),
 * on the implementation's tree and on the model's linear list side by side. Each operation targets the
 * middle range, so the list walks half the list. Every benchmark leaves the ranges as they were: PIN then
 * UNPIN of the same page (only its LRU place changes), an UNPIN that is subsumed, a PIN of a page that
 * is already pinned, a status query.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class PinBenchmark {
    private static final int P = 4096;

    @Param({"1", "100", "10000", "100000"})
    public int ranges;

    @Param({"offheap", "model"})
    public String impl;

    private AshmemDevice dev;
    private int fd;
    private Command pinMiddle;
    private Command unpinMiddle;
    private Command statusMiddle;
    private Command pinGap;

    @Setup(Level.Trial)
    public void setUp() {
        dev = impl.equals("model") ? new AshmemModel(P) : new OffHeapAshmem(P);
        fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize(2L * ranges * P + 2L * P));
        if (!(dev.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0) instanceof Result.Value)) {
            throw new IllegalStateException("mmap failed");
        }
        // ascending: each new range is the highest, so the model's walk stops at once while building
        for (int i = 0; i < ranges; i++) {
            var r = dev.ioctl(fd, Command.unpin(2L * i * P, P));
            if (!r.equals(Result.ZERO)) {
                throw new IllegalStateException("unpin failed: " + r);
            }
        }
        long middle = 2L * (ranges / 2) * P;
        pinMiddle = Command.pin(middle, P);
        unpinMiddle = Command.unpin(middle, P);
        statusMiddle = Command.pinStatus(middle, P);
        pinGap = Command.pin(middle + P, P); // the pinned page between two ranges: nothing to change
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dev.close();
    }

    /** PIN the middle range (deleting it) and UNPIN it again: two walks. */
    @Benchmark
    public long pinThenUnpin() {
        long a = dev.ioctl(fd, pinMiddle).raw();
        long b = dev.ioctl(fd, unpinMiddle).raw();
        return a + b;
    }

    /** UNPIN of the middle range again: the walk finds it subsumed and changes nothing. */
    @Benchmark
    public long unpinSubsumed() {
        return dev.ioctl(fd, unpinMiddle).raw();
    }

    /** PIN of the pinned page above the middle range: the walk finds nothing to cut. */
    @Benchmark
    public long pinAlreadyPinned() {
        return dev.ioctl(fd, pinGap).raw();
    }

    /** GET_PIN_STATUS of the middle range. */
    @Benchmark
    public long pinStatus() {
        return dev.ioctl(fd, statusMiddle).raw();
    }
}
