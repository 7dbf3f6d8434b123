package dev.ashmem.pbt;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Shrinks a failing test case by shrinking its choice sequence: deleting spans and chunks, truncating,
 * zeroing, lowering single values (and equal signed ones together) by binary search, moving value from
 * earlier to later choices, sorting and swapping; see {@link Pass}. A candidate is kept when its run fails with the same {@link FailureSignature} and the
 * choices it actually drew are smaller in shortlex order. Bounded by a run count and a deadline.
 */
final class Shrinker {

    private static final int[] CHUNK_SIZES = {8, 4, 2, 1};
    private static final int COUPLED_EVERY = 4;
    private static final int DUPLICATE_GROUPS = 16;
    private static final int SATURATE_ATTEMPTS = 64;

    /** The passes, in the order a round runs them; {@code cheap} ones run every round. */
    enum Pass {
        SHORTEN(true), DELETE_SPANS(true), DELETE_CHUNKS(true), ZERO_CHUNKS(true), MINIMIZE_VALUES(true),
        SORT_CHUNKS(true), SWAP_SPANS(true), SWAP_ADJACENT(true),
        // Coupled changes: many candidates each, so only tried when the cheap passes are stuck.
        MINIMIZE_DUPLICATES(false), REDISTRIBUTE(false), LOWER_TOGETHER(false), LOWER_AND_DELETE(false), REPLACE_WITH_DESCENDANT(false),
        DELETE_AND_SATURATE(false);

        final boolean cheap;

        Pass(boolean cheap) {
            this.cheap = cheap;
        }
    }

    private final Function<long[], TestRun> replay;
    private final FailureSignature target;
    /** Sees every candidate that fails some other way (a distinct failure the run may report too). */
    private final Consumer<TestRun> otherFailures;
    private final int maxRuns;
    private final long deadline;
    // 64-bit fingerprints of candidates already run, so no candidate runs twice (memory stays small).
    private final Set<Long> tried = new HashSet<>();

    private TestRun best;
    private int runs;
    private int improvements;
    private boolean exhausted;

    Shrinker(Function<long[], TestRun> replay, TestRun failing, int maxRuns, long deadlineNanos) {
        this(replay, failing, maxRuns, deadlineNanos, run -> { });
    }

    Shrinker(Function<long[], TestRun> replay, TestRun failing, int maxRuns, long deadlineNanos,
            Consumer<TestRun> otherFailures) {
        this.replay = replay;
        this.otherFailures = otherFailures;
        this.best = failing;
        this.target = failing.signature();
        this.maxRuns = maxRuns;
        this.deadline = deadlineNanos;
    }

    TestRun shrink() {
        List<Pass> cheap = Arrays.stream(Pass.values()).filter(p -> p.cheap).toList();
        List<Pass> expensive = Arrays.stream(Pass.values()).filter(p -> !p.cheap).toList();
        boolean[] resting = new boolean[cheap.size()];
        int rounds = 0;
        while (!stopped()) {
            if (round(cheap, resting)) {
                // Coupled values (x > 9 and |x - y| small) make the cheap passes crawl without ever
                // stalling, so every few productive rounds the coupled passes get a turn anyway.
                if (++rounds % COUPLED_EVERY == 0) round(expensive, new boolean[expensive.size()]);
                continue;
            }
            if (anyResting(resting)) {
                Arrays.fill(resting, false);
                if (round(cheap, resting)) continue;
            }
            if (round(expensive, new boolean[expensive.size()])) continue;
            break;
        }
        return best;
    }

    /** Runs only the given passes until none of them shrinks further (how the tests pin one pass). */
    TestRun shrinkWith(Pass... passes) {
        List<Pass> only = List.of(passes);
        while (!stopped() && round(only, new boolean[only.size()])) {
            // until a fixpoint
        }
        return best;
    }

