package dev.ashmem.impl.bench;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.cutils.Region;
import dev.ashmem.impl.cutils.RegionMapping;
import dev.ashmem.model.Prot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
 * Read and write bandwidth through a shared ashmem mapping, against MemorySegment.copy between two
 * plain off-heap segments of the same size with the same roles: {@code src -> mapped} against
 * {@code src -> plain}, {@code mapped -> dst} against {@code plain -> dst}. Throughput in copies per
 * second; bytes/s is that times {@code bytes}. On a loaded machine these sequential runs drift;
 * {@link BandwidthRatio} measures the same ratios interleaved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class BandwidthBenchmark {
    @Param({"1048576", "16777216"})
    public int bytes;

    private Arena arena;
    private MemorySegment src;
    private MemorySegment dst;
    private MemorySegment plain;
    private OffHeapAshmem dev;
    private Region region;
    private RegionMapping mapping;
    private MemorySegment mapped;
    private byte[] heap;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        src = arena.allocate(bytes, 4096);
        dst = arena.allocate(bytes, 4096);
        src.fill((byte) 1);
        dst.fill((byte) 2);
        plain = arena.allocate(bytes, 4096);
        plain.fill((byte) 4);
        dev = new OffHeapAshmem(4096);
        region = Region.create(dev, "bandwidth", bytes);
        mapping = region.map(Prot.READ | Prot.WRITE);
        mapped = mapping.segment();
        mapped.fill((byte) 3); // fault every page in before measuring
        heap = new byte[bytes];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        mapping.close();
        region.close();
        dev.close();
        arena.close();
    }

    @Benchmark
    public MemorySegment plainWrite() {
        MemorySegment.copy(src, 0, plain, 0, bytes);
        return plain;
    }

    @Benchmark
    public MemorySegment mappingWrite() {
        MemorySegment.copy(src, 0, mapped, 0, bytes);
        return mapped;
    }

    @Benchmark
    public MemorySegment plainRead() {
        MemorySegment.copy(plain, 0, dst, 0, bytes);
        return dst;
    }

    @Benchmark
    public MemorySegment mappingRead() {
        MemorySegment.copy(mapped, 0, dst, 0, bytes);
        return dst;
    }

    /** The checked driver path (store of a heap array), for comparison. */
    @Benchmark
    public Object storeThroughDriver() {
        return dev.store(mapping.id(), 0, heap);
    }
}
