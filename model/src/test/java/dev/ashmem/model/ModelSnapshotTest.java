package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The model's snapshot lists the files of live areas and of closed areas still mapped, by area id. */
class ModelSnapshotTest {
    private static final int P = 4096;

    @Test
    @Exercises({"CLOSE-MAPPINGS", "MMAP-FILE"})
    void filesAreListedByAreaIdWhetherTheirAreaIsLiveOrClosed() {
        var m = new AshmemModel(P);
        int first = m.openHandle();
        m.ioctl(first, new Command.SetSize(P));
        m.mmap(first, P, Prot.READ, true, 0);
        int second = m.openHandle();
        m.ioctl(second, new Command.SetSize(2L * P));
        m.mmap(second, P, Prot.READ, true, 0);
        m.close(first); // its file lives on in its mapping, after the live area's in the model's own order
        var files = m.snapshot().files();
        assertThat(files).extracting(FileSnapshot::size).containsExactly((long) P, 2L * P);
        assertThat(files).extracting(FileSnapshot::area).hasSize(2).isSorted();
    }

    @Test
    @Exercises({"NAME-SET"})
    void anAreasNameIsItsBytesAsText() {
        var m = new AshmemModel(P);
        int fd = m.openHandle();
        m.ioctl(fd, Command.SetName.of("cache"));
        assertThat(m.snapshot().areas().getFirst().name()).isEqualTo("cache");
    }
}

