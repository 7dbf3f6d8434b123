package dev.ashmem.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The invariants are checked everywhere a state is (the laws, the checker, the stress tests) and hold in every
 * state the model reaches, so only a deliberately broken state shows that each one is able to fail.
 */
class InvariantsFlagBrokenStatesTest {
    private static final int P = 4096;

    /** A sound state: one area of 4 pages with a file, pages [1, 2] unpinned on the LRU, and what breaks it. */
    private static java.util.List<String> broken(Consumer<Parts> breakIt) {
        var s = new ModelState(P, Platform.X86_64);
        var a = new Area(0);
        a.size = 4L * P;
        a.file = new BackingFile(0, a.size, a.name, P);
        s.areas.add(a);
        var r = new Range(a, 1, 2, false);
        a.unpinned.add(r);
        s.lru.add(r);
        assertThat(Invariants.check(s)).as("the state before it is broken").isEmpty();
        breakIt.accept(new Parts(s, a, r));
        return Invariants.check(s).stream().map(Invariants.Violation::ruleId).toList();
    }

    private record Parts(ModelState s, Area a, Range r) {}

    @Test
    void eachBrokenInvariantIsFlaggedByItsRule() {
        assertThat(broken(x -> x.s().lru.count++)).containsExactly("INV-LRU-COUNT");
        assertThat(broken(x -> x.s().lru.ranges.add(x.r()))).contains("INV-LRU-IFF");
        assertThat(broken(x -> x.a().unpinned.clear())).containsExactly("INV-LRU-AREA");
        assertThat(broken(x -> x.s().areas.clear())).containsExactly("INV-LRU-AREA");
        assertThat(broken(x -> x.r().purged = true)).containsExactly("INV-LRU-IFF");
        assertThat(broken(x -> x.s().lru.remove(x.r()))).containsExactly("INV-LRU-IFF");
        assertThat(broken(x -> x.a().unpinned.add(new Range(x.a(), 3, 3, true)))).containsExactly("INV-ORDER");
        assertThat(broken(x -> x.a().unpinned.add(new Range(x.a(), 0, 0, true)))).isEmpty(); // descending order
        assertThat(broken(x -> x.a().unpinned.add(new Range(x.a(), 0, 1, true)))).containsExactly("INV-ORDER"); // shares page 1
        assertThat(broken(x -> x.a().unpinned.addFirst(new Range(x.a(), 4, 4, true)))).containsExactly("INV-BOUNDS");
        assertThat(broken(x -> x.a().unpinned.addFirst(new Range(x.a(), 3, 3, true)))).isEmpty(); // the last page
        assertThat(broken(x -> x.a().unpinned.addFirst(new Range(x.a(), 4, 3, true)))).isEmpty(); // empty, at the end
        assertThat(broken(x -> x.a().unpinned.addFirst(new Range(x.a(), 5, 4, true)))).containsExactly("INV-BOUNDS");
        assertThat(broken(x -> x.a().unpinned.add(new Range(x.a(), 0, -1L, true)))).containsExactly("INV-ORDER"); // wrapped: its end is the highest page
        assertThat(broken(x -> x.a().file = null)).containsExactly("INV-BOUNDS");
        assertThat(broken(x -> x.a().protMask = Prot.ALL | 8)).containsExactly("INV-MASK");
        assertThat(broken(x -> x.a().size = 5L * P)).containsExactly("INV-FILE-FIXED");
        assertThat(broken(x -> x.a().name = new byte[] {'x'})).containsExactly("INV-FILE-FIXED");
        assertThat(broken(x -> x.s().pinnedPagesPunched = 1)).containsExactly("INV-PUNCH-PINNED");
        assertThat(broken(x -> x.s().inflight = -1)).containsExactly("CONC-INFLIGHT");
    }

    @Test
    void aRangeThatWrapsToTheLastPageNumberIsInBounds() {
        assertThat(broken(x -> {
            x.a().unpinned.clear();
            x.s().lru.remove(x.r());
            x.a().unpinned.add(new Range(x.a(), 0, -1L, true)); // [0, 2^64-1]: PINARG-EMPTY at offset 0
        })).isEmpty();
    }

    @Test
    void aLatePunchCountsExactlyThePinnedDataPagesOfItsOwnArea() {
        var m = AshmemModel.withoutInflightWait(P);
        int other = m.openHandle(); // first in the area list: the punch must not look at it
        m.ioctl(other, new Command.SetSize(4L * P));
        m.mmap(other, P, Prot.READ, true, 0);
        int fd = m.openHandle();
        m.ioctl(fd, new Command.SetSize(4L * P));
        int id = (int) ((Result.Value) m.mmap(fd, 4L * P, Prot.READ | Prot.WRITE, true, 0)).value();
        m.store(id, 0, new byte[4 * P]); // every page holds data
        m.ioctl(fd, Command.unpin(P, 2L * P));
        var punch = m.shrinkMarkHead().orElseThrow();
        m.ioctl(fd, Command.pin(P, P)); // page 1 pinned again, page 2 still unpinned
        m.shrinkPunch(punch);
        m.shrinkRelease();
        assertThat(m.violations()).extracting(Invariants.Violation::toString)
                .containsExactly("INV-PUNCH-PINNED: 1 data page(s) punched while pinned");
        // checkInvariants throws for the first broken invariant, naming it and the state
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(Invariants.InvariantViolation.class, m::checkInvariants);
        assertThat(thrown.violation().ruleId()).isEqualTo("INV-PUNCH-PINNED");
        assertThat(thrown).hasMessageStartingWith("INV-PUNCH-PINNED: 1 data page(s) punched while pinned\nin state:\ndevice P=4096");
        // a sound state passes, a copy keeps the violation
        assertThat(m.copy().violations()).hasSize(1);
        new AshmemModel(P).checkInvariants();
    }

    @Test
    void anLruViolationSaysWhichWayTheRangeIsWrong() {
        var s = new ModelState(P, Platform.X86_64);
        var a = new Area(0);
        a.size = 4L * P;
        a.file = new BackingFile(0, a.size, a.name, P);
        s.areas.add(a);
        var offLru = new Range(a, 2, 3, false);
        a.unpinned.add(offLru); // not purged, so it belongs on the LRU
        var onLru = new Range(a, 0, 1, true);
        a.unpinned.add(onLru);
        s.lru.add(onLru); // purged, so it belongs off the LRU
        assertThat(Invariants.check(s)).extracting(Invariants.Violation::detail).containsExactly(
                "area 0 range " + offLru.snapshot() + " not purged but off the LRU", "area 0 range " + onLru.snapshot() + " purged but on the LRU");
    }
}