    private void run(Pass pass) {
        switch (pass) {
            case SHORTEN -> shorten();
            case DELETE_SPANS -> deleteSpans();
            case DELETE_CHUNKS -> deleteChunks();
            case ZERO_CHUNKS -> zeroChunks();
            case MINIMIZE_VALUES -> minimizeValues();
            case MINIMIZE_DUPLICATES -> minimizeDuplicates();
            case SORT_CHUNKS -> sortChunks();
            case SWAP_SPANS -> swapSpans();
            case SWAP_ADJACENT -> swapAdjacent();
            case REDISTRIBUTE -> redistribute();
            case LOWER_TOGETHER -> lowerTogether();
            case LOWER_AND_DELETE -> lowerAndDelete();
            case REPLACE_WITH_DESCENDANT -> replaceWithDescendant();
            case DELETE_AND_SATURATE -> deleteAndSaturate();
        }
    }

    /*
     * Runs the passes that are not resting; a pass that finds nothing rests until a round stalls, so
     * rounds late in a long shrink go to the passes that still make progress. True if anything shrank.
     */
    private boolean round(List<Pass> passes, boolean[] resting) {
        long[] start = best.choices();
        for (int p = 0; p < passes.size() && !stopped(); p++) {
            if (resting[p]) continue;
            long[] before = best.choices();
            run(passes.get(p));
            resting[p] = best.choices() == before;
        }
        return best.choices() != start;
    }

    private static boolean anyResting(boolean[] resting) {
        for (boolean r : resting) if (r) return true;
        return false;
    }

    int runs() {
        return runs;
    }

    int improvements() {
        return improvements;
    }

    boolean budgetExhausted() {
        return exhausted;
    }

    private boolean stopped() {
        if (exhausted) return true;
        if (runs >= maxRuns || System.nanoTime() - deadline > 0) exhausted = true;
        return exhausted;
    }

    /** Runs the candidate if it is new and smaller; adopts what it drew if it fails the same way. */
    private boolean consider(long[] candidate) {
        long[] current = best.choices();
        if (ChoiceSequence.shortlex(candidate, candidate.length, current, current.length) >= 0) return false;
        if (stopped()) return false;
        if (!tried.add(fingerprint(candidate))) return false;
        runs++;
        TestRun run = replay.apply(candidate);
        long[] drawn = run.choices();
        if (run.failedLike(target)
                && ChoiceSequence.shortlex(drawn, drawn.length, current, current.length) < 0) {
            best = run;
            improvements++;
            return true;
        }
        if (run.status() == TestRun.Status.FAILED && !run.signature().matches(target)) otherFailures.accept(run);
        return false;
    }

    private long[] cur() {
        return best.choices();
    }

    // Drop a suffix: binary search for the shortest prefix that still fails.
    private void shorten() {
        int lo = 0;
        int hi = cur().length;
        while (lo < hi && !stopped()) {
            int mid = (lo + hi) >>> 1;
            if (consider(Arrays.copyOf(cur(), mid))) {
                hi = Math.min(mid, cur().length);
            } else {
                lo = mid + 1;
            }
        }
    }

    // Delete marked structure (steps of a chain, list elements), largest first; else simplify its body.
    private void deleteSpans() {
        int i = 0;
        while (!stopped()) {
            int[][] spans = sortedSpans();
            if (i >= spans.length) return;
            int start = spans[i][0];
            int end = spans[i][1];
            long[] a = cur();
            if (consider(without(a, start, end))) continue;
            // Runs of up to four adjacent blocks that only make sense together (put-get pairs, parity).
            boolean deleted = false;
            int runEnd = end;
            for (int k = 2; k <= 4 && !deleted; k++) {
                runEnd = adjacentSpanEnd(runEnd);
                if (runEnd < 0) break;
                deleted = consider(without(a, start, runEnd));
            }
            if (deleted) continue;
            if (end - start > 1 && !allZero(a, start + 1, end)) {
                long[] zeroed = a.clone();
                Arrays.fill(zeroed, start + 1, end, 0);
                if (consider(zeroed)) continue;
            }
            i++;
        }
    }

