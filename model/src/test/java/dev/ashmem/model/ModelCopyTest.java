package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link AshmemModel#copy()} (the checker's and the shrinking drivers' branch point) is the same device: equal
 * state, equal answers to every later call, and independent of the original, content of files and private
 * pages included.
 */
class ModelCopyTest {
    private static final int P = 4096;

    /**
     * A device with a bit of everything: a named area with a file holding data pages and a page the read fault
     * allocated, a shared and a private mapping (with a private copy of a page), an unpinned range on the LRU and
     * a purged one, a moved position, and a second area without a file.
     */
    private static AshmemModel busy(Platform platform) {
        var m = new AshmemModel(P, platform);
        int fd = m.openHandle();
        m.ioctl(fd, Command.SetName.of("busy"));
        m.ioctl(fd, new Command.SetSize(6L * P));
        int shared = (int) ((Result.Value) m.mmap(fd, 6L * P, Prot.READ | Prot.WRITE, true, 0)).value();
        m.store(shared, 0, "file".getBytes(StandardCharsets.US_ASCII));
        m.store(shared, 5L * P, new byte[] {5});
        m.load(shared, 4L * P, 1); // the read fault makes page 4 a data page of zeros
        int priv = (int) ((Result.Value) m.mmap(fd, 2L * P, Prot.READ | Prot.WRITE, false, 0)).value();
        m.store(priv, 1, "PRIV".getBytes(StandardCharsets.US_ASCII));
        m.ioctl(fd, Command.unpin(P, P));
        m.ioctl(fd, Command.unpin(3L * P, P));
        m.shrinkScan(1, true); // purges the LRU head
        m.read(fd, 2);
        m.dup(fd);
        int other = m.openHandle();
        m.ioctl(other, new Command.SetSize(P));
        m.ioctl(other, new Command.SetProtMask(Prot.READ));
        m.checkInvariants();
        return m;
    }

    /** What a device answers to a fixed probe of every kind of call, state-changing ones last. */
    private static List<String> probe(AshmemModel m) {
        var out = new ArrayList<String>();
        Function<Result, String> show = r -> r instanceof Result.Bytes b ? TraceText.hex(b.runs()) : r.toString();
        out.add(show.apply(m.load(1, 0, 8)));
        out.add(show.apply(m.load(1, 4L * P, 1)));
        out.add(show.apply(m.load(1, 5L * P, 2)));
        out.add(show.apply(m.load(2, 0, 8)));
        out.add(show.apply(m.read(0, 3)));
        out.add(show.apply(m.ioctl(0, new Command.GetName(false))));
        out.add(show.apply(m.ioctl(0, Command.pinStatus(0, 6L * P))));
        out.add(show.apply(m.ioctl(2, new Command.GetProtMask())));
        out.add(show.apply(m.llseek(0, 0, Whence.SEEK_DATA)));
        out.add(Long.toString(m.shrinkCount()));
        out.add(show.apply(m.ioctl(0, Command.pin(0, 6L * P))));
        out.add(show.apply(m.close(1)));
        out.add(show.apply(m.munmap(2)));
        out.add(show.apply(m.open()));
        out.add(m.snapshot().toString());
        return out;
    }

    @Test
    @Exercises({"MMAP-PRIVATE", "MEM-SHARED", "MEM-PRIVATE", "SHRINK-MARK"})
    void aCopyIsTheSameDevice() {
        var m = busy(Platform.X86_64);
        var c = m.copy();
        assertThat(c.snapshot()).isEqualTo(m.snapshot());
        assertThat(c.pageSize()).isEqualTo(P);
        assertThat(c.platform()).isEqualTo(Platform.X86_64);
        assertThat(c.inflight()).isZero();
        assertThat(c.violations()).isEmpty();
        assertThat(c).hasToString(m.toString());
        // the file's data pages, the fault-allocated zero page and the private copy all come along
        assertThat(c.load(1, 0, 4)).isEqualTo(new Result.Bytes("file".getBytes(StandardCharsets.US_ASCII)));
        assertThat(c.load(2, 0, 6)).as("a private mapping is anonymous memory (MMAP-PRIVATE)")
                .isEqualTo(new Result.Bytes(new byte[] {0, 'P', 'R', 'I', 'V', 0}));
        assertThat(c.snapshot().files().getFirst().dataPages()).containsExactly(0L, 4L, 5L);
        assertThat(probe(c)).isEqualTo(probe(busy(Platform.X86_64)));
    }

    @Test
    void aCopyAndItsOriginalChangeIndependently() {
        var m = busy(Platform.arm64(48));
        var before = m.snapshot();
        var c = m.copy();
        assertThat(c.platform()).isEqualTo(Platform.arm64(48));
        // change everything in the copy: file bytes, private bytes, pins, LRU, names, handles, mappings
        c.store(1, 0, "FILE".getBytes(StandardCharsets.US_ASCII));
        c.store(1, 4L * P, new byte[] {4});
        c.store(2, 1, "priv".getBytes(StandardCharsets.US_ASCII));
        c.ioctl(0, Command.pin(0, 6L * P));
        c.ioctl(0, Command.unpin(0, 2L * P));
        c.shrinkScan(16, true);
        c.llseek(0, 0, Whence.SEEK_END);
        c.close(1);
        c.munmap(2);
        c.ioctl(2, new Command.SetSize(2L * P));
        c.open();
        c.checkInvariants();
        assertThat(c.snapshot()).isNotEqualTo(before);
        // the original is as it was
        assertThat(m.snapshot()).isEqualTo(before);
        assertThat(probe(m)).isEqualTo(probe(busy(Platform.arm64(48))));
        // and changing the original leaves a second copy alone
        var m2 = busy(Platform.X86_64);
        var c2 = m2.copy();
        m2.store(1, 5L * P, new byte[] {9});
        m2.store(2, 0, new byte[] {9});
        assertThat(c2.load(1, 5L * P, 1)).isEqualTo(new Result.Bytes(new byte[] {5}));
        assertThat(c2.load(2, 0, 2)).isEqualTo(new Result.Bytes(new byte[] {0, 'P'}));
    }

    @Test
    @Exercises({"CONC-PUNCH-UNLOCKED", "CONC-INFLIGHT"})
    void aCopyKeepsAPunchInFlight() {
        var m = new AshmemModel(P);
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(2L * P));
        m.mmap(fd, 2L * P, Prot.READ | Prot.WRITE, true, 0);
        m.store(1, 0, new byte[] {1});
        m.ioctl(fd, Command.unpin(0, P));
        var punch = m.shrinkMarkHead().orElseThrow();
        var c = m.copy();
        assertThat(c.inflight()).isEqualTo(1);
        assertThat(c.snapshot()).isEqualTo(m.snapshot());
        c.shrinkRelease();
        assertThat(c.inflight()).isZero();
        assertThat(m.inflight()).isEqualTo(1);
        m.shrinkPunch(punch);
        m.shrinkRelease();
        assertThat(m.load(1, 0, 1)).isEqualTo(new Result.Bytes(new byte[1]));
    }

    @Test
    void theModelPrintsAsItsSnapshot() {
        var m = new AshmemModel(P);
        m.openHandle();
        assertThat(m.toString()).isEqualTo(m.snapshot().toString()).startsWith("device P=4096 lruCount=0 lru=[]");
        assertThat(new AshmemModel(16384, Platform.ARM64).platform()).isEqualTo(Platform.ARM64);
        assertThat(new AshmemModel().platform()).isEqualTo(Platform.X86_64);
    }
}
