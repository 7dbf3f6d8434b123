package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OffHeapAshmem#resetTo}: a device reset to a checkpoint is indistinguishable from a twin that
 * ran only the steps before the checkpoint (same snapshot, same bytes behind every mapping, then the
 * same result and snapshot after every step of a further chain), and a refused reset changes nothing.
 */
class ResetTest {
    private static final int P = 4096;
    private static final int CHAINS = 300;
    private static final int STEPS = 25;

    /** A device with areas, mappings, data and ranges, as the stress scenarios' setups leave them. */
    private static void setUp(OffHeapAshmem d, Random rnd) {
        int areas = 1 + rnd.nextInt(3);
        for (int a = 0; a < areas; a++) {
            int fd = d.openHandle();
            int pages = 1 + rnd.nextInt(3);
            d.ioctl(fd, new Command.SetSize((long) pages * P));
            if (rnd.nextInt(4) > 0) {
                var m = (Result.Value) d.mmap(fd, (long) pages * P, Prot.READ | Prot.WRITE, true, 0);
                var data = new byte[pages * P];
                Arrays.fill(data, (byte) ('A' + a));
                d.store((int) m.value(), 0, data);
            }
            // Unpinned ranges, so that the checkpoint holds an LRU in order and a count, and sometimes a purged one.
            for (int u = rnd.nextInt(3); u > 0; u--) {
                d.ioctl(fd, Command.unpin((long) rnd.nextInt(pages) * P, P));
            }
        }
        if (rnd.nextInt(3) == 0) {
            d.shrinkScan(1, true);
        }
    }

