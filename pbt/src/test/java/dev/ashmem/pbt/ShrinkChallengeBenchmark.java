package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Shrink quality: the public shrinking-challenge set (github.com/jlink/shrinking-challenge) plus two
 * stateful bugs, each over seeds 1..10. Prints, per challenge, the seeds whose shrunk case is the known
 * minimum, the median number of shrink runs, and the minimal example of seed 1 (with {@code -v}, every
 * example that is not the minimum). Not a JUnit test (the
 * name does not end in Test); run it with the command in ENGINE.md ("Shrink quality").
 */
public final class ShrinkChallengeBenchmark {

    private static final int SEEDS = 10;

    /** A property and a test of its shrunk report lines: true when they are the known minimum. */
    record Challenge(String name, String minimum, Config config, PropertyBody body, Predicate<List<String>> isMinimal) {}

    static final Config BASE = Config.defaults().withTries(1000).withDatabase(null);

    public static void main(String[] args) {
        // Arguments: challenge names to run (default all); "-v" also prints every non-minimal example.
        Set<String> only = new HashSet<>(Arrays.asList(args));
        boolean verbose = only.remove("-v");
        System.out.printf("%-22s %8s %8s  %s%n", "challenge", "minimal", "median", "seed 1's example (known minimum)");
        for (Challenge c : challenges()) {
            if (!only.isEmpty() && !only.contains(c.name())) continue;
            int minimal = 0;
            int[] runs = new int[SEEDS];
            int found = 0;
            String example = "(no failure found)";
            for (int seed = 1; seed <= SEEDS; seed++) {
                Result r = Pbt.check(c.name(), c.config().withSeed((long) seed), c.body());
                if (!(r instanceof Result.Failed f)) continue;
                runs[found++] = f.shrinkRuns();
                List<String> lines = f.counterexample().lines();
                if (c.isMinimal().test(lines)) minimal++;
                else if (verbose) System.out.printf("  seed %d: %s (%d runs)%n", seed, String.join("; ", lines), f.shrinkRuns());
                if (seed == 1) example = String.join("; ", lines);
            }
            int[] sorted = Arrays.copyOf(runs, found);
            Arrays.sort(sorted);
            String median = found == 0 ? "-" : Integer.toString(sorted[found / 2]);
            System.out.printf("%-22s %5d/%d %8s  %s   (%s)%n", c.name(), minimal, SEEDS, median,
                    abbreviate(example), c.minimum());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }

    static List<Challenge> challenges() {
        List<Challenge> all = new ArrayList<>();
        all.add(values("reverse", "xs = [0, 1]", ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints()), "xs");
            if (!xs.reversed().equals(xs)) throw new AssertionError("reverse(xs) != xs");
        }, "xs = [0, 1]"));
        all.add(values("large union list", "xss = [[0, 1, -1, 2, -2]]", ctx -> {
            List<List<Integer>> xss = ctx.draw(Gens.lists(Gens.lists(Gens.ints())), "xss");
            Set<Integer> union = new HashSet<>();
            for (List<Integer> xs : xss) union.addAll(xs);
            ctx.check(union.size() <= 4, "at most 4 distinct");
        }, "xss = [[0, 1, -1, 2, -2]]"));
        all.add(new Challenge("bound5", "([-32768], [-1], [], [], []) in any order", BASE, ctx -> {
            Gen<List<Integer>> shorts = Gens.lists(Gens.ints(Short.MIN_VALUE, Short.MAX_VALUE), 0, 10)
                    .filter("sum < 256", xs -> shortSum(xs) < 256);
            short total = 0;
            for (int i = 0; i < 5; i++) total += shortSum(ctx.draw(shorts, "l" + i));
            ctx.check(total < 5 * 256, "short sum < 1280");
        }, lines -> {
            List<String> lists = lines.stream().map(l -> l.substring(l.indexOf('=') + 2)).sorted().toList();
            return lists.equals(List.of("[-1]", "[-32768]", "[]", "[]", "[]"));
        }));
        all.add(values("calculator", "e = (0 / (0 + 0))", ctx -> {
            Expr e = ctx.draw(Expr.GEN, "e");
            ctx.assume(e.noLiteralZeroDivisor(), "no literal division by 0");
            e.eval();
        }, "e = (0 / (0 + 0))"));
        all.add(values("coupling", "xs = [1, 0]", ctx -> {
            List<Integer> xs = ctx.draw(Gens.ints(1, 10).flatMap(n -> Gens.lists(Gens.ints(0, n - 1), n, n)), "xs");
            for (int i = 0; i < xs.size(); i++) {
                int j = xs.get(i);
                if (j != i) ctx.check(xs.get(j) != i, "no 2-cycle");
            }
        }, "xs = [1, 0]"));
        all.add(values("deletion", "xs = [0, 0], i = 0", ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(), 1, 64), "xs");
            int i = ctx.drawInt(Gens.ints(0, xs.size() - 1), "i");
            List<Integer> rest = new ArrayList<>(xs);
            Integer x = rest.get(i);
            rest.remove(x);
            ctx.check(!rest.contains(x), "removed");
        }, "xs = [0, 0]", "i = 0"));
        all.add(new Challenge("distinct", "xs = [0, 1, -1] or [0, 1, 2]", BASE, ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints()), "xs");
            ctx.check(new HashSet<>(xs).size() < 3, "fewer than 3 distinct");
        }, lines -> lines.equals(List.of("xs = [0, 1, -1]")) || lines.equals(List.of("xs = [0, 1, 2]"))));
        all.add(values("length list", "xs = [900]", ctx -> {
            List<Integer> xs = ctx.draw(Gens.ints(1, 100).flatMap(n -> Gens.lists(Gens.ints(0, 1000), n, n)), "xs");
            ctx.check(xs.stream().allMatch(x -> x < 900), "all below 900");
        }, "xs = [900]"));
        all.add(values("nested lists", "xss = [[0 x 11]]", ctx -> {
            List<List<Integer>> xss = ctx.draw(Gens.lists(Gens.lists(Gens.ints())), "xss");
            ctx.check(xss.stream().mapToInt(List::size).sum() <= 10, "at most 10 elements");
        }, "xss = [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]"));
        all.add(difference("difference 1", "x = 10, y = 10", d -> d != 0, "y = 10"));
        all.add(difference("difference 2", "x = 10, y = 6", d -> d < 1 || d > 4, "y = 6"));
        all.add(difference("difference 3", "x = 10, y = 9", d -> d != 1, "y = 9"));
        all.add(values("buffer get-no-wrap", "new(1) (put(0) get()) x 3", ctx -> Buffer.MACHINE.run(ctx),
                "step 1: new(1)", "step 2: put(0)", "step 3: get() -> 0", "step 4: put(0)", "step 5: get() -> 0",
                "step 6: put(0)", "step 7: get()"));
        all.add(values("regions unpin-whole", "create(4096) unpin(h0, 0, 4096)", ctx -> PageRangeMachineTest.machine(true).run(ctx),
                "step 1: create(4096) -> h0", "step 2: unpin(h0, 0, 4096)"));
        return all;
    }

    private static Challenge values(String name, String minimum, PropertyBody body, String... expected) {
        List<String> want = List.of(expected);
        return new Challenge(name, minimum, BASE.withMaxSteps(30), body, want::equals);
    }

    // More tries: on some seeds 1000 random pairs contain no failure at all (a search, not a shrinking, miss).
    private static Challenge difference(String name, String minimum, java.util.function.LongPredicate ok, String y) {
        Challenge c = values(name, minimum, ctx -> {
            int x = ctx.drawInt(Gens.ints(1, Integer.MAX_VALUE), "x");
            int yv = ctx.drawInt(Gens.ints(1, Integer.MAX_VALUE), "y");
            ctx.check(x < 10 || ok.test(Math.abs((long) x - yv)), "difference");
        }, "x = 10", y);
        return new Challenge(c.name(), c.minimum(), c.config().withTries(20_000), c.body(), c.isMinimal());
    }

    private static short shortSum(List<Integer> xs) {
        short s = 0;
        for (int x : xs) s += (short) x;
        return s;
    }

    /** The calculator language: integers, additions and divisions. */
    sealed interface Expr {
        // Unbounded in Hypothesis' version (lazy self-reference); here depth-capped by Gens.recursive.
        Gen<Expr> GEN = Gens.recursive(Gens.ints(-10, 10).map(Lit::new),
                sub -> Gens.oneOf(Gens.zip(sub, sub, Add::new), Gens.zip(sub, sub, Div::new)), 8);

        int eval();

        boolean noLiteralZeroDivisor();
    }

    record Lit(int v) implements Expr {
        public int eval() { return v; }
        public boolean noLiteralZeroDivisor() { return true; }
        @Override public String toString() { return Integer.toString(v); }
    }

    record Add(Expr a, Expr b) implements Expr {
        public int eval() { return a.eval() + b.eval(); }
        public boolean noLiteralZeroDivisor() { return a.noLiteralZeroDivisor() && b.noLiteralZeroDivisor(); }
        @Override public String toString() { return "(" + a + " + " + b + ")"; }
    }

    record Div(Expr a, Expr b) implements Expr {
        public int eval() { return a.eval() / b.eval(); }
        public boolean noLiteralZeroDivisor() {
            return !(b instanceof Lit(int v) && v == 0) && a.noLiteralZeroDivisor() && b.noLiteralZeroDivisor();
        }
        @Override public String toString() { return "(" + a + " / " + b + ")"; }
    }

    /** The circular buffer machine of CircularBufferMachineTest, with get() forgetting to wrap. */
    static final class Buffer {
        static final StateMachine<CircularBufferMachineTest.Sut> MACHINE =
                CircularBufferMachineTest.machine(java.util.EnumSet.of(CircularBuffer.Bug.GET_WITHOUT_WRAP));
    }

    private ShrinkChallengeBenchmark() {}
}
