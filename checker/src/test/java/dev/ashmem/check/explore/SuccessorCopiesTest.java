package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.kernel.TighterBounds;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch keeps one entry per distinct successor of a state and counts the actions that reach it
 * ({@link Successors#copies}). The figures must still be those of looking every action up on its own:
 * here a naive breadth-first search, written from the definitions with a HashSet and no batch, counts
 * successors, changes and pruned discoveries (every discovery of an out-of-bounds state counts, since
 * none is stored), and the explorers, in memory with one and two workers and on disk, must agree.
 */
class SuccessorCopiesTest {

    static List<Scope> scopes() {
        // Scopes whose bounds prune: the same out-of-bounds state is often reached by several actions of one state.
        return List.of(Scopes.named("small"),
                Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.maxDepth = 7),
                Scopes.named("surface").toBuilder().applyTo(b -> b.maxDepth = 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void figuresAreThoseOfOneLookupPerAction(Scope scope, @TempDir Path dir) {
        sameFiguresAsTheNaiveSearch(scope, Kernel::new, dir);
    }

    /** The same with a bound the packing cannot see, which sends batched successors down the out-of-bounds paths. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void figuresAreThoseOfOneLookupPerActionWithABoundThePackingCannotSee(Scope scope, @TempDir Path dir) {
        sameFiguresAsTheNaiveSearch(scope, TighterBounds::new, dir);
    }

    private static void sameFiguresAsTheNaiveSearch(Scope scope, Function<Scope, Kernel> kernel, Path dir) {
        long[] naive = naive(kernel.apply(scope));
        assertThat(naive[3]).as("the scope prunes").isPositive();
        var one = new Explorer(kernel.apply(scope), null).run().stats();
        assertThat(new long[] {one.states(), one.successors(), one.changed(), one.pruned()}).as("one worker").containsExactly(naive);
        // Tiny rounds: a copy's first is often claimed and found out of bounds by another parent of its round.
        var two = new Explorer(kernel.apply(scope), null, 2).tuning(ParallelExplorerTest.TINY).run().stats();
        assertThat(new long[] {two.states(), two.successors(), two.changed(), two.pruned()}).as("two workers").containsExactly(naive);
        var disk = new Explorer(kernel.apply(scope), null, 1).memory(SpillExplorerTest.TINY, dir).run().stats();
        assertThat(new long[] {disk.states(), disk.successors(), disk.changed(), disk.pruned()}).as("on disk").containsExactly(naive);
    }

    /**
     * A worker whose batch holds an out-of-bounds successor reached by several actions, which another
     * parent of the round already found out of bounds (the round table answers SEEN_PRUNED): every one
     * of those actions counts as pruned, as each would alone.
     */
    @Test
    void aWorkerCountsEveryCopyOfASuccessorAnotherParentPruned() {
        Scope scope = Scopes.named("surface-2x1");
        var kernel = new TighterBounds(scope); // the real bounds never batch an out-of-bounds successor
        Action[] actions = new Alphabet(scope).actions().toArray(Action[]::new);
        var gen = new Successors(kernel, scope.symmetry(), actions);
        // Breadth-first until a state has a batch entry reached by two or more actions that lies out of bounds.
        var store = new StateStore(gen.words(), 1 << 10);
        kernel.initial(gen.base);
        gen.codec.encode(gen.base, gen.key);
        store.add(gen.key, -1);
        int parent = -1;
        int entry = -1;
        for (int idx = 0; idx < store.size() && parent < 0; idx++) {
            store.get(idx, gen.key);
            assertThat(gen.generate()).isNegative();
            for (int i = 0; i < gen.batched; i++) {
                int slot = store.probe(gen.batch[i], gen.hashes[i]);
                if (slot < 0) {
                    continue;
                }
                int copies = gen.copies[i];
                int outcome = gen.rebuild(i);
                if (outcome == Successors.SOUND) {
                    store.insert(slot, gen.batch[i], idx);
                } else if (outcome == Successors.OUT_OF_BOUNDS && copies > 1 && parent < 0) {
                    parent = idx;
                    entry = i;
                }
            }
        }
        assertThat(parent).as("a state with such a successor").isNotNegative();
        long[] key = new long[gen.words()];
        store.get(parent, key);
        System.arraycopy(key, 0, gen.key, 0, key.length);
        gen.generate();
        long[] pruned = gen.batch[entry].clone();
        long hash = gen.hashes[entry];
        int copies = gen.copies[entry];
        long expected = 0; // by the definition: each action whose successor is out of bounds
        int[] work = new int[kernel.frameLength()];
        long[] succ = new long[gen.words()];
        for (Action a : actions) {
            if (kernel.enabled(gen.base, a) && kernel.step(gen.base, work, a)) {
                if (kernel.pruned()) {
                    expected++; // past the mapping bound: pruned by the step
                    continue;
                }
                boolean faithful = gen.codec.encode(work, succ);
                kernel.step(gen.base, work, a);
                if (!faithful || (!Arrays.equals(succ, key) && kernel.outOfBounds(work))) {
                    expected++;
                }
            }
        }

        var one = new StateStore(gen.words(), 16);
        one.add(key, -1);
        var table = new RoundTable(gen.words(), 1 << 12, 1);
        var claimed = new RoundTable.Claims();
        assertThat(table.offer(pruned, hash, 1, claimed)).isEqualTo(RoundTable.CLAIMED);
        table.publish(claimed.slot, 1 | RoundTable.PRUNED); // another parent of the round found it out of bounds
        var worker = new Worker(new TighterBounds(scope), scope.symmetry(), actions, 64);
        var outcome = worker.run(one, table, 0, 1, new AtomicInteger(), new AtomicBoolean(), true);
        assertThat(copies).isGreaterThan(1);
        assertThat(outcome.pruned()).isEqualTo(expected);
    }

    /** {states, successors, changed, pruned} by the definitions: one lookup per action. */
    private static long[] naive(Kernel kernel) {
        Scope scope = kernel.scope();
        var codec = new Codec(kernel, scope.symmetry());
        var inv = new FrameInvariants(kernel);
        List<Action> actions = new Alphabet(scope).actions();
        int len = kernel.frameLength();
        int[] base = new int[len];
        int[] work = new int[len];
        long[] key = new long[codec.words];
        long[] succ = new long[codec.words];
        kernel.initial(base);
        codec.encode(base, key);
        Set<List<Long>> seen = new HashSet<>();
        var queue = new ArrayDeque<long[]>();
        seen.add(boxed(key));
        queue.add(key.clone());
        long successors = 0;
        long changed = 0;
        long pruned = 0;
        int levelLeft = 1;
        int depth = 0;
        int nextLevel = 0;
        while (!queue.isEmpty()) {
            if (scope.maxDepth() > 0 && depth >= scope.maxDepth()) {
                break;
            }
            long[] state = queue.poll();
            codec.decode(state, base);
            for (Action a : actions) {
                if (!kernel.enabled(base, a)) {
                    continue;
                }
                successors++;
                if (!kernel.step(base, work, a)) {
                    continue;
                }
                changed++;
                if (kernel.pruned()) {
                    pruned++; // beyond a bound the step checks (max mappings): out of the scope, whatever frame it left
                    continue;
                }
                if (!codec.encode(work, succ)) {
                    assertThat(inv.check(work, null)).isTrue();
                    assertThat(kernel.outOfBounds(work)).isTrue();
                    pruned++;
                    continue;
                }
                if (Arrays.equals(succ, state) || seen.contains(boxed(succ))) {
                    continue;
                }
                kernel.step(base, work, a);
                assertThat(inv.check(work, null)).isTrue();
                if (kernel.outOfBounds(work)) {
                    pruned++; // not stored: the next action reaching it counts again
                    continue;
                }
                seen.add(boxed(succ));
                queue.add(succ.clone());
                nextLevel++;
            }
            if (--levelLeft == 0) {
                levelLeft = nextLevel;
                nextLevel = 0;
                depth++;
            }
        }
        return new long[] {seen.size(), successors, changed, pruned};
    }

    private static List<Long> boxed(long[] key) {
        return Arrays.stream(key).boxed().toList();
    }
}
