package dev.ashmem.impl.mm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.sys.Libc;
import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Command;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A window's geometry and its last line of defence: how much of a file window is backed when it starts inside
 * the file or runs past its end, an access outside the backed bytes refused before it touches memory, calls on an
 * unmapped window refused, mprotect's errno passed on, and loads longer than one copy chunk put together in order.
 */
class MappedWindowTest {
    private static final int P = 4096;
    private static final int RW = Libc.PROT_READ | Libc.PROT_WRITE;
    private final BackingFile file = create(4L * P);

    private static BackingFile create(long size) {
        try {
            return BackingFile.create(1, "window".getBytes(StandardCharsets.US_ASCII), size, P);
        } catch (dev.ashmem.impl.sys.SysException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void release() {
        file.release();
    }

    @Test
    void aWindowInsideTheFileIsBackedWholeOneRunningPastItsEndUpToTheEnd() throws Exception {
        var inside = MappedWindow.ofFile(file.fd(), file.memfdSize(), P, 2L * P, RW, true);
        assertThat(inside.length()).isEqualTo(2L * P);
        assertThat(inside.backedLength()).isEqualTo(2L * P);
        assertThat(inside.address()).isNotZero();
        var past = MappedWindow.ofFile(file.fd(), file.memfdSize(), 2L * P, 4L * P, RW, true);
        assertThat(past.backedLength()).isEqualTo(2L * P);
        var beyond = MappedWindow.ofFile(file.fd(), file.memfdSize(), 4L * P, P, RW, true);
        assertThat(beyond.backedLength()).isZero();
        assertThat(beyond.protect(Libc.PROT_READ)).isZero(); // nothing backed: nothing to protect
        // both windows show the same file bytes
        inside.copyIn(new byte[] {5, 6}, 0, P, 2); // file offset 2P
        var out = new ByteRuns.Builder();
        past.appendTo(0, 2, out);
        assertThat(out.build().toArray()).containsExactly(5, 6);
        for (var w : new MappedWindow[] {inside, past, beyond}) {
            assertThat(w.isUnmapped()).isFalse();
            w.unmap();
            assertThat(w.isUnmapped()).isTrue();
            w.unmap(); // idempotent
        }
    }

    @Test
    void anAccessOutsideTheBackedBytesIsRefusedBeforeItTouchesMemory() throws Exception {
        var past = MappedWindow.ofFile(file.fd(), file.memfdSize(), 3L * P, 2L * P, RW, true); // one page backed
        assertThat(past.backedLength()).isEqualTo(P);
        past.copyIn(new byte[4], 0, P - 4, 4); // the last backed bytes
        assertThatThrownBy(() -> past.copyIn(new byte[4], 0, P - 3, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> past.appendTo(P - 1, 2, new ByteRuns.Builder())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> past.appendTo(-1, 1, new ByteRuns.Builder())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> past.appendTo(0, -1, new ByteRuns.Builder())).isInstanceOf(IllegalStateException.class);
        past.unmap();
    }

    @Test
    void anUnmappedWindowRefusesEveryCall() throws Exception {
        var w = MappedWindow.anonymous(2L * P, RW);
        assertThat(w.backedLength()).isEqualTo(2L * P);
        var view = w.view();
        view.set(JAVA_BYTE, 0, (byte) 1);
        assertThat(w.protect(Libc.PROT_READ)).isZero();
        assertThatThrownBy(() -> view.get(JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class); // taken before protect
        assertThat(w.view().get(JAVA_BYTE, 0)).isEqualTo((byte) 1);
        w.unmap();
        assertThatThrownBy(() -> w.protect(RW)).isInstanceOf(IllegalStateException.class).hasMessageContaining("unmapped");
        assertThatThrownBy(w::view).isInstanceOf(IllegalStateException.class).hasMessageContaining("unmapped");
        assertThatThrownBy(() -> w.copyIn(new byte[1], 0, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.appendTo(0, 1, new ByteRuns.Builder())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyAccessAtTheEndOfTheBackedBytesIsAllowed() throws Exception {
        var w = MappedWindow.ofFile(file.fd(), file.memfdSize(), 3L * P, 2L * P, RW, true); // one page backed
        w.copyIn(new byte[0], 0, P, 0);
        w.copyIn(new byte[0], 0, 0, 0);
        var out = new ByteRuns.Builder();
        w.appendTo(P, 0, out);
        assertThat(out.build().length()).isZero();
        w.unmap();
    }

    @Test
    void aWindowLargerThanTheAddressSpaceIsRefusedWithTheOsErrno() throws Exception {
        long huge = 1L << 50; // past the 47-bit user address space
        // a file that large (sparse), mapped whole: the file mapping itself fails
        var large = BackingFile.create(2, "huge".getBytes(StandardCharsets.US_ASCII), huge, P);
        try {
            assertThatThrownBy(() -> MappedWindow.ofFile(large.fd(), large.memfdSize(), 0, huge, RW, true))
                    .isInstanceOfSatisfying(dev.ashmem.impl.sys.SysException.class, e -> assertThat(e.errno()).isEqualTo(12)); // ENOMEM
        } finally {
            large.release();
        }
        // a window mostly past the end of a small file: the reservation fails
        assertThatThrownBy(() -> MappedWindow.ofFile(file.fd(), file.memfdSize(), 0, huge, RW, true))
                .isInstanceOfSatisfying(dev.ashmem.impl.sys.SysException.class, e -> assertThat(e.errno()).isEqualTo(12));
    }

    @Test
    void mprotectsErrnoIsPassedOn() throws Exception {
        var w = MappedWindow.anonymous(P, RW);
        assertThat(w.protect(0x100)).isEqualTo(-Libc.EINVAL); // not a protection bit
        w.unmap();
    }

    @Exercises({"MEM-SHARED", "MEM-BOUNDS"})
    @Test
    void aLoadLongerThanOneCopyChunkComesBackInOrder() {
        int chunk = BackingFile.CHUNK;
        try (var dev = new OffHeapAshmem(P)) {
            int fd = dev.openHandle();
            long size = 2L * chunk + 4L * P;
            dev.ioctl(fd, new Command.SetSize(size));
            int m = (int) ((Result.Value) dev.mmap(fd, size, Prot.READ | Prot.WRITE, true, 0)).value();
            var data = new byte[chunk * 2 + 100];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i / 1000 + 1); // differs from chunk to chunk, never zero
            }
            assertThat(dev.store(m, P, data)).isEqualTo(Result.ZERO);
            assertThat(dev.load(m, P, data.length)).isEqualTo(new Result.Bytes(data));
            assertThat(dev.load(m, P + 10, chunk + 1)).isEqualTo(new Result.Bytes(java.util.Arrays.copyOfRange(data, 10, chunk + 11)));
        }
    }
}