    /** The end of the longest span starting at {@code start}, or -1. */
    private int adjacentSpanEnd(int start) {
        int[] flat = best.spans();
        int end = -1;
        for (int k = 0; k < flat.length; k += 2) {
            if (flat[k] == start && flat[k + 1] > end) end = flat[k + 1];
        }
        return end;
    }

    private int[][] sortedSpans() {
        int[] flat = best.spans();
        int n = flat.length / 2;
        int[][] spans = new int[n][];
        for (int k = 0; k < n; k++) spans[k] = new int[] {flat[2 * k], flat[2 * k + 1]};
        // Longest first; ties by position so the order is deterministic.
        Arrays.sort(spans, (x, y) -> x[1] - x[0] != y[1] - y[0] ? (y[1] - y[0]) - (x[1] - x[0]) : x[0] - y[0]);
        return spans;
    }

    private void deleteChunks() {
        for (int k : CHUNK_SIZES) {
            for (int i = cur().length - k; i >= 0 && !stopped(); i--) {
                if (i + k <= cur().length) consider(without(cur(), i, i + k));
            }
        }
    }

    private void zeroChunks() {
        for (int k : CHUNK_SIZES) {
            if (k == 1) continue; // single values are handled by minimizeValues
            for (int i = 0; i + k <= cur().length && !stopped(); i++) {
                long[] a = cur();
                if (allZero(a, i, i + k)) continue;
                long[] c = a.clone();
                Arrays.fill(c, i, i + k, 0);
                consider(c);
            }
        }
    }

    // Binary search each value towards 0.
    private void minimizeValues() {
        for (int i = 0; i < cur().length && !stopped(); i++) {
            long v = cur()[i];
            if (v == 0 || consider(with(cur(), i, 0))) continue;
            long lo = 0;
            long hi = v;
            while (lo + 1 < hi && i < cur().length && !stopped()) {
                long mid = lo + (hi - lo) / 2;
                if (consider(with(cur(), i, mid))) hi = mid;
                else lo = mid;
            }
        }
    }

