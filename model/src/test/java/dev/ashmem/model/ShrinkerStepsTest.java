package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shrinker's steps as the concurrency rules describe them, and the race the in-flight wait prevents. */
class ShrinkerStepsTest {
    private static final int P = 4096;

    private static int mappedArea(AshmemModel m, int pages) {
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize((long) pages * P));
        assertThat(m.mmap(fd, (long) pages * P, Prot.READ | Prot.WRITE, true, 0)).isValue(1);
        return fd;
    }

    @Test
    @Exercises({"CONC-PUNCH-UNLOCKED", "CONC-INFLIGHT", "PINARG-WAIT", "CONC-MUTEX"})
    void pinWaitsWhileAPunchIsInFlight() {
        var m = new AshmemModel(P);
        int fd = mappedArea(m, 4);
        assertThat(m.store(1, P, new byte[] {42})).isValue(0);
        assertThat(m.ioctl(fd, Command.unpin(P, P))).isValue(0);
        var punch = m.shrinkMarkHead().orElseThrow(); // locked step: marked, off the LRU, in flight
        assertThat(m.inflight()).isEqualTo(1);
        assertThat(m.snapshot()).hasUnpinned(0, "[1..1]P").hasLruCount(0);
        assertThatThrownBy(() -> m.ioctl(fd, Command.pin(P, P))).hasMessageContaining("PINARG-WAIT");
        m.shrinkPunch(punch); // unlocked step
        m.shrinkRelease();
        assertThat(m.ioctl(fd, Command.pin(P, P))).isValue(1);
        assertThat(m.load(1, P, 1)).hasBytes(new byte[1]);
        assertThat(m.violations()).isEmpty();
    }

    @Test
    @Exercises({"CONC-UNLOCKED"})
    void sizeMaskAndCountDoNotWaitForPunches() {
        var m = new AshmemModel(P);
        int fd = mappedArea(m, 4);
        m.ioctl(fd, Command.unpin(0, P));
        m.shrinkMarkHead().orElseThrow();
        assertThat(m.ioctl(fd, new Command.GetSize())).isValue(4L * P);
        assertThat(m.ioctl(fd, new Command.GetProtMask())).isValue(Prot.ALL);
        assertThat(m.shrinkCount()).isEqualTo(0L);
    }

    @Test
    @Exercises({"INV-PUNCH-PINNED", "CONC-INFLIGHT"})
    void withoutTheWaitALatePunchWipesDataWrittenAfterPin() {
        var m = AshmemModel.withoutInflightWait(P);
        int fd = mappedArea(m, 4);
        assertThat(m.ioctl(fd, Command.unpin(P, P))).isValue(0);
        var punch = m.shrinkMarkHead().orElseThrow();
        assertThat(m.ioctl(fd, Command.pin(P, P))).isValue(1); // PIN returns: the caller owns the page again
        assertThat(m.store(1, P, new byte[] {7})).isValue(0);
        m.shrinkPunch(punch); // the late punch
        m.shrinkRelease();
        assertThat(m.load(1, P, 1)).hasBytes(new byte[1]); // the write after PIN is lost
        assertThat(m.violations()).extracting(Invariants.Violation::ruleId).containsExactly("INV-PUNCH-PINNED");
    }

    @Test
    @Exercises({"SHRINK-TRYLOCK"})
    void aScanThatCannotRetakeTheMutexGivesUpWithWhatItFreed() {
        var m = new AshmemModel(P);
        int fd = mappedArea(m, 8);
        m.ioctl(fd, Command.unpin(0, P));
        m.ioctl(fd, Command.unpin(2L * P, 2L * P));
        m.ioctl(fd, Command.unpin(5L * P, 3L * P));
        var busy = new java.util.ArrayDeque<>(java.util.List.of(false));
        assertThat(m.shrinkScan(0, true, busy::removeFirst)).isEqualTo(AshmemDevice.SHRINK_STOP);
        assertThat(m.snapshot()).hasLruCount(6);
        var answers = new java.util.ArrayDeque<>(java.util.List.of(true, true, false));
        assertThat(m.shrinkScan(0, true, answers::removeFirst)).isEqualTo(3L); // two ranges, then the retake fails
        assertThat(m.snapshot()).hasUnpinned(0, "[5..7] [2..3]P [0..0]P").hasLru("a0[5..7]").hasLruCount(3);
        assertThat(m.inflight()).isZero();
    }

    @Test
    void releaseWithoutAPunchInFlightIsAProtocolError() {
        var m = new AshmemModel(P);
        assertThat(m.shrinkMarkHead()).isEmpty();
        assertThatThrownBy(m::shrinkRelease).isInstanceOf(IllegalStateException.class);
    }
}
