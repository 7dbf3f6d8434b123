package dev.ashmem.check.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PackedPins against the frame path it replaces (Kernel.step, then Codec.encode): on every PIN, UNPIN
 * and GET_PIN_STATUS of every reachable state of several scopes, the same "unchanged" verdict and the
 * same packed successor, or a decline. The scopes include stacked empty ranges, odd arguments, three
 * areas, symmetry on and off.
 */
class PackedPinsTest {

    record Tally(long packed, long unchanged, long declined, long selfLoops) {
    }

    private static Tally compare(Scope scope, boolean symmetry) {
        var t = new long[4];
        for (long[] key : Reach.states(scope, symmetry)) {
            compareAt(scope, symmetry, key, t);
        }
        return new Tally(t[0], t[1], t[2], t[3]);
    }

    /** Every PIN/UNPIN/GET_PIN_STATUS of one packed state, both ways; counts packed, unchanged, declined into t. */
    private static void compareAt(Scope scope, boolean symmetry, long[] key, long[] t) {
        var kernel = new Kernel(scope);
        var codec = new Codec(kernel, symmetry);
        Action[] actions = ACTIONS.computeIfAbsent(scope, s -> new Alphabet(s).actions().toArray(Action[]::new));
        var packed = PackedPins.forKernel(kernel, codec, actions);
        assertThat(packed).as(scope.describe()).isNotNull();
        int[] base = new int[kernel.frameLength()];
        int[] work = new int[base.length];
        long[] viaFrame = new long[codec.words];
        long[] direct = new long[codec.words];
        codec.decode(key, base);
        packed.prepare(base);
        for (int ai = 0; ai < actions.length; ai++) {
            if (!packed.takes(ai) || !kernel.enabled(base, actions[ai])) {
                continue;
            }
            java.util.Arrays.fill(direct, 0x5A5A_5A5AL); // what a step leaves behind must not matter
            int outcome = packed.step(ai, direct);
            boolean changes = kernel.step(base, work, actions[ai]);
            String what = actions[ai] + " in " + java.util.Arrays.toString(key) + " of " + scope.describe();
            if (packed.alwaysSelfLoop(ai)) { // counted by the explorers without being taken
                assertThat(changes).as("a self-loop everywhere: " + what).isFalse();
                t[3]++;
            }
            switch (outcome) {
                case PackedPins.UNCHANGED -> {
                    assertThat(changes).as("unchanged: " + what).isFalse();
                    t[1]++;
                }
                case PackedPins.PACKED -> {
                    assertThat(changes).as("changes: " + what).isTrue();
                    assertThat(kernel.outOfBounds(work)).as("in bounds: " + what).isFalse();
                    assertThat(codec.encode(work, viaFrame)).as(what).isTrue();
                    assertThat(direct).as(what).isEqualTo(viaFrame);
                    t[0]++;
                }
                default -> t[2]++;
            }
        }
    }