    /*
     * Lower every copy of a repeated value at once, by binary search (Hypothesis' shrinker has the same
     * pass, minimize_duplicated_choices): a value used twice ("x occurs twice in xs") fails only while
     * the copies stay equal, so lowering one copy alone never works.
     */
    private void minimizeDuplicates() {
        // Groups of equal values drawn with the same bound, in order of first occurrence.
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        long[] a = cur();
        long[] b = best.bounds();
        // Signed (zigzag) integers only: on the ashmem chains' unsigned choices (handles, page counts)
        // equal values are mostly coincidence and the attempts only cost runs (measured).
        for (int i = 0; i < a.length; i++) if (a[i] != 0 && b[i] < 0) counts.merge(new Kind(a[i], b[i]), 1, Integer::sum);
        int groups = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() < 2) continue;
            if (stopped() || groups++ >= DUPLICATE_GROUPS) return;
            long v = e.getKey().value();
            int[] at = positionsOf(e.getKey());
            if (at.length < 2 || consider(withAll(cur(), at, 0))) continue;
            long lo = 0;
            long hi = v;
            while (lo + 1 < hi && !stopped()) {
                long mid = lo + (hi - lo) / 2;
                if (!allAt(cur(), at, hi)) break; // the case changed shape under us
                if (consider(withAll(cur(), at, mid))) hi = mid;
                else lo = mid;
            }
        }
    }

    /** A value and the bound it was drawn with. */
    private record Kind(long value, long bound) {}

    private int[] positionsOf(Kind kind) {
        long[] a = cur();
        long[] b = best.bounds();
        int[] at = new int[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) if (a[i] == kind.value() && b[i] == kind.bound()) at[n++] = i;
        return Arrays.copyOf(at, n);
    }

    private static boolean allAt(long[] a, int[] at, long v) {
        for (int i : at) if (i >= a.length || a[i] != v) return false;
        return true;
    }

    private static long[] withAll(long[] a, int[] at, long v) {
        long[] c = a.clone();
        for (int i : at) c[i] = v;
        return c;
    }

    /*
     * Expensive, so only run when the cheap passes are stuck: lower one value and at the same time delete
     * a later span. This handles coupled changes such as "a smaller buffer needs one put fewer".
     */
    private void lowerAndDelete() {
        for (int i = 0; i < cur().length && !stopped(); i++) {
            long v = cur()[i];
            if (v == 0) continue;
            long[] lowered = v == 1 ? new long[] {0} : new long[] {v - 1, 0};
            attempts:
            for (long nv : lowered) {
                int[] flat = best.spans();
                int tried = 0;
                for (int k = 0; k < flat.length / 2 && tried < 16 && !stopped(); k++) {
                    int start = flat[2 * k];
                    int end = flat[2 * k + 1];
                    if (start <= i || end > cur().length) continue;
                    tried++;
                    if (consider(without(with(cur(), i, nv), start, end))) break attempts;
                }
            }
        }
    }

    /*
     * Expensive: lower two similar values by the same power of two at once. Coupled arguments such as
     * "a region of 65536 bytes, unpin 65536 bytes of it" only shrink together, and powers of two keep
     * page alignment on the way down.
     */
    private void lowerTogether() {
        int pairs = 0;
        for (int i = 0; i < cur().length && !stopped(); i++) {
            for (int j = i + 1; j < cur().length && !stopped() && pairs < 400; j++) {
                long a = cur()[i];
                long b = cur()[j];
                long min = Math.min(a, b);
                if (min < 2 || Math.abs(a - b) > Math.max(1, Math.max(a, b) / 16)) continue;
                pairs++;
                for (long d = Long.highestOneBit(min); d > 0 && !stopped(); d >>>= 1) {
                    if (i >= cur().length || j >= cur().length || Math.min(cur()[i], cur()[j]) < d) continue;
                    long[] c = cur().clone();
                    c[i] -= d;
                    c[j] -= d;
                    if (consider(c)) d <<= 1; // try the same step again
                }
            }
        }
    }

    /*
     * Expensive: delete a block and push one of the next few values to its bound, so a block can be
     * absorbed by its neighbour when only the extreme value of the neighbour does what both did
     * together ([1, 32767] summing to 32768 = -32768 as a short becomes [-32768]). Bounds are the
     * values generators favour anyway (edge cases); no smaller value can be found by lowering.
     */
    private void deleteAndSaturate() {
        int attempts = 0;
        for (int k = 0; !stopped() && attempts < SATURATE_ATTEMPTS; k++) {
            int[] flat = best.spans();
            if (2 * k >= flat.length) return;
            int start = flat[2 * k];
            int end = flat[2 * k + 1];
            long[] a = cur();
            long[] b = best.bounds();
            if (end > a.length) continue;
            for (int p = end; p < Math.min(a.length, end + 3) && !stopped(); p++) {
                // Only signed (zigzag) integers: their bound is where arithmetic wraps; on the ashmem
                // chains' unsigned choices the attempts only cost runs (measured).
                if (b[p] >= 0 || a[p] == -1 - b[p]) continue;
                long bound = -1 - b[p];
                attempts++;
                long[] c = without(with(a, p, bound), start, end);
                if (consider(c)) break;
            }
        }
    }

    /*
     * Expensive: replace a marked block by a block nested inside it, so a tree node gives way to one of
     * its subtrees ("0 + (0 / (0 + 0))" becomes "0 / (0 + 0)"), which deleting or zeroing cannot do.
     */
    private void replaceWithDescendant() {
        int attempts = 0;
        for (int k = 0; !stopped() && attempts < 400; k++) {
            int[] flat = best.spans();
            if (2 * k >= flat.length) return;
            int start = flat[2 * k];
            int end = flat[2 * k + 1];
            for (int m = 0; m < flat.length / 2 && !stopped() && attempts < 400; m++) {
                int s2 = flat[2 * m];
                int e2 = flat[2 * m + 1];
                if (s2 < start || e2 > end || (s2 == start && e2 == end) || end > cur().length) continue;
                attempts++;
                long[] a = cur();
                long[] c = new long[a.length - (end - start) + (e2 - s2)];
                System.arraycopy(a, 0, c, 0, start);
                System.arraycopy(a, s2, c, start, e2 - s2);
                System.arraycopy(a, end, c, start + (e2 - s2), a.length - end);
                if (consider(c)) break;
            }
        }
    }

    // Move value from an earlier choice to a nearby later one (a + b = const pairs, such as overflow bounds).
    private void redistribute() {
        for (int i = 0; i < cur().length && !stopped(); i++) {
            for (int j = i + 1; j <= i + 4 && j < cur().length && !stopped(); j++) {
                // Between two zigzag-coded integers (LongGen) an odd step flips a sign; even steps
                // move magnitude between values of the same sign.
                long step = zigzag(i) && zigzag(j) ? 2 : 1;
                long d = cur()[i];
                int misses = 0;
                while (d > 0 && misses < 12 && i < cur().length && j < cur().length && !stopped()) {
                    long[] c = cur().clone();
                    long moved = Math.min(d, c[i]) / step * step;
                    if (moved == 0) break;
                    c[i] -= moved;
                    c[j] = c[j] > Long.MAX_VALUE - moved ? Long.MAX_VALUE : c[j] + moved;
                    if (!consider(c)) {
                        d /= 2;
                        misses++;
                    }
                }
            }
        }
    }

    private boolean zigzag(int i) {
        long[] b = best.bounds();
        return i < b.length && b[i] < 0;
    }

    private void sortChunks() {
        for (int k = 8; k >= 2; k /= 2) {
            for (int i = 0; i + k <= cur().length && !stopped(); i++) {
                long[] c = cur().clone();
                Arrays.sort(c, i, i + k);
                consider(c);
            }
        }
    }

    // Swap adjacent spans (list elements, steps) so that simpler ones come first.
    private void swapSpans() {
        int[] flat = best.spans();
        for (int a = 0; a < flat.length / 2 && !stopped(); a++) {
            for (int b = 0; b < flat.length / 2 && !stopped(); b++) {
                int s1 = flat[2 * a], e1 = flat[2 * a + 1], s2 = flat[2 * b], e2 = flat[2 * b + 1];
                long[] x = cur();
                if (e1 != s2 || e2 > x.length || best.spans() != flat) continue;
                long[] c = new long[x.length];
                System.arraycopy(x, 0, c, 0, s1);
                System.arraycopy(x, s2, c, s1, e2 - s2);
                System.arraycopy(x, s1, c, s1 + (e2 - s2), e1 - s1);
                System.arraycopy(x, e2, c, e2, x.length - e2);
                if (consider(c)) return;
            }
        }
    }

    private void swapAdjacent() {
        for (int i = 0; i + 1 < cur().length && !stopped(); i++) {
            long[] a = cur();
            if (a[i] > a[i + 1]) {
                long[] c = a.clone();
                c[i] = a[i + 1];
                c[i + 1] = a[i];
                consider(c);
            }
        }
    }

    private static long fingerprint(long[] a) {
        long h = 0x9E3779B97F4A7C15L ^ a.length;
        for (long v : a) {
            h = (h ^ v) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
        }
        return h;
    }

    private static long[] without(long[] a, int from, int to) {
        long[] c = new long[a.length - (to - from)];
        System.arraycopy(a, 0, c, 0, from);
        System.arraycopy(a, to, c, from, a.length - to);
        return c;
    }

    private static long[] with(long[] a, int i, long v) {
        long[] c = a.clone();
        c[i] = v;
        return c;
    }

    private static boolean allZero(long[] a, int from, int to) {
        for (int i = from; i < to; i++) if (a[i] != 0) return false;
        return true;
    }
}