    /** One random step, the same on every device given the same random state; its result as text. */
    private static String step(OffHeapAshmem d, Random rnd, boolean shapeChanges) {
        int fd = rnd.nextInt(4);
        int mapping = 1 + rnd.nextInt(4);
        long off = (long) rnd.nextInt(4) * P;
        long len = (long) rnd.nextInt(3) * P;
        int kinds = shapeChanges ? 16 : 12;
        Result r = switch (rnd.nextInt(kinds)) {
            case 0, 1 -> d.ioctl(fd, Command.pin(off, len));
            case 2, 3 -> d.ioctl(fd, Command.unpin(off, len));
            case 4 -> d.ioctl(fd, Command.pinStatus(off, len));
            case 5 -> Result.ok(d.shrinkScan(rnd.nextInt(3), true));
            case 6 -> d.store(mapping, off + rnd.nextInt(P), new byte[] {(byte) rnd.nextInt(256), 7});
            case 7 -> d.load(mapping, off, 16);
            case 8 -> d.read(fd, rnd.nextInt(2 * P));
            case 9 -> d.llseek(fd, off, rnd.nextInt(5));
            case 10 -> d.ioctl(fd, Command.SetName.of("n" + rnd.nextInt(3)));
            case 11 -> rnd.nextBoolean() ? d.close(fd) : d.dup(fd);
            case 12 -> d.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN);
            case 13 -> d.mmap(fd, P, Prot.READ | Prot.WRITE, true, 0);
            case 14 -> d.mprotect(mapping, Prot.READ);
            default -> d.ioctl(fd, new Command.SetProtMask(Prot.READ));
        };
        return r.toString();
    }

    /**
     * Everything a caller can see without changing it: the snapshot, the handles, the punches in flight,
     * and the bytes of every data page behind every mapping (a hole is not read: a fault would fill it).
     */
    private static List<Object> view(OffHeapAshmem d) {
        var snapshot = d.snapshot();
        var out = new ArrayList<Object>();
        out.add(snapshot);
        out.add(d.handleIds());
        out.add(d.inflight());
        for (var m : snapshot.mappings()) {
            var file = snapshot.files().stream().filter(f -> f.area() == m.area()).findFirst().orElseThrow();
            var seg = d.mappingView(m.id()).orElseThrow().segment();
            for (long page : file.dataPages()) {
                if ((page + 1) * P <= seg.byteSize()) {
                    var bytes = seg.asSlice(page * P, P).toArray(ValueLayout.JAVA_BYTE);
                    out.add("map " + m.id() + " page " + page + " " + Arrays.hashCode(bytes));
                }
            }
        }
        return out;
    }

    @Test
    void aResetDeviceIsIndistinguishableFromItsTwin() {
        int reset = 0;
        int refused = 0;
        int withLru = 0;
        for (int chain = 0; chain < CHAINS; chain++) {
            try (var device = new OffHeapAshmem(P); var twin = new OffHeapAshmem(P)) {
                long seed = 1000L + chain;
                setUp(device, new Random(seed));
                setUp(twin, new Random(seed));
                var checkpoint = device.checkpoint().orElseThrow();
                var before = view(device);
                boolean lru = !device.snapshot().lru().isEmpty();
                var rnd = new Random(seed * 31);
                boolean shapeChanges = chain % 3 == 0;
                for (int i = 0; i < STEPS; i++) {
                    step(device, rnd, shapeChanges);
                }
                var changed = view(device);
                if (!device.resetTo(checkpoint)) {
                    refused++;
                    assertThat(view(device)).as("a refused reset changes nothing (chain %d)", chain).isEqualTo(changed);
                    continue;
                }
                reset++;
                withLru += lru ? 1 : 0;
                assertThat(view(device)).as("chain %d after reset", chain).isEqualTo(before).isEqualTo(view(twin));
                var a = new Random(seed * 17);
                var b = new Random(seed * 17);
                for (int i = 0; i < STEPS; i++) {
                    assertThat(step(device, a, true)).as("chain %d step %d", chain, i).isEqualTo(step(twin, b, true));
                    assertThat(view(device)).as("chain %d after step %d", chain, i).isEqualTo(view(twin));
                }
            }
        }
        assertThat(reset).as("resets done").isGreaterThan(CHAINS / 2);
        assertThat(withLru).as("resets of a checkpoint with ranges on the LRU").isGreaterThan(CHAINS / 4);
        assertThat(refused).as("resets refused (a mapping or file made or sealed)").isGreaterThan(0);
    }

    /**
     * A checkpoint may hold punches in flight (the stress pool's setups leave one for the scanner actor): the
     * reset puts the in-flight count back, and the holder of the punch completes it again.
     */
    @Test
    void aCheckpointWithAPunchInFlightPutsItsCountBack() {
        try (var d = new OffHeapAshmem(P)) {
            int fd = d.openHandle();
            d.ioctl(fd, new Command.SetSize(2L * P));
            d.mmap(fd, 2L * P, Prot.READ | Prot.WRITE, true, 0);
            d.ioctl(fd, Command.unpin(0, P));
            var punch = d.shrinkMarkHead().orElseThrow();
            assertThat(d.inflight()).isEqualTo(1);
            var checkpoint = d.checkpoint().orElseThrow();
            d.shrinkPunch(punch);
            d.shrinkRelease(punch);
            assertThat(d.inflight()).isZero();
            assertThat(d.resetTo(checkpoint)).isTrue();
            assertThat(d.inflight()).as("the punch is in flight again").isEqualTo(1);
            d.shrinkPunch(punch);
            d.shrinkRelease(punch);
            assertThat(d.inflight()).isZero();
            assertThat(d.ioctl(fd, Command.pin(0, P))).isEqualTo(Result.ok(1)); // WAS_PURGED: the punch ran
        }
    }

    @Test
    void noCheckpointOfAFileAResetCannotRewrite() {
        try (var sealed = new OffHeapAshmem(P); var large = new OffHeapAshmem(P)) {
            int fd = sealed.openHandle();
            sealed.ioctl(fd, new Command.SetSize(P));
            sealed.mmap(fd, P, Prot.READ, true, 0);
            sealed.ioctl(fd, new Command.SetProtMask(Prot.READ)); // the file gets its write seal
            assertThat(sealed.checkpoint()).isEmpty();
            int big = large.openHandle();
            long size = (dev.ashmem.impl.file.BackingFile.IMAGE_PAGE_LIMIT + 1) * P;
            large.ioctl(big, new Command.SetSize(size));
            large.mmap(big, size, Prot.READ | Prot.WRITE, true, 0);
            assertThat(large.checkpoint()).isEmpty();
        }
    }

    /**
     * A file sealed after the checkpoint refuses the reset before anything is rewritten: the other files keep
     * the bytes written since. Over devices whose two files come in either order (the checkpoint's files are
     * in no fixed order), so that a reset that rewrote the other file first would show.
     */
    @Test
    void aFileSealedSinceTheCheckpointRefusesTheResetBeforeAnyFileIsRewritten() {
        for (int i = 0; i < 16; i++) {
            try (var d = new OffHeapAshmem(P)) {
                int[] maps = new int[2];
                int[] fds = new int[2];
                for (int a = 0; a < 2; a++) {
                    fds[a] = d.openHandle();
                    d.ioctl(fds[a], new Command.SetSize(P));
                    maps[a] = (int) ((Result.Value) d.mmap(fds[a], P, Prot.READ, true, 0)).value();
                }
                d.ioctl(fds[0], new Command.SetProtMask(Prot.READ | Prot.WRITE)); // allowed: no change
                var checkpoint = d.checkpoint().orElseThrow();
                int writer = (int) ((Result.Value) d.mmap(fds[1 - i % 2], P, Prot.READ | Prot.WRITE, true, 0)).value();
                d.store(writer, 0, new byte[] {42});
                d.munmap(writer);
                d.ioctl(fds[i % 2], new Command.SetProtMask(Prot.READ)); // seals this one
                assertThat(d.resetTo(checkpoint)).isFalse();
                assertThat(d.load(maps[1 - i % 2], 0, 1)).as("device %d", i).isEqualTo(new Result.Bytes(new byte[] {42}));
            }
        }
    }

    /**
     * A checkpoint keeps lruCount as it was, not as the ranges' sizes add up: on a variant whose PIN forgets to
     * lower it (the stress tests' pool resets broken variants too), the reset brings back the drifted count.
     */
    @Test
    void aResetBringsBackTheCountItSavedEvenWhereItDriftedFromTheRanges() {
        try (var d = new OffHeapAshmem(P, Decisions.of(Deviation.PIN_FORGETS_LRU_COUNT))) {
            int fd = d.openHandle();
            d.ioctl(fd, new Command.SetSize(4L * P));
            d.mmap(fd, 4L * P, Prot.READ | Prot.WRITE, true, 0);
            d.ioctl(fd, Command.unpin(0, 4L * P));
            d.ioctl(fd, Command.pin(0, P)); // cuts the range to 3 pages but the count stays 4
            assertThat(d.shrinkCount()).isEqualTo(4);
            var checkpoint = d.checkpoint().orElseThrow();
            d.ioctl(fd, Command.pin(0, 4L * P));
            d.ioctl(fd, Command.unpin(2L * P, P));
            assertThat(d.resetTo(checkpoint)).isTrue();
            assertThat(d.shrinkCount()).as("the saved count, not the 3 pages listed").isEqualTo(4);
            assertThat(d.snapshot().lruCount()).isEqualTo(4);
        }
    }

    /** A mapping reprotected since the checkpoint refuses the reset; so does a file another holder write-sealed, found only when its rewrite fails. */
    @Test
    void aReprotectedMappingOrAFileSealedFromOutsideRefusesTheReset() {
        try (var d = new OffHeapAshmem(P)) {
            int fd = d.openHandle();
            d.ioctl(fd, new Command.SetSize(2L * P));
            int m = (int) ((Result.Value) d.mmap(fd, 2L * P, Prot.READ, true, 0)).value();
            var checkpoint = d.checkpoint().orElseThrow();
            assertThat(d.mprotect(m, Prot.NONE)).isEqualTo(Result.ZERO);
            assertThat(d.resetTo(checkpoint)).as("the mapping's protection changed").isFalse();
            assertThat(d.mprotect(m, Prot.READ)).isEqualTo(Result.ZERO);
            assertThat(d.resetTo(checkpoint)).as("back as it was").isTrue();
        }
        try (var d = new OffHeapAshmem(P)) {
            int fd = d.openHandle();
            d.ioctl(fd, new Command.SetSize(2L * P));
            // no mapping left: F_SEAL_WRITE refuses a file with a shared mapping that may write (EBUSY)
            d.munmap((int) ((Result.Value) d.mmap(fd, 2L * P, Prot.READ | Prot.WRITE, true, 0)).value());
            var checkpoint = d.checkpoint().orElseThrow();
            int memfd = d.backingFd(fd).orElseThrow();
            assertThat(dev.ashmem.impl.sys.Libc.fcntl(memfd, dev.ashmem.impl.sys.Libc.F_ADD_SEALS, dev.ashmem.impl.sys.Libc.F_SEAL_WRITE)).isZero();
            assertThat(d.resetTo(checkpoint)).as("the file's rewrite is refused with EPERM").isFalse();
        }
    }
}
