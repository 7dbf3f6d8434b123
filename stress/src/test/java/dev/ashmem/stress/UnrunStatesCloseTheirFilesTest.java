package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.stress.scenario.ImplTarget;
import dev.ashmem.stress.scenario.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A state closed before its actors ran (jcstress ends an iteration with states never run, and unit
 * tests only record the actors' calls) gives back its memfd, even with the punch its setup left in
 * flight (Pin_01): closing the target releases that punch's file reference.
 */
class UnrunStatesCloseTheirFilesTest {
    private static final int STATES = 40;

    @Test
    void aPin01StateClosedWithoutItsScannerLeavesNoMemfdOpen() throws IOException {
        long before = memfds();
        for (int i = 0; i < STATES; i++) {
            var run = Scenarios.PIN_01.start(new ImplTarget(new OffHeapAshmem(Scenarios.P)));
            assertThat(run.target().inflight()).isEqualTo(1);
            run.close();
        }
        assertThat(memfds() - before).as("memfds left open by %d closed states", STATES).isLessThan(STATES / 4);
    }

    /** The process's open memfds (their /proc/self/fd links read "/memfd:NAME (deleted)"). */
    private static long memfds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("/memfd:");
                } catch (IOException e) {
                    return false; // closed meanwhile (the listing's own descriptor)
                }
            }).count();
        }
    }
}
