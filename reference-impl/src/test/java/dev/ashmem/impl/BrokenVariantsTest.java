package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.RangeSnapshot;
import dev.ashmem.model.Result;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each extension point of {@link OffHeapAshmem} overridden the way one historic or plausible bug would
 * have it, next to the correct device: the difference is observable on the driver surface, which is
 * what the conformance suites need from a deliberately broken variant.
 */
class BrokenVariantsTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;
    private static final Result EINVAL = Result.err(Errno.EINVAL);

    private static int mapped(OffHeapAshmem dev, long size) {
        int fd = dev.openHandle();
        dev.ioctl(fd, new Command.SetSize(size));
        assertThat(dev.mmap(fd, P, RW, true, 0)).isInstanceOf(Result.Value.class);
        return fd;
    }

    private static String ranges(OffHeapAshmem dev) {
        return dev.snapshot().areas().getFirst().unpinned().stream().map(RangeSnapshot::toString).collect(Collectors.joining(" "));
    }

    private static String lru(OffHeapAshmem dev) {
        return dev.snapshot().lru().stream().map(Object::toString).collect(Collectors.joining(" "));
    }

    @Test
    void pinArgumentChecksBeforeTheMutexDoNotWaitForIt() throws Exception {
        for (boolean broken : new boolean[] {false, true}) {
            try (var dev = broken ? new OffHeapAshmem(P) {
                @Override
                protected boolean pinChecksUnderMutex() {
                    return false;
                }
            } : new OffHeapAshmem(P)) {
                int fd = mapped(dev, 4L * P);
                dev.ioctl(fd, Command.unpin(0, P));
                var punch = dev.shrinkMarkHead().orElseThrow();
                var holder = Thread.ofPlatform().start(() -> dev.ioctl(fd, Command.pin(0, P))); // waits holding the mutex
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (holder.getState() != Thread.State.WAITING) {
                    assertThat(System.nanoTime()).isLessThan(deadline);
                    Thread.sleep(1);
                }
                var misaligned = CompletableFuture.supplyAsync(() -> dev.ioctl(fd, Command.pin(1, P)));
                if (broken) {
                    assertThat(misaligned.get(5, TimeUnit.SECONDS)).isEqualTo(EINVAL); // answered without the mutex
                } else {
                    Thread.sleep(100);
                    assertThat(misaligned).isNotDone(); // waits behind the holder
                }
                dev.shrinkPunch(punch);
                dev.shrinkRelease(punch);
                assertThat(misaligned.get(5, TimeUnit.SECONDS)).isEqualTo(EINVAL);
                holder.join();
            }
        }
    }

    @Test
    void lenZeroNotTruncatedToU32() {
        var dev = new OffHeapAshmem(P) {
            @Override
            protected long lenToEnd(long alignedSize, long offset) {
                return alignedSize - offset;
            }
        };
        try (dev; var good = new OffHeapAshmem(P)) {
            assertThat(good.ioctl(mapped(good, (1L << 32) + P), Command.unpin(0, 0))).isEqualTo(Result.ZERO);
            assertThat(ranges(good)).isEqualTo("[0..0]"); // (2^32 + P) mod 2^32 = one page
            assertThat(dev.ioctl(mapped(dev, (1L << 32) + P), Command.unpin(0, 0))).isEqualTo(EINVAL);
        }
    }

    @Test
    void alignmentOverflowAndEmptyRequestChecks() {
        try (var noAlign = new OffHeapAshmem(P) {
            @Override
            protected boolean pinArgAligned(long offset, long len) {
                return true;
            }
        }; var noOverflow = new OffHeapAshmem(P) {
            @Override
            protected boolean pinArgOverflows(long offset, long len) {
                return false;
            }
        }; var noEmpty = new OffHeapAshmem(P) {
            @Override
            protected boolean emptyRequestAllowed() {
                return false;
            }
        }; var good = new OffHeapAshmem(P)) {
            int g = mapped(good, (1L << 32) + 2L * P);
            assertThat(good.ioctl(g, Command.unpin(100, P))).isEqualTo(EINVAL);
            assertThat(noAlign.ioctl(mapped(noAlign, 4L * P), Command.unpin(100, P))).isEqualTo(Result.ZERO);
            // offset + len = 2^32 + P: past u32, yet inside PAGE_ALIGN(size)
            assertThat(good.ioctl(g, Command.unpin(0xFFFF_F000L, 2L * P))).isEqualTo(EINVAL);
            assertThat(noOverflow.ioctl(mapped(noOverflow, (1L << 32) + 2L * P), Command.unpin(0xFFFF_F000L, 2L * P)))
                    .isEqualTo(Result.ZERO);
            int h = mapped(good, 4L * P);
            assertThat(good.ioctl(h, Command.unpin(4L * P, 0))).isEqualTo(Result.ZERO);
            assertThat(noEmpty.ioctl(mapped(noEmpty, 4L * P), Command.unpin(4L * P, 0))).isEqualTo(EINVAL);
        }
    }

    @Test
    void rangeWalkDecisions() {
        try (var merging = new OffHeapAshmem(P) {
            @Override
            protected boolean mergeAdjacent() {
                return true;
            }
        }; var noSpread = new OffHeapAshmem(P) {
            @Override
            protected boolean mergePurged(boolean accumulated, boolean swallowed) {
                return accumulated;
            }
        }; var inPlace = new OffHeapAshmem(P) {
            @Override
            protected boolean splitPieceToLruTail() {
                return false;
            }
        }) {
            int a = mapped(merging, 8L * P);
            merging.ioctl(a, Command.unpin(0, P));
            merging.ioctl(a, Command.unpin(P, P));
            assertThat(ranges(merging)).isEqualTo("[0..1]"); // the driver keeps [1..1] [0..0]

            int b = mapped(noSpread, 8L * P);
            noSpread.ioctl(b, Command.unpin(0, 2L * P));
            noSpread.shrinkScan(1, true);
            noSpread.ioctl(b, Command.unpin(P, 2L * P));
            assertThat(ranges(noSpread)).isEqualTo("[0..2]"); // the driver gives [0..2]P

            int c = mapped(inPlace, 8L * P);
            inPlace.ioctl(c, Command.unpin(0, 6L * P));
            inPlace.ioctl(c, Command.unpin(7L * P, P));
            inPlace.ioctl(c, Command.pin(2L * P, 2L * P));
            assertThat(lru(inPlace)).isEqualTo("a0[0..1] a0[4..5] a0[7..7]"); // the driver: a0[0..1] a0[7..7] a0[4..5]
        }
    }

    @Test
    void shrinkerDecisions() {
        try (var perPage = new OffHeapAshmem(P) {
            @Override
            protected long scanRemaining(long nrToScan, long rangePages) {
                return Long.compareUnsigned(nrToScan, rangePages) <= 0 ? 0 : nrToScan - rangePages;
            }
        }; var wholeFile = new OffHeapAshmem(P) {
            @Override
            protected PageSpan punchExtent(long start, long end, long pageCount) {
                return new PageSpan(0, pageCount);
            }
        }; var keepsRanges = new OffHeapAshmem(P) {
            @Override
            protected boolean releaseDropsRanges() {
                return false;
            }
        }; var good = new OffHeapAshmem(P)) {
            for (var dev : new OffHeapAshmem[] {perPage, good}) {
                int fd = mapped(dev, 8L * P);
                dev.ioctl(fd, Command.unpin(0, 4L * P));
                dev.ioctl(fd, Command.unpin(5L * P, P));
                assertThat(dev.shrinkScan(2, true)).as(dev == good ? "driver" : "per page").isEqualTo(dev == good ? 5 : 4);
            }
            int fd = mapped(wholeFile, 4L * P);
            wholeFile.store(1, 0, new byte[] {1}); // page 0 stays pinned
            wholeFile.ioctl(fd, Command.unpin(2L * P, P));
            wholeFile.shrinkScan(1, true);
            assertThat(wholeFile.load(1, 0, 1)).isEqualTo(new Result.Bytes(new byte[1])); // pinned data punched

            int k = mapped(keepsRanges, 4L * P);
            keepsRanges.ioctl(k, Command.unpin(0, P));
            keepsRanges.close(k);
            assertThat(keepsRanges.snapshot().lru()).hasSize(1); // a dead area's range on the LRU
            assertThat(keepsRanges.shrinkScan(0, true)).isOne(); // and its file is already closed: nothing punched
        }
    }

    @Test
    void mmapDecisions() {
        try (var mayAll = new OffHeapAshmem(P) {
            @Override
            protected int mayRights(long protMask) {
                return Prot.ALL;
            }
        }; var noLengthCheck = new OffHeapAshmem(P) {
            @Override
            protected boolean mmapLengthAllowed(long mapLength, long alignedSize) {
                return true;
            }
        }; var privateFile = new OffHeapAshmem(P) {
            @Override
            protected boolean privateMappingIsAnonymous() {
                return false;
            }
        }; var good = new OffHeapAshmem(P)) {
            for (var dev : new OffHeapAshmem[] {mayAll, good}) {
                int fd = dev.openHandle();
                dev.ioctl(fd, new Command.SetSize(P));
                dev.ioctl(fd, new Command.SetProtMask(Prot.READ));
                int m = (int) ((Result.Value) dev.mmap(fd, P, Prot.READ, false, 0)).value();
                assertThat(dev.mprotect(m, RW)).isEqualTo(dev == good ? Result.err(Errno.EACCES) : Result.ZERO); // CVE-2011-1149
            }
            int fd = noLengthCheck.openHandle();
            noLengthCheck.ioctl(fd, new Command.SetSize(P));
            assertThat(noLengthCheck.mmap(fd, 4L * P, RW, true, 0)).isEqualTo(Result.ok(1));

            int f = mapped(privateFile, 2L * P);
            privateFile.store(1, 0, new byte[] {5});
            int priv = (int) ((Result.Value) privateFile.mmap(f, 2L * P, RW, false, 0)).value();
            assertThat(privateFile.load(priv, 0, 1)).isEqualTo(new Result.Bytes(new byte[] {5})); // sees the file
        }
    }

    @Test
    void attributeDecisions() {
        try (var sizeAfter = new OffHeapAshmem(P) {
            @Override
            protected boolean setSizeAllowed(boolean hasFile) {
                return true;
            }
        }; var nameAfter = new OffHeapAshmem(P) {
            @Override
            protected boolean setNameAllowed(boolean hasFile) {
                return true;
            }
        }; var regain = new OffHeapAshmem(P) {
            @Override
            protected boolean protMaskChangeAllowed(long mask, long prot) {
                return true;
            }
        }; var rieFirst = new OffHeapAshmem(P) {
            @Override
            protected boolean readImpliesExecBeforeCheck() {
                return true;
            }
        }; var leak = new OffHeapAshmem(P) {
            @Override
            protected int nameCopyOutLength(int nameLength) {
                return 256;
            }
        }; var good = new OffHeapAshmem(P)) {
            int g = mapped(good, P);
            assertThat(good.ioctl(g, new Command.SetSize(2L * P))).isEqualTo(EINVAL); // CVE-2017-13216
            assertThat(sizeAfter.ioctl(mapped(sizeAfter, P), new Command.SetSize(2L * P))).isEqualTo(Result.ZERO);
            assertThat(good.ioctl(g, Command.SetName.of("late"))).isEqualTo(EINVAL);
            assertThat(nameAfter.ioctl(mapped(nameAfter, P), Command.SetName.of("late"))).isEqualTo(Result.ZERO);

            int r = regain.openHandle();
            regain.ioctl(r, new Command.SetProtMask(Prot.READ));
            assertThat(regain.ioctl(r, new Command.SetProtMask(RW))).isEqualTo(Result.ZERO);

            for (var dev : new OffHeapAshmem[] {rieFirst, good}) {
                int fd = dev.openHandle();
                dev.ioctl(fd, new Command.SetProtMask(Prot.READ));
                // the C driver adds EXEC after the check, so a READ_IMPLIES_EXEC caller gets it back
                assertThat(dev.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC))
                        .isEqualTo(dev == good ? Result.ZERO : EINVAL);
            }
            int n = leak.openHandle();
            leak.ioctl(n, Command.SetName.of("x"));
            assertThat(((Result.Bytes) leak.ioctl(n, new Command.GetName(false))).length()).isEqualTo(256);
            assertThat(((Result.Bytes) good.ioctl(g, new Command.GetName(false))).length()).isEqualTo("dev/ashmem".length() + 1);
        }
    }
}
