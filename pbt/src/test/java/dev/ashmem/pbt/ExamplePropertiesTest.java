package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.pbt.junit.Cover;
import dev.ashmem.pbt.junit.From;
import dev.ashmem.pbt.junit.Property;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The examples of ENGINE.md, kept compiling and passing. */
class ExamplePropertiesTest {

    // A plain property: the parameter is drawn from the generator named in @From.
    static final Gen<List<Integer>> smallLists = Gens.lists(Gens.ints(-1000, 1000), 0, 50);

    @Property(tries = 200)
    void sortingTwiceIsSortingOnce(@From("smallLists") List<Integer> xs) {
        var once = new ArrayList<>(xs);
        Collections.sort(once);
        var twice = new ArrayList<>(once);
        Collections.sort(twice);
        assertThat(twice).isEqualTo(once);
    }

    // A stateful property: the model (a deque) and the implementation side by side.
    static final class Buffers {
        final CircularBuffer impl = new CircularBuffer(4, Set.of());
        final ArrayDeque<Integer> model = new ArrayDeque<>();
    }

    static final StateMachine<Buffers> BUFFER = StateMachine.of(Buffers::new)
            .action(Action.<Buffers>run("put", (s, step) -> {
                int x = step.drawInt(Gens.ints(0, 99));
                s.impl.put(x);
                s.model.addLast(x);
            }).when(s -> s.model.size() < 4).weight(2))
            .action(Action.<Buffers>call("get", (s, step) -> {
                int got = s.impl.get();
                step.checkEquals(s.model.removeFirst(), got, "get returns the oldest element");
                return got;
            }).when(s -> !s.model.isEmpty()))
            .action(Action.<Buffers>call("size", (s, step) -> {
                int size = s.impl.size();
                step.label(size == 4 ? "full" : size == 0 ? "empty" : "partly full");
                return size;
            }).ensure("size matches the model", (s, size) -> size.equals(s.model.size())))
            .invariant("never more than 4 elements", s -> s.impl.size() <= 4);

    @Property(tries = 300, maxSteps = 40)
    @Cover(value = {"full", "empty", "partly full"}, atLeast = 10)
    void circularBufferBehavesLikeAQueue(Ctx ctx) throws Throwable {
        BUFFER.run(ctx);
    }

    // Handles rendered as h0, h1, … and page-sized arguments, as in "step 3: unpin(h0, 4096, 8192) -> 0".
    static final class Handles {
        final List<long[]> regions = new ArrayList<>(); // {size, unpinned bytes}
    }

    static final StateMachine<Handles> HANDLES = StateMachine.of(Handles::new)
            .action(Action.<Handles>call("create", (s, step) -> {
                long size = step.drawLong(Gens.longs(1, 16 * 4096L));
                s.regions.add(new long[] {size, 0});
                return s.regions.size() - 1;
            }).when(s -> s.regions.size() < 4))
            .action(Action.<Handles>call("unpin", (s, step) -> {
                int h = step.draw(Gens.ints(0, s.regions.size() - 1), i -> "h" + i);
                long offset = step.drawLong(Gens.longs(0, 16 * 4096L));
                long length = step.drawLong(Gens.longs(0, 16 * 4096L));
                long[] region = s.regions.get(h);
                boolean aligned = offset % 4096 == 0 && length % 4096 == 0;
                step.label(aligned ? "aligned" : "unaligned");
                if (!aligned || offset + length > region[0]) return -22;
                region[1] += length;
                return 0;
            }).when(s -> !s.regions.isEmpty()));

    @Property(tries = 200, maxSteps = 20)
    @Cover(value = {"aligned", "unaligned"}, atLeast = 5)
    void unpinAcceptsOnlyAlignedRanges(Ctx ctx) throws Throwable {
        HANDLES.run(ctx);
    }
}
