package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * CONC-MUTEX: every operation gives the global mutex back. The mutex is reentrant, so a single thread never
 * notices one left held; here another thread takes it (through snapshot(), which locks the mmap lock and the
 * mutex) after each operation, on every path that locks it.
 */
class MutexIsReleasedTest {
    private static final int P = 4096;

    private final OffHeapAshmem dev = new OffHeapAshmem(P);

    /** Runs {@code op} here, then checks that another thread gets the locks within a few seconds. */
    private <T> T released(String what, Supplier<T> op) {
        T out = op.get();
        var probe = new CompletableFuture<Void>();
        var t = Thread.ofPlatform().daemon().start(() -> {
            dev.snapshot();
            probe.complete(null);
        });
        try {
            probe.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            fail(what + " left the mutex (or the mmap lock) held: another thread cannot take it");
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static int value(Result r) {
        return (int) ((Result.Value) r).value();
    }

    @Test
    void everyOperationReleasesTheMutex() {
        int fd = released("open", () -> value(dev.open()));
        released("SET_NAME", () -> dev.ioctl(fd, Command.SetName.of("m")));
        released("SET_SIZE", () -> dev.ioctl(fd, new Command.SetSize(8L * P)));
        released("GET_SIZE", () -> dev.ioctl(fd, new Command.GetSize()));
        released("GET_NAME", () -> dev.ioctl(fd, new Command.GetName(false)));
        released("SET_PROT_MASK", () -> dev.ioctl(fd, new Command.SetProtMask(Prot.ALL)));
        released("GET_PROT_MASK", () -> dev.ioctl(fd, new Command.GetProtMask()));
        released("read without a file", () -> dev.read(fd, 1));
        released("llseek without a file", () -> dev.llseek(fd, 0, Whence.SEEK_SET));
        int id = released("mmap", () -> value(dev.mmap(fd, 8L * P, Prot.READ | Prot.WRITE, true, 0)));
        released("store", () -> dev.store(id, 0, new byte[3 * P]));
        released("read", () -> dev.read(fd, 10));
        released("llseek SEEK_SET", () -> dev.llseek(fd, 0, Whence.SEEK_SET));
        released("llseek SEEK_CUR", () -> dev.llseek(fd, 0, Whence.SEEK_CUR));
        released("llseek SEEK_DATA", () -> dev.llseek(fd, 0, Whence.SEEK_DATA));
        released("SET_NAME refused", () -> dev.ioctl(fd, Command.SetName.of("late")));
        released("SET_SIZE refused", () -> dev.ioctl(fd, new Command.SetSize(P)));
        released("UNPIN", () -> dev.ioctl(fd, Command.unpin(0, 4L * P)));
        released("UNPIN", () -> dev.ioctl(fd, Command.unpin(5L * P, P)));
        released("PIN", () -> dev.ioctl(fd, Command.pin(P, P)));
        released("GET_PIN_STATUS", () -> dev.ioctl(fd, Command.pinStatus(0, 8L * P)));
        released("PIN refused", () -> dev.ioctl(fd, Command.pin(1, P)));
        released("shrink count", dev::shrinkCount);
        released("shrink scan without fs", () -> dev.shrinkScan(1, false));
        released("shrink scan of one range", () -> dev.shrinkScan(1, true));
        var punch = released("shrink mark", dev::shrinkMarkHead).orElseThrow();
        released("shrink punch", () -> {
            dev.shrinkPunch(punch);
            return null;
        });
        released("shrink release", () -> {
            dev.shrinkRelease(punch);
            return null;
        });
        released("UNPIN", () -> dev.ioctl(fd, Command.unpin(6L * P, 2L * P)));
        released("shrink scan of everything", () -> dev.shrinkScan(0, true));
        released("shrink scan of nothing", () -> dev.shrinkScan(5, true));
        released("UNPIN", () -> dev.ioctl(fd, Command.unpin(P, P)));
        released("PURGE_ALL_CACHES", () -> dev.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN));
        released("PURGE_ALL_CACHES refused", () -> dev.ioctl(fd, new Command.PurgeAllCaches()));
        var checkpoint = released("checkpoint", dev::checkpoint).orElseThrow();
        released("backingFile", () -> dev.backingFile(fd));
        released("backingFd", () -> dev.backingFd(fd));
        released("mappingView", () -> dev.mappingView(id));
        released("resetTo", () -> dev.resetTo(checkpoint));
        released("mprotect", () -> dev.mprotect(id, Prot.READ));
        released("munmap", () -> dev.munmap(id));
        int dup = released("dup", () -> value(dev.dup(fd)));
        released("close of a dup", () -> dev.close(dup));
        int id2 = released("mmap", () -> value(dev.mmap(fd, P, Prot.READ, true, 0)));
        released("close of the last handle", () -> dev.close(fd));
        released("load after close", () -> dev.load(id2, 0, 1));
        released("snapshot", dev::snapshot);
        assertThat(dev.snapshot().areas()).isEmpty(); // backingFile and backingFd gave their area references back
        assertThat(released("toString", dev::toString)).isEqualTo(dev.snapshot().toString()).contains("lruCount=");
        assertThat(dev.isClosed()).isFalse();
        dev.close();
        assertThat(dev.isClosed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(dev::open).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
