package dev.ashmem.pbt;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Shrinks a failing test case by shrinking its choice sequence: deleting spans and chunks, truncating,
 * zeroing, lowering single values by binary search, moving value from earlier to later choices, sorting
 * and swapping. A candidate is kept when its run fails with the same {@link FailureSignature} and the
 * choices it actually drew are smaller in shortlex order. Bounded by a run count and a deadline.
 */
final class Shrinker {

    private static final int[] CHUNK_SIZES = {8, 4, 2, 1};
    private static final int COUPLED_EVERY = 4;

    private final Function<long[], TestRun> replay;
    private final FailureSignature target;
    private final int maxRuns;
    private final long deadline;
    // 64-bit fingerprints of candidates already run, so no candidate runs twice (memory stays small).
    private final Set<Long> tried = new HashSet<>();

    private TestRun best;
    private int runs;
    private int improvements;
    private boolean exhausted;

    Shrinker(Function<long[], TestRun> replay, TestRun failing, int maxRuns, long deadlineNanos) {
        this.replay = replay;
        this.best = failing;
        this.target = failing.signature();
        this.maxRuns = maxRuns;
        this.deadline = deadlineNanos;
    }

    TestRun shrink() {
        List<Runnable> cheap = List.of(this::shorten, this::deleteSpans, this::deleteChunks, this::zeroChunks,
                this::minimizeValues, this::sortChunks, this::swapSpans, this::swapAdjacent);
        // Coupled changes: many candidates each, so only tried when the cheap passes are stuck.
        List<Runnable> expensive = List.of(this::redistribute, this::lowerTogether, this::lowerAndDelete,
                this::replaceWithDescendant);
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

    /*
     * Runs the passes that are not resting; a pass that finds nothing rests until a round stalls, so
     * rounds late in a long shrink go to the passes that still make progress. True if anything shrank.
     */
    private boolean round(List<Runnable> passes, boolean[] resting) {
        long[] start = best.choices();
        for (int p = 0; p < passes.size() && !stopped(); p++) {
            if (resting[p]) continue;
            long[] before = best.choices();
            passes.get(p).run();
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
                long d = cur()[i];
                int misses = 0;
                while (d > 0 && misses < 12 && i < cur().length && j < cur().length && !stopped()) {
                    long[] c = cur().clone();
                    long moved = Math.min(d, c[i]);
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
