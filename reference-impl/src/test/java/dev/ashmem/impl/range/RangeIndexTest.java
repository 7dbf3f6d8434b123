package dev.ashmem.impl.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sorted array and the tree behind {@link RangeIndex} answer alike, across the switches between
 * them, and the device built on it stays equal to the model while an area grows past the threshold
 * and shrinks below it again (the differential suites rarely hold more than a few ranges per area).
 */
class RangeIndexTest {
    private static final Comparator<Range<?>> ORDER = Comparator.<Range<?>>comparingLong(r -> r.pgend)
            .thenComparingLong(r -> r.pgstart).thenComparingLong(r -> r.seq);

    @Test
    void answersLikeATreeSetThroughEverySwitch() {
        var rnd = new SplittableRandom(15);
        var index = new RangeIndex<Object>(ORDER);
        var expected = new TreeSet<Range<Object>>(ORDER);
        var live = new ArrayList<Range<Object>>();
        long seq = 0;
        int switches = 0;
        boolean wasTree = false;
        for (int step = 0; step < 40_000; step++) {
            // drift up to ~150 elements and back down to a few, so both switches happen many times
            boolean growing = (step / 300) % 2 == 0;
            if (live.isEmpty() || rnd.nextInt(100) < (growing ? 75 : 25)) {
                long end = rnd.nextLong(300);
                var r = new Range<Object>(null, end - rnd.nextLong(3), end, false, seq++);
                index.add(r);
                expected.add(r);
                live.add(r);
            } else {
                var r = live.remove(rnd.nextInt(live.size()));
                index.remove(r);
                expected.remove(r);
            }
            var probe = new Range<Object>(null, rnd.nextLong(300), rnd.nextLong(300), false,
                    rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
            assertThat(index.ceiling(probe)).isSameAs(expected.ceiling(probe));
            assertThat(index.higher(probe)).isSameAs(expected.higher(probe));
            assertThat(index.floor(probe)).isSameAs(expected.floor(probe));
            if (!live.isEmpty() && step % 7 == 0) {
                // a probe that is an element: floor is itself, higher the next one
                var element = live.get(rnd.nextInt(live.size()));
                assertThat(index.floor(element)).isSameAs(element);
                assertThat(index.ceiling(element)).isSameAs(element);
                assertThat(index.higher(element)).isSameAs(expected.higher(element));
            }
            assertThat(index.size()).isEqualTo(expected.size());
            if (index.usesTree() != wasTree) {
                switches++;
                wasTree = index.usesTree();
                // the hysteresis: a tree from the (TO_TREE + 1)th range, an array again below TO_ARRAY
                assertThat(index.size()).isEqualTo(wasTree ? RangeIndex.TO_TREE + 1 : RangeIndex.TO_ARRAY - 1);
                assertThat(index.ascending()).containsExactlyElementsOf(expected);
            }
        }
        assertThat(index.ascending()).containsExactlyElementsOf(expected);
        assertThat(switches).as("array -> tree -> array switches").isGreaterThanOrEqualTo(10);
    }

    @Test
    void theDeviceMatchesTheModelAcrossTheThreshold() {
        final int p = 4096;
        final int pages = 2 * (RangeIndex.TO_TREE + 40);
        var rnd = new SplittableRandom(7);
        try (var impl = new OffHeapAshmem(p); var model = new AshmemModel(p)) {
            for (var dev : java.util.List.of(impl, model)) {
                int fd = dev.openHandle();
                assertThat(dev.ioctl(fd, new Command.SetSize((long) pages * p))).isEqualTo(Result.ZERO);
                assertThat(dev.mmap(fd, p, Prot.READ | Prot.WRITE, true, 0)).isInstanceOf(Result.Value.class);
            }
            int maxRanges = 0;
            for (int step = 0; step < 3_000; step++) {
                // every other page first, so the area fills with separate ranges; then anything
                long page = step < pages / 2 ? 2L * step : rnd.nextInt(pages);
                long len = step < pages / 2 ? 1 : 1 + rnd.nextInt(3);
                len = Math.min(len, pages - page);
                boolean unpin = step < pages / 2 || rnd.nextInt(100) < (step / 500 % 2 == 0 ? 55 : 40);
                var cmd = unpin ? Command.unpin(page * p, len * p) : Command.pin(page * p, len * p);
                assertThat(impl.ioctl(0, cmd)).as("step %d %s", step, cmd).isEqualTo(model.ioctl(0, cmd));
                var status = Command.pinStatus(page * p, len * p);
                assertThat(impl.ioctl(0, status)).isEqualTo(model.ioctl(0, status));
                assertThat(impl.snapshot()).as("step %d %s", step, cmd).isEqualTo(model.snapshot());
                maxRanges = Math.max(maxRanges, model.snapshot().areas().getFirst().unpinned().size());
            }
            assertThat(maxRanges).isGreaterThan(RangeIndex.TO_TREE);
        }
    }
}
