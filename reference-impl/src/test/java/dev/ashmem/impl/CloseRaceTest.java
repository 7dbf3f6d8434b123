package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The device's close racing calls on other threads leaves nothing behind: before, an open, dup or mmap
 * that had passed its check made its handle or mapping after close had listed them, and the handle,
 * its area, and (for mmap) a memfd and a mapping outlived the closed device.
 */
class CloseRaceTest {
    private static final int DEVICES = 400;

    private static long mappingsNamed(String name) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("memfd:dev/ashmem/" + name)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens (and dups, and maps) until the device refuses; close comes from the test thread meanwhile. */
    private static int caller(OffHeapAshmem dev, String name, boolean map, CountDownLatch started) {
        started.countDown();
        int fd = -1;
        while (true) {
            try {
                fd = dev.openHandle();
            } catch (IllegalStateException closed) {
                break; // "device is closed"
            }
            dev.dup(fd);
            if (map) {
                dev.ioctl(fd, Command.SetName.of(name));
                dev.ioctl(fd, new Command.SetSize(4096));
                dev.mmap(fd, 4096, Prot.READ | Prot.WRITE, true, 0);
            }
        }
        return fd;
    }

    private static void race(boolean map) throws Exception {
        String name = "close-race-" + map;
        for (int i = 0; i < DEVICES; i++) {
            var dev = new OffHeapAshmem(4096);
            var started = new CountDownLatch(1);
            var failure = new AtomicReference<Throwable>();
            var lastFd = new java.util.concurrent.atomic.AtomicInteger(-1);
            var t = Thread.ofPlatform().start(() -> {
                try {
                    lastFd.set(caller(dev, name, map, started));
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            started.await();
            for (int spin = 0; spin < (i % 50) * 20; spin++) {
                Thread.onSpinWait(); // close at different points of the caller's loop
            }
            dev.close();
            t.join();
            assertThat(failure.get()).isNull();
            if (lastFd.get() >= 0) {
                assertThat(dev.dup(lastFd.get())).isEqualTo(Result.err(Errno.EBADF));
            }
            assertThat(dev.handleIds()).as("handles of closed device %d", i).isEmpty();
            assertThat(dev.mappingIds()).as("mappings of closed device %d", i).isEmpty();
            assertThat(dev.snapshot().areas()).as("areas of closed device %d", i).isEmpty();
        }
        assertThat(mappingsNamed(name)).as("memfd mappings left").isZero();
    }

    @Test
    void openAndDupRacingCloseLeaveNoHandle() throws Exception {
        race(false);
    }

    @Test
    void mmapRacingCloseLeavesNoMappingOrMemfd() throws Exception {
        race(true);
    }
}