    private static final java.util.Map<Scope, Action[]> ACTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * States no exhaustive scope here reaches: four areas of 30 pages, every other page unpinned (60 ranges
     * on the LRU, blocks of three longs, positions up to 60), and with three empty ranges more (63 on the
     * LRU), which PackedPins leaves to the frame path; and with two areas untouched (identical blocks).
     */
    @Test
    void sixtyRangesOnFourAreasOfThirtyPages() {
        var scope = Scopes.named("2x4").toBuilder().applyTo(b -> {
            b.areas = 4;
            b.pages = 30;
            b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.STATUS);
        });
        var kernel = new Kernel(scope);
        int pageSize = scope.pageSize();
        var unpins = new java.util.ArrayList<Action>();
        for (int a = 0; a < 4; a++) {
            for (int p = 0; p < 30; p += 2) {
                unpins.add(new Action(ActionKind.UNPIN, a, 0, (long) p * pageSize, pageSize, 0, false));
            }
        }
        for (long[] t : compareBothWays(scope, kernel, after(kernel, unpins))) {
            assertThat(t[0]).as("packed").isGreaterThan(1000);
            assertThat(t[2]).as("declined").isZero();
        }
        // Areas 2 and 3 untouched: identical blocks, sorted under symmetry.
        for (long[] t : compareBothWays(scope, kernel, after(kernel, unpins.subList(0, 30)))) {
            assertThat(t[0]).as("packed, two identical areas").isGreaterThan(1000);
        }
        for (int a = 1; a < 4; a++) { // the empty range at the end of areas 1-3: 63 ranges on the LRU
            unpins.add(new Action(ActionKind.UNPIN, a, 0, 30L * pageSize, 0, 0, false));
        }
        for (long[] t : compareBothWays(scope, kernel, after(kernel, unpins))) {
            assertThat(t[0]).as("packed past 62 positions").isZero();
            assertThat(t[2]).as("declined").isPositive();
        }
    }

    /** One area of 30 pages, every other page unpinned: the packing is the acting block alone, of more than one long. */
    @Test
    void oneAreaWhoseBlockIsMoreThanOneLong() {
        var scope = Scopes.named("1x8").toBuilder().applyTo(b -> {
            b.pages = 30;
            b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.STATUS);
        });
        var kernel = new Kernel(scope);
        assertThat(new Codec(kernel, false).areaWords()).isGreaterThan(1);
        var unpins = new java.util.ArrayList<Action>();
        for (int p = 0; p < 30; p += 2) {
            unpins.add(new Action(ActionKind.UNPIN, 0, 0, (long) p * scope.pageSize(), scope.pageSize(), 0, false));
        }
        for (long[] t : compareBothWays(scope, kernel, after(kernel, unpins))) {
            assertThat(t[0]).as("packed").isGreaterThan(100);
        }
    }

    /**
     * Another area's block rewritten with its positions shifted while it holds a purged empty range (off
     * the LRU): area 1 has the empty range, purged by a scan, and a range at LRU position 2; area 0's
     * range at position 1 is pinned, so area 1's moves to 1. And, not purged, an empty range at position 2
     * that moves to 1 with it. For blocks of one long and of more (the two ways blocks are built).
     */
    @Test
    void aShiftedBlockKeepsItsPurgedEmptyRangeOffTheLruAndMovesOneOnIt() {
        // Four pages: blocks of one long (built in locals); thirty: of more (written field by field).
        for (int pages : new int[] {4, 30}) {
            var scope = Scopes.named("2x4").toBuilder().applyTo(b -> {
                b.pages = pages;
                b.maxEmpty = 1;
                b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.ZERO, Letter.SCAN);
            });
            var kernel = new Kernel(scope);
            assertThat(new Codec(kernel, false).areaWords() > 1).isEqualTo(pages == 30);
            int pageSize = scope.pageSize();
            int[] f = after(kernel, List.of(
                    new Action(ActionKind.UNPIN, 1, 0, (long) pages * pageSize, 0, 0, false), // the empty range at the end
                    new Action(ActionKind.SCAN, 0, 0, 0, 0, 0, true), // purges it
                    new Action(ActionKind.UNPIN, 0, 0, 0, pageSize, 0, false), // LRU position 1
                    new Action(ActionKind.UNPIN, 1, 0, 0, pageSize, 0, false))); // LRU position 2
            for (long[] t : compareBothWays(scope, kernel, f)) {
                assertThat(t[0]).as("packed, %d pages", pages).isPositive();
            }
            // Not purged, the empty range stays on the LRU (position 1) and moves down with the others.
            int[] g = after(kernel, List.of(
                    new Action(ActionKind.UNPIN, 0, 0, 0, pageSize, 0, false),
                    new Action(ActionKind.UNPIN, 1, 0, (long) pages * pageSize, 0, 0, false)));
            for (long[] t : compareBothWays(scope, kernel, g)) {
                assertThat(t[0]).as("packed, %d pages, the empty range on the LRU", pages).isPositive();
            }
        }
    }

    /** The frame after taking each action from the initial state (each must change it). */
    private static int[] after(Kernel kernel, List<Action> actions) {
        int[] f = new int[kernel.frameLength()];
        int[] w = new int[f.length];
        kernel.initial(f);
        for (var a : actions) {
            assertThat(kernel.step(f, w, a)).as(a.toString()).isTrue();
            System.arraycopy(w, 0, f, 0, f.length);
        }
        return f;
    }

    /** {@link #compareAt} on the frame's packing with symmetry on and off: the two tallies. */
    private static List<long[]> compareBothWays(Scope scope, Kernel kernel, int[] f) {
        var tallies = new java.util.ArrayList<long[]>();
        for (boolean symmetry : List.of(true, false)) {
            var codec = new Codec(kernel, symmetry);
            long[] key = new long[codec.words];
            assertThat(codec.encode(f, key)).isTrue();
            long[] t = new long[4];
            compareAt(scope, symmetry, key, t);
            tallies.add(t);
        }
        return tallies;
    }

    @Test
    void everyPinUnpinAndStatusPacksAsTheFramePathDoes() {
        var cases = List.of(
                Scopes.named("1x8").toBuilder().applyTo(b -> b.pages = 6),
                Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 3),
                Scopes.named("2x4").toBuilder().applyTo(b -> {
                    b.areas = 3;
                    b.pages = 2;
                }),
                Scopes.named("2x4").toBuilder().applyTo(b -> {
                    b.pages = 2;
                    b.maxEmpty = 1;
                    b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.ZERO, Letter.SCAN, Letter.PURGE);
                }));
        for (var scope : cases) {
            for (boolean symmetry : scope.areas() > 1 ? List.of(true, false) : List.of(false)) {
                var t = compare(scope, symmetry);
                // Not vacuous: without len-0 requests there is no empty range and every step is taken here.
                assertThat(t.packed()).as(scope.describe()).isGreaterThan(1000);
                if (scope.alphabet().contains(Letter.ZERO)) {
                    assertThat(t.declined()).as(scope.describe() + ": areas holding empty ranges").isPositive();
                } else {
                    assertThat(t.declined()).as(scope.describe() + ": no empty range, nothing declined").isZero();
                }
            }
        }
    }

    /**
     * Packings of one-long area blocks that fill the first long and go on in the second (the named scopes'
     * all fit one long; PIT found that word boundary run by no test): four areas of two pages, whose fourth
     * block can end exactly on the boundary, and four areas of four pages with unpinned ranges in each,
     * whose blocks grow until one straddles it, the last or one before it (the bits past the boundary not
     * all zero).
     */
    @Test
    void packingsThatGoOnInASecondLong() {
        var four = Scopes.named("2x4").toBuilder().applyTo(b -> {
            b.areas = 4;
            b.pages = 2;
        });
        assertThat(new Codec(new Kernel(four), true).words).isEqualTo(2);
        assertThat(compare(four, true).packed()).isGreaterThan(10_000);
        var wider = Scopes.named("2x4").toBuilder().applyTo(b -> {
            b.areas = 4;
            b.pages = 4;
        });
        var kernel = new Kernel(wider);
        assertThat(new Codec(kernel, true).areaWords()).isEqualTo(1);
        long p = wider.pageSize();
        var unpins = new java.util.ArrayList<Action>();
        for (int area = 0; area < 4; area++) {
            for (long page : new long[] {0, 2}) {
                unpins.add(new Action(ActionKind.UNPIN, area, 0, page * p, p, 0, false));
                for (long[] t : compareBothWays(wider, kernel, after(kernel, unpins))) {
                    assertThat(t[0]).as("packed").isPositive();
                }
            }
        }
    }

    /** Stacked empty ranges, len-0 requests, misaligned, overflowing and unreadable arguments: the small scope. */
    @Test
    void oddArgumentsAndEmptyRangesAgreeToo() {
        var t = compare(Scopes.named("small"), false);
        assertThat(t.packed()).isGreaterThan(100);
        assertThat(t.unchanged()).isGreaterThan(t.packed()); // the refused arguments and GET_PIN_STATUS
        assertThat(t.selfLoops()).isPositive().isLessThanOrEqualTo(t.unchanged());
        assertThat(t.declined()).isGreaterThan(0); // areas holding empty ranges go the frame path
    }

    @Test
    void scopesWhoseStatesAreMoreThanAreaBlocksAndBrokenKernelsKeepTheFramePath() {
        for (var name : List.of("content-1x6", "surface", "conc")) {
            var kernel = new Kernel(Scopes.named(name));
            var actions = new Alphabet(kernel.scope()).actions().toArray(Action[]::new);
            assertThat(PackedPins.forKernel(kernel, new Codec(kernel, true), actions)).as(name).isNull();
        }
        var broken = new Kernel(Scopes.named("1x8")) {
        };
        var actions = new Alphabet(broken.scope()).actions().toArray(Action[]::new);
        assertThat(PackedPins.forKernel(broken, new Codec(broken, false), actions)).isNull();
        var real = new Kernel(Scopes.named("1x8"));
        assertThat(PackedPins.forKernel(real, new Codec(real, false), actions)).isNotNull();
    }
}
