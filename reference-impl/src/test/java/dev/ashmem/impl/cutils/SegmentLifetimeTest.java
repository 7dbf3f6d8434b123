package dev.ashmem.impl.cutils;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Prot;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every segment the public API hands out (RegionMapping.segment(), OffHeapAshmem.mappingView()) dies
 * with its mapping: a late access throws IllegalStateException instead of touching unmapped memory
 * (which would kill the JVM with SIGSEGV), also from a thread racing the close.
 */
class SegmentLifetimeTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;

    /** One way a mapping's segment can be taken and one way its mapping can end. */
    private record Case(String name, Function<RegionMapping, MemorySegment> take, Consumer<RegionMapping> end) {
    }

    /** The device of the case running on this thread. */
    private static final ThreadLocal<OffHeapAshmem> DEVICES = new ThreadLocal<>();
    private static final Function<RegionMapping, MemorySegment> HANDLE = RegionMapping::segment;
    private static final Function<RegionMapping, MemorySegment> VIEW =
            m -> DEVICES.get().mappingView(m.id()).orElseThrow().segment();

    private static Case[] cases() {
        Consumer<RegionMapping> close = RegionMapping::close;
        Consumer<RegionMapping> munmap = m -> DEVICES.get().munmap(m.id());
        Consumer<RegionMapping> mprotect = m -> DEVICES.get().mprotect(m.id(), RW);
        Consumer<RegionMapping> protect = m -> m.protect(RW);
        Consumer<RegionMapping> deviceClose = m -> DEVICES.get().close();
        return new Case[] {
            new Case("segment, RegionMapping.close", HANDLE, close),
            new Case("segment, device munmap", HANDLE, munmap),
            new Case("segment, device mprotect", HANDLE, mprotect),
            new Case("segment, RegionMapping.protect", HANDLE, protect),
            new Case("segment, device close", HANDLE, deviceClose),
            new Case("mappingView, RegionMapping.close", VIEW, close),
            new Case("mappingView, device munmap", VIEW, munmap),
            new Case("mappingView, device mprotect", VIEW, mprotect),
            new Case("mappingView, device close", VIEW, deviceClose),
        };
    }

    @Test
    void lateUseAfterEveryKindOfCloseThrows() {
        for (var c : cases()) {
            try (var dev = new OffHeapAshmem(P)) {
                DEVICES.set(dev);
                var region = Region.create(dev, "late", 4L * P);
                var map = region.map(RW);
                var seg = c.take().apply(map);
                seg.set(JAVA_BYTE, 5, (byte) 7);
                c.end().accept(map);
                assertThatThrownBy(() -> seg.set(JAVA_BYTE, 5, (byte) 8)).as(c.name())
                        .isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> seg.get(JAVA_BYTE, 0)).as(c.name()).isInstanceOf(IllegalStateException.class);
            } finally {
                DEVICES.remove();
            }
        }
    }

    @Test
    void closingTheRegionKeepsTheMappingAndItsSegment() {
        try (var dev = new OffHeapAshmem(P)) {
            var region = Region.create(dev, "kept", 2L * P);
            var map = region.map(RW);
            var seg = map.segment();
            region.close(); // CLOSE-MAPPINGS: the mapping (and so the memory) stays
            seg.set(JAVA_BYTE, 1, (byte) 9);
            assertThat(map.read(1, 1)).containsExactly(9);
        }
    }

    @Test
    void viewsFollowTheProtection() {
        try (var dev = new OffHeapAshmem(P)) {
            var region = Region.create(dev, "prot", P);
            var map = region.map(Prot.READ);
            assertThat(dev.mappingView(map.id()).orElseThrow().segment().isReadOnly()).isTrue();
            map.protect(Prot.NONE);
            assertThat(dev.mappingView(map.id()).orElseThrow().segment().byteSize()).isZero(); // no READ: nothing to touch
        }
    }

    /**
     * A writer hammering the segment while another thread unmaps: the writer always ends with
     * IllegalStateException. Were the segment not bound to the mapping, a write after munmap would
     * SIGSEGV this JVM (the run dies, surefire reports the crashed fork).
     */
    @Test
    void aThreadRacingTheCloseNeverCrashes() throws Exception {
        for (int round = 0; round < 200; round++) {
            try (var dev = new OffHeapAshmem(P)) {
                var map = Region.create(dev, "race", 16L * P).map(RW);
                var seg = round % 2 == 0 ? map.segment() : dev.mappingView(map.id()).orElseThrow().segment();
                var started = new CountDownLatch(1);
                var ended = new AtomicReference<Throwable>();
                var writer = Thread.ofPlatform().start(() -> {
                    started.countDown();
                    try {
                        for (long i = 0; ; i++) {
                            seg.set(JAVA_LONG, (i * 8) % seg.byteSize(), i);
                        }
                    } catch (Throwable t) {
                        ended.set(t);
                    }
                });
                started.await();
                Thread.onSpinWait();
                switch (round % 3) {
                    case 0 -> map.close();
                    case 1 -> dev.munmap(map.id());
                    default -> dev.close();
                }
                writer.join(10_000);
                assertThat(writer.isAlive()).isFalse();
                assertThat(ended.get()).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
