package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No descriptor and no mapping outlives its last reference. */
class LeakTest {
    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long mapsLines() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ourMappings() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("memfd:dev/ashmem")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cycle(OffHeapAshmem dev, int i) {
        int fd = dev.openHandle();
        dev.ioctl(fd, Command.SetName.of("leak"));
        dev.ioctl(fd, new Command.SetSize(4 * 4096));
        int shared = (int) ((Result.Value) dev.mmap(fd, 4 * 4096, Prot.READ | Prot.WRITE, true, 0)).value();
        int priv = (int) ((Result.Value) dev.mmap(fd, 4096, Prot.READ | Prot.WRITE, false, 0)).value();
        dev.store(shared, 4096, new byte[] {(byte) i});
        dev.store(priv, 0, new byte[] {(byte) i});
        dev.ioctl(fd, Command.unpin(0, 2 * 4096));
        if (i % 3 == 0) {
            dev.ioctl(fd, new Command.SetProtMask(Prot.READ)); // sealed: the keeper mapping must go too
        }
        dev.shrinkScan(0, true);
        int dup = (int) ((Result.Value) dev.dup(fd)).value();
        dev.close(fd);
        if (i % 2 == 0) {
            dev.munmap(shared); // before or after the last close: both orders release everything
            dev.close(dup);
        } else {
            dev.close(dup);
            dev.munmap(shared);
        }
        dev.munmap(priv);
    }

    @Test
    void tenThousandCyclesLeaveNoDescriptorsOrMappingsBehind() {
        try (var dev = new OffHeapAshmem(4096)) {
            for (int i = 0; i < 300; i++) {
                cycle(dev, i); // warm up: JIT, lazily opened JDK files
            }
            long fds = openFds();
            long maps = mapsLines();
            for (int i = 0; i < 10_000; i++) {
                cycle(dev, i);
            }
            assertThat(dev.snapshot().areas()).isEmpty();
            assertThat(dev.snapshot().files()).isEmpty();
            assertThat(dev.mappingIds()).isEmpty();
            assertThat(openFds()).isEqualTo(fds);
            assertThat(ourMappings()).isZero();
            // 10,000 leaked mappings would be thousands of lines; allow the JVM's own few (code cache, malloc arenas)
            // A leak would be thousands of lines (two mappings per cycle). The JVM's own heap and code cache
            // commit memory inside their reservations meanwhile, which splits a line or two of /proc/self/maps.
            assertThat(mapsLines()).isBetween(maps - 8, maps + 8);
        }
    }
}
