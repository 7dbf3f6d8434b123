package dev.ashmem.check.explore;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.Codec;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.trace.Counterexample;
import dev.ashmem.check.trace.ModelCursor;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.properties.ProgressLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Breadth-first exploration of every state of a scope. Successors are computed by the {@link Kernel}
 * on frames, checked against every invariant ({@link FrameInvariants}), packed ({@link Codec}) and
 * looked up in the {@link StateStore}. The first broken invariant ends the run; because states are
 * discovered level by level, its path is a shortest one. The path is then rebuilt and replayed on the
 * model to print a trace.
 *
 * <p>With several workers, each level is expanded in rounds of consecutive states shared by the
 * workers ({@link Worker}); the states a round reaches first are collected in a {@link RoundTable} and
 * stored when the round ends, in the order and with the parents the sequential run gives them. A round
 * in which a state breaks an invariant is run again sequentially. So every figure, every stored state
 * and every counterexample is the sequential run's, with any number of workers.
 */
public final class Explorer {
    private final Scope scope;
    private final Kernel kernel;
    private final ProgressLine progress;
    private final int workers;

    /** Explores {@code scope} with the real kernel, one worker, printing progress to stderr. */
    public Explorer(Scope scope) {
        this(new Kernel(scope), ProgressLine.to(System.err));
    }

    /** Explores the kernel's scope with the given (maybe deliberately broken) kernel, one worker; progress may be null. */
    public Explorer(Kernel kernel, ProgressLine progress) {
        this(kernel, progress, 1);
    }

    /** The same with {@code workers} exploring threads (the kernel is copied for each, {@link Kernel#copy}). */
    public Explorer(Kernel kernel, ProgressLine progress, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.scope = kernel.scope();
        this.kernel = kernel;
        this.progress = progress;
        this.workers = workers;
    }

    /** IllegalArgumentException if a run cannot explore this scope (too many actions). */
    public static void check(Scope scope) {
        if (scope.scanMax() > RoundTable.MAX_ACTIONS) {
            checkActions(scope.scanMax()); // refused before its millions of actions are built (that ran out of heap)
        }
        int n = new Alphabet(scope).actions().size();
        if (n == 0) {
            // Only the initial state would be checked: a run that explores nothing must not pass as a check.
            throw new IllegalArgumentException("the alphabet makes no action in this scope (" + scope.describe() + "): nothing to explore");
        }
        checkActions(n);
    }

    private static void checkActions(int n) {
        if (n > RoundTable.MAX_ACTIONS) {
            // Parallel rounds and the disk run keep (parent, action) in one tag; refused for every run alike.
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the scope has %,d actions, more than the %,d a run can tell apart (lower --scan-max or shorten --sizes)",
                    n, RoundTable.MAX_ACTIONS));
        }
    }

    /** Heap the state store may take before the run goes on disk (0: no limit), and where its files go. */
    private long memoryBudget;
    private java.nio.file.Path spillDir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));

    /**
     * Lets the run continue on disk ({@link DiskExplorer}) when, at the start of a level, the state store
     * is expected to outgrow {@code bytes} with that level's successors; the disk run's arena takes
     * {@code bytes} too. Files go to a fresh directory under {@code dir}, deleted when the run ends.
     */
    public Explorer memory(long bytes, java.nio.file.Path dir) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memory budget below zero: " + bytes);
        }
        this.memoryBudget = bytes;
        this.spillDir = dir;
        return this;
    }

    // Working storage of one run (fields so that the per-state method compiles on its own, not as OSR code).
    private Action[] actions;
    private Successors gen;
    private StateStore store;
    /** The sequential expansions' recent lookups. */
    private SeenCache seen;
    /** Keeps the batch's table reads alive. */
    private long sink;
    /** The level the run went on disk at (-1: it did not); the disk run's cost figures. */
    int spilledAtDepth = -1;
    long spillRuns;
    long spillLongs;
    /** Level sizes, for the spill decision and the progress estimate. */
    private int prevLevel;

    /** The last run went on on disk. */
    public boolean spilled() {
        return spilledAtDepth >= 0;
    }

    /** The last run's result (null before the first). */
    private CheckResult last;

    public CheckResult run() {
        last = explore();
        return last;
    }

    private CheckResult explore() {
        actions = new Alphabet(scope).actions().toArray(Action[]::new);
        checkActions(actions.length);
        gen = new Successors(kernel, scope.symmetry(), actions);
        store = new StateStore(gen.words(), 1 << 16);
        seen = new SeenCache(gen.words());
        var meter = new Meter(progress);

        int[] base = gen.base;
        kernel.initial(base);
        if (!gen.inv.check(base, null)) {
            var cex = counterexample(store, -1, null);
            return new CheckResult(scope, stats(meter, 0, true), Optional.of(cex));
        }
        if (!gen.codec.encode(base, gen.key)) {
            throw new IllegalStateException("the initial state of " + scope.describe() + " is sound but lies outside the scope's bounds");
        }
        store.add(gen.key, -1);
        if (workers > 1) {
            return runParallel(meter);
        }
        int depth = 0;
        int lo = 0;
        int hi = 1;
        int maxDepth = scope.maxDepth();
        while (lo < hi) {
            if (maxDepth > 0 && depth >= maxDepth) {
                return new CheckResult(scope, stats(meter, depth, false), Optional.empty());
            }
            if (outgrows(lo, hi)) {
                return runOnDisk(meter, depth, lo, hi);
            }
            meter.level(depth, lo, hi, prevLevel);
            for (int idx = lo; idx < hi; idx++) {
                int bad = expand(idx);
                if (bad >= 0) {
                    var cex = counterexample(store, idx, actions[bad]);
                    return new CheckResult(scope, stats(meter, depth + 1, false), Optional.of(cex));
                }
                if ((idx & 1023) == 0) {
                    meter.tick(store.size(), gen.successors, idx);
                }
            }
            prevLevel = hi - lo;
            lo = hi;
            hi = store.size();
            if (lo < hi) {
                depth++;
            }
        }
        return new CheckResult(scope, stats(meter, depth, true), Optional.empty());
    }

    /**
     * After a run that explored every state in memory and passed: the machine's ceiling for its
     * expansions ({@link Ceiling}), {@code pairs} passes of one thread and of {@code threads} alternated.
     */
    public java.util.List<Ceiling.Pass> ceiling(int threads, int pairs) {
        if (last == null) {
            throw new IllegalStateException("no run yet");
        }
        if (store == null || !last.passed() || !last.stats().complete()) {
            throw new IllegalStateException("the ceiling needs a run that explored every state in memory and passed");
        }
        return ceilingOf().measure(threads, pairs, last.stats());
    }

    /** The ceiling of the store as it stands (tests give it wrong figures, or kernels that fail). */
    Ceiling ceilingOf() {
        return ceilingOf(kernel::copy);
    }

    Ceiling ceilingOf(java.util.function.Supplier<Kernel> kernels) {
        return new Ceiling(store, kernels, scope.symmetry(), actions);
    }

    private Stats stats(Meter meter, int depth, boolean complete) {
        return meter.stats(store.size(), store.bytes(), gen, depth, complete, actions.length);
    }

    /**
     * Whether the store would outgrow the memory budget with the next level: its size guessed from the
     * growth of the last one.
     */
    private boolean outgrows(int lo, int hi) {
        if (memoryBudget == 0) {
            return false;
        }
        int level = hi - lo;
        double growth = prevLevel > 0 ? (double) level / prevLevel : 1;
        long next = (long) Math.ceil(level * Math.max(growth, 1));
        return store.bytesAfter(store.size() + next) + roundTableBytes > memoryBudget;
    }

    /** Hands the states stored so far to a {@link DiskExplorer} and explores the rest of the scope on disk. */
    private CheckResult runOnDisk(Meter meter, int depth, int lo, int hi) {
        int maxDepth = scope.maxDepth();
        spilledAtDepth = depth;
        if (progress != null) {
            progress.note(String.format(java.util.Locale.ROOT, "model-check: %,d states (%,d MB) and level %d of %,d states would outgrow the memory budget (%,d MB): going on on disk under %s",
                    store.size(), store.bytes() >> 20, depth, hi - lo, memoryBudget >> 20, spillDir));
        }
        try (var disk = new DiskExplorer(spillDir, memoryBudget, gen)) {
            disk.load(store);
            long storeBytes = store.bytes();
            store = null; // its memory is the arena's now
            disk.start();
            try {
                while (lo < hi) {
                    if (maxDepth > 0 && depth >= maxDepth) {
                        return new CheckResult(scope, diskStats(meter, disk, storeBytes, depth, false), Optional.empty());
                    }
                    meter.level(depth, lo, hi, prevLevel);
                    int d = depth;
                    int end = hi;
                    var v = disk.expand(lo, hi, idx -> {
                        if ((idx & 1023) == 0) {
                            meter.tick(end, gen.successors, idx);
                        }
                    });
                    if (v != null) {
                        var cex = counterexample(disk, v.idx(), actions[v.action()]);
                        var st = diskStats(meter, disk, storeBytes, d + 1, false);
                        // The memory run had stored the next level's states reached before the violation.
                        st = new Stats(st.states() + v.reached(), st.successors(), st.changed(), st.pruned(), st.depth(), false, st.nanos(),
                                st.cpuNanos(), st.pathCpuNanos(), st.peakHeapBytes(), st.storeBytes(), st.words(), st.actions());
                        return new CheckResult(scope, st, Optional.of(cex));
                    }
                    prevLevel = hi - lo;
                    lo = hi;
                    hi = disk.size();
                    if (lo < hi) {
                        depth++;
                    }
                }
                return new CheckResult(scope, diskStats(meter, disk, storeBytes, depth, true), Optional.empty());
            } finally {
                spillRuns = disk.runsWritten;
                spillLongs = disk.longsWritten;
            }
        }
    }

    private Stats diskStats(Meter meter, DiskExplorer disk, long storeBytes, int depth, boolean complete) {
        return meter.stats(disk.size(), Math.max(storeBytes, disk.bytes()), gen, depth, complete, actions.length);
    }

    /**
     * How parallel levels are cut (tests make every piece tiny so that small scopes use them all).
     *
     * @param minLevel      levels with fewer states are expanded sequentially: a round costs more than they do
     * @param round         states per round: enough to keep the workers busy, few enough to redo sequentially
     * @param chunk         states a worker takes at a time
     * @param minSlots      the smallest round table
     * @param firstPerState the first guess of states a round reaches first per expanded state (then adapts)
     * @param maxSlots      the largest round table (also bounded by {@link RoundTable#maxSlots}); a round that
     *                      fills it is expanded sequentially
     */
    record Tuning(int minLevel, int round, int chunk, int minSlots, double firstPerState, int maxSlots) {
        static final Tuning DEFAULT = new Tuning(256, 1 << 12, 64, 4096, 8, Integer.MAX_VALUE);

        Tuning(int minLevel, int round, int chunk, int minSlots, double firstPerState) {
            this(minLevel, round, chunk, minSlots, firstPerState, Integer.MAX_VALUE);
        }

        Tuning withMaxSlots(int n) {
            return new Tuning(minLevel, round, chunk, minSlots, firstPerState, n);
        }
    }

    private Tuning tuning = Tuning.DEFAULT;
    /** Rounds run in parallel and stored, run again with a larger table, and redone sequentially. */
    int roundsStored;
    int roundsRetried;
    int roundsRedone;

    Explorer tuning(Tuning t) {
        if (t.round() > RoundTable.MAX_ROUND) {
            throw new IllegalArgumentException("round too large: " + t.round());
        }
        this.tuning = t;
        return this;
    }

    private CheckResult runParallel(Meter meter) {
        try (var crew = new Crew(workers, () -> new Worker(kernel.copy(), scope.symmetry(), actions, tuning.chunk()))) {
            meter.crew(crew);
            try {
                return exploreParallel(meter, crew);
            } finally {
                meter.crewDone(); // the helpers' CPU time, read while they live
            }
        }
    }

    private CheckResult exploreParallel(Meter meter, Crew crew) {
        RoundTable table = null;
        int maxSlots = Math.min(tuning.maxSlots(), RoundTable.maxSlots(gen.words()));
        double firstPerState = tuning.firstPerState(); // states a round reaches first, per expanded state
        int depth = 0;
        int lo = 0;
        int hi = 1;
        int maxDepth = scope.maxDepth();
        while (lo < hi) {
            if (maxDepth > 0 && depth >= maxDepth) {
                return new CheckResult(scope, stats(meter, depth, false), Optional.empty());
            }
            if (outgrows(lo, hi)) {
                meter.crewDone();
                return runOnDisk(meter, depth, lo, hi);
            }
            meter.level(depth, lo, hi, prevLevel);
            for (int a = lo; a < hi; ) {
                boolean parallel = hi - lo >= tuning.minLevel();
                int b = parallel ? Math.min(hi, a + tuning.round()) : hi;
                boolean done = false;
                if (parallel) {
                    // Room for twice the guess; never more than every action of every state reaching a new one.
                    double most = (double) (b - a) * actions.length / RoundTable.LOAD + 16;
                    int want = (int) Math.min(Math.min(most, maxSlots),
                            Math.max(tuning.minSlots(), (b - a) * firstPerState * 2 / RoundTable.LOAD));
                    if (table == null || table.slots() < want) {
                        table = null; // the old one is garbage before the new one is made
                        table = new RoundTable(gen.words(), want, crew.size());
                        roundTableBytes = table.bytes();
                    }
                    int outcome = round(crew, table, a, b);
                    if (outcome == ROUND_FULL && table.slots() < maxSlots) {
                        roundsRetried++;
                        firstPerState *= 2;
                        continue; // the same round again with a larger table
                    }
                    done = outcome == ROUND_DONE; // a full table that cannot grow: this round goes sequentially
                    if (done) {
                        roundsStored++;
                        firstPerState = Math.max(firstPerState * 0.75, 1.5 * roundFirst / (b - a));
                    } else {
                        roundsRedone++;
                    }
                }
                if (!done) {
                    // A small level, or a round in which an invariant broke: the sequential expansion
                    // finds the sequential run's first violation with its figures.
                    for (int idx = a; idx < b; idx++) {
                        int bad = expand(idx);
                        if (bad >= 0) {
                            var cex = counterexample(store, idx, actions[bad]);
                            return new CheckResult(scope, stats(meter, depth + 1, false), Optional.of(cex));
                        }
                    }
                }
                meter.tick(store.size(), gen.successors, b);
                a = b;
            }
            prevLevel = hi - lo;
            lo = hi;
            hi = store.size();
            if (lo < hi) {
                depth++;
            }
        }
        return new CheckResult(scope, stats(meter, depth, true), Optional.empty());
    }

    private static final int ROUND_DONE = 0;
    private static final int ROUND_BROKEN = 1;
    private static final int ROUND_FULL = 2;
    /** States stored by the last round. */
    private int roundFirst;
    /** The round table's size, counted against the memory budget. */
    private long roundTableBytes;
    /** The crew's last round was stored: what its workers offered in it is in the store. */
    private boolean lastRoundStored = true;
    /**
     * Per member of the crew, per parent of a round: its count of the parent's states in the member's
     * slice of the round table, then the next free place of them in the parent's group (each member its
     * own array: no atomic add, no line shared).
     */
    private int[][] next = new int[0][];
    /** Per parent of a round (and one past the last): the first place of its group in the order. */
    private int[] start = new int[0];
    private long[] order = new long[0];
    /** Per member, per stretch of the store's table: the keys of a round it hands to that stretch's member. */
    private KeyList[][] toStretch;
    /** Per member: the keys its stretch could not take, added by the main thread. */
    private KeyList[] left;

    private KeyList[][] toStretch(int k) {
        if (toStretch == null || toStretch.length != k) {
            toStretch = new KeyList[k][k];
            left = new KeyList[k];
            for (int i = 0; i < k; i++) {
                left[i] = new KeyList(gen.words());
                for (int j = 0; j < k; j++) {
                    toStretch[i][j] = new KeyList(gen.words());
                }
            }
        }
        return toStretch;
    }

    /** The main thread adds the keys the stretches left over, after the crew's inserts. */
    private void insertLeft(StateStore st) {
        long[] key = new long[gen.words()];
        for (KeyList l : left) {
            for (int i = 0; i < l.size(); i++) {
                l.key(i, key);
                st.insertLeft(key, l.hash(i));
            }
            l.clear();
        }
    }

    /**
     * Expands states [a, b) with the whole crew; on success stores what they reached, in the sequential
     * order, with the whole crew too: the states reached first are counted per parent, put in their
     * parent's group, each group sorted, and stored at the index their place gives (the sequential
     * run's), their keys added to the table by every thread at once.
     */
    private int round(Crew crew, RoundTable table, int a, int b) {
        var nextChunk = new java.util.concurrent.atomic.AtomicInteger();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        int k = crew.size();
        var outcomes = new Worker.Outcome[k];
        StateStore st = store;
        boolean stored = lastRoundStored;
        lastRoundStored = false; // until this one is
        crew.run((id, w) -> outcomes[id] = w.run(st, table, a, b, nextChunk, stop, stored));
        boolean ok = true;
        boolean full = false;
        for (var o : outcomes) {
            ok &= o.ok();
            full |= o.full();
        }
        if (!ok) {
            crew.run((id, w) -> table.clear(table.sliceStart(id, k), table.sliceStart(id + 1, k)));
            table.reset();
            return full ? ROUND_FULL : ROUND_BROKEN;
        }
        for (var o : outcomes) {
            gen.successors += o.successors();
            gen.changed += o.changed();
            gen.pruned += o.pruned();
        }
        int len = b - a;
        if (next.length != k || next[0].length < len) {
            next = new int[k][len];
            start = new int[len + 1];
        }
        int[][] nx = next;
        int[] sx = start;
        crew.run((id, w) -> {
            java.util.Arrays.fill(nx[id], 0, len, 0);
            table.count(table.sliceStart(id, k), table.sliceStart(id + 1, k), nx[id]);
        });
        int n = 0;
        for (int p = 0; p < len; p++) {
            sx[p] = n;
            for (int[] mine : nx) { // the parent's group: member 0's states first, then member 1's, ...
                int c = mine[p];
                mine[p] = n;
                n += c;
            }
        }
        sx[len] = n;
        if (order.length < n) {
            order = new long[Math.max(n, order.length + (order.length >> 1))];
        }
        long[] ord = order;
        crew.run((id, w) -> table.place(table.sliceStart(id, k), table.sliceStart(id + 1, k), nx[id], ord));
        // Each thread takes the parents whose groups hold about a k-th of the states.
        int[] cut = new int[k + 1];
        for (int i = 1; i < k; i++) {
            long e = (long) n * i / k;
            int l = cut[i - 1];
            int h = len;
            while (l < h) { // the first parent whose group starts at or after e
                int m = (l + h) >>> 1;
                if (sx[m] < e) {
                    l = m + 1;
                } else {
                    h = m;
                }
            }
            cut[i] = l;
        }
        cut[k] = len;
        KeyList[][] to = toStretch(k);
        for (long[] old; (old = st.growFor(n)) != null; ) { // the table's growth, by the whole crew
            long[] o = old;
            int oldSlots = old.length / gen.words();
            crew.run((id, w) -> st.rehash(o, (int) ((long) oldSlots * id / k), (int) ((long) oldSlots * (id + 1) / k), id, k, left[id]));
            insertLeft(st);
        }
        st.reserve(n);
        int base = st.size();
        crew.run((id, w) -> {
            int p0 = cut[id];
            int p1 = cut[id + 1];
            RoundTable.sortGroups(ord, sx, p0, p1);
            w.store(st, table, ord, sx[p0], sx[p1], base, a, to[id]);
        });
        // Each member adds the keys whose home lies in its stretch of the store's table, then empties its slice of the round table.
        crew.run((id, w) -> {
            for (KeyList[] from : to) {
                w.keep(st.insertStretch(from[id], id, k, left[id]));
                from[id].clear();
            }
            table.clear(table.sliceStart(id, k), table.sliceStart(id + 1, k));
        });
        insertLeft(st);
        st.commit(n);
        table.reset();
        roundFirst = n;
        lastRoundStored = true;
        return ROUND_DONE;
    }

    /** Generates every successor of state idx; returns the index of an action that breaks an invariant, or -1. */
    private int expand(int idx) {
        store.get(idx, gen.key);
        int bad = gen.generate();
        if (bad >= 0) {
            return bad;
        }
        int n = gen.batched;
        long[] hashes = gen.hashes;
        int[] known = gen.known;
        // What this thread looked up lately is known; the rest is fetched at once, then looked up: a new
        // state is rebuilt, checked against every invariant, then stored.
        sink += gen.recall(seen, store);
        for (int i = 0; i < n; i++) {
            if (known[i] != SeenCache.MISS) {
                continue;
            }
            long[] succ = gen.batch[i];
            int slot = store.probe(succ, hashes[i]);
            if (slot < 0) {
                seen.put(succ, hashes[i], SeenCache.STORED);
                continue;
            }
            switch (gen.rebuild(i)) {
                case Successors.BROKEN -> {
                    return gen.batchAction[i];
                }
                case Successors.SOUND -> {
                    store.insert(slot, succ, idx);
                    seen.put(succ, hashes[i], SeenCache.STORED);
                }
                default -> seen.put(succ, hashes[i], SeenCache.PRUNED);
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- counterexamples

    /**
     * Rebuilds the path to the violating successor of state {@code idx} by {@code last} (or the initial
     * state when idx is -1): from the concrete initial frame, each step is an action whose canonical
     * successor is the next stored state (under symmetry the stored states are representatives, so the
     * concrete action may act on another area than the one explored). Then replays it on the model.
     */
    private Counterexample counterexample(StateLog store, int idx, Action last) {
        Codec codec = gen.codec;
        FrameInvariants inv = gen.inv;
        var chain = new ArrayList<Integer>();
        for (int i = idx; i > 0; i = store.parent(i)) {
            chain.addFirst(i);
        }
        var plain = new Codec(kernel, false);
        int len = kernel.frameLength();
        int[] x = new int[len];
        int[] w = new int[len];
        long[] target = new long[codec.words];
        long[] got = new long[codec.words];
        long[] tmp = new long[plain.words];
        var path = new ArrayList<Action>();
        var setup = new ArrayList<TraceStep>();
        var cursor = ModelCursor.start(scope, setup);
        var steps = new ArrayList<TraceStep>();
        kernel.initial(x);
        for (int j : chain) {
            store.get(j, target);
            Action found = null;
            for (Action b : actions) {
                if (!kernel.enabled(x, b) || !kernel.step(x, w, b) || !inv.check(w, null) || kernel.outOfBounds(w)) {
                    continue;
                }
                codec.encode(w, got);
                if (Arrays.equals(got, target)) {
                    found = b;
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException("cannot rebuild the path to state " + j);
            }
            path.add(found);
            steps.add(withNote(cursor, found));
            plain.encode(w, tmp);
            plain.decode(tmp, x);
        }
        var violations = new ArrayList<Violation>();
        if (last == null) {
            inv.check(x, violations);
        } else {
            // The explored step broke this rule from the representative of state idx.
            String wanted = firstRule(inv, base(store, codec, idx), last);
            Action chosen = null;
            if (!scope.symmetry()) {
                chosen = last; // x is exactly the representative
            } else {
                // Under symmetry, the concrete action that breaks the same rule from the concrete state.
                var first = new ArrayList<Violation>();
                for (Action b : actions) {
                    first.clear();
                    if (kernel.enabled(x, b) && kernel.step(x, w, b) && !inv.check(w, first) && first.getFirst().ruleId().equals(wanted)) {
                        chosen = b;
                        break;
                    }
                }
            }
            if (chosen == null) {
                throw new IllegalStateException("cannot rebuild the violating step " + last);
            }
            kernel.step(x, w, chosen);
            inv.check(w, violations);
            path.add(chosen);
            steps.add(withNote(cursor, chosen));
        }
        return new Counterexample(scope.pageSize(), violations, setup, steps, path, scope.concurrency(), cursor.model().violations());
    }

    private int[] base(StateLog store, Codec codec, int idx) {
        long[] key = new long[codec.words];
        store.get(idx, key);
        int[] f = new int[kernel.frameLength()];
        codec.decode(key, f);
        return f;
    }

    private String firstRule(FrameInvariants inv, int[] from, Action a) {
        int[] w = new int[kernel.frameLength()];
        var out = new ArrayList<Violation>();
        if (!kernel.step(from, w, a) || inv.check(w, out)) {
            throw new IllegalStateException("the violating step does not reproduce");
        }
        return out.getFirst().ruleId();
    }

    /** Takes the step on the model; the line notes where the kernel's result differs. */
    private TraceStep withNote(ModelCursor cursor, Action a) {
        var step = cursor.apply(a);
        var diff = cursor.disagreement(kernel, step, a);
        if (diff != null && step instanceof TraceStep.Call c) {
            return new TraceStep.Call(c.thread(), c.op(), c.result(), "checked transition function returned " + diff);
        }
        return step;
    }

    /** Progress lines on stderr about once a second, and the run's figures. */
    private static final class Meter {
        private final ProgressLine out;
        private final long start = System.nanoTime();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long cpuStart = threads.getCurrentThreadCpuTime();
        /** CPU time of the helper threads (parallel runs). */
        private long workerCpu;
        private long nextTick = start + 1_000_000_000L;
        private long peakHeap;
        private long lastTick = start;
        private long lastExpanded;

        Meter(ProgressLine out) {
            this.out = out;
            sampleHeap();
        }

        /** The crew of a parallel run while it lives. */
        private Crew crew;
        /** Beyond the main thread's CPU time: the crew's helpers' (workerCpu), and the critical path's. */
        private long pathBeyondMain;

        void crew(Crew c) {
            crew = c;
        }

        /** Folds the crew's figures in, once, while its threads live. */
        void crewDone() {
            if (crew != null) {
                workerCpu += crew.helperCpuNanos();
                pathBeyondMain += crew.pathBeyondMainNanos();
                crew = null;
            }
        }

        private long cpu() {
            long helpers = crew != null ? crew.helperCpuNanos() : 0;
            return threads.getCurrentThreadCpuTime() - cpuStart + workerCpu + helpers;
        }

        private int depth;
        private int levelStart;
        private int levelEnd;
        private int prevLevel;

        /** A level starts: states [lo, hi) at this depth, after one of {@code prev} states. */
        void level(int depth, int lo, int hi, int prev) {
            this.depth = depth;
            this.levelStart = lo;
            this.levelEnd = hi;
            this.prevLevel = prev;
        }

        /** {@code size}: the states stored; {@code idx}: the states expanded so far. */
        void tick(int size, long successors, int idx) {
            long now = System.nanoTime();
            if (now >= nextTick) {
                nextTick = now + 1_000_000_000L;
                sampleHeap();
            }
            // The progress line says when it is due (about every second live, every few seconds in a log).
            if (out == null || idx == 0 || !out.due()) {
                return;
            }
            double rate = (idx - lastExpanded) / Math.max(1e-9, (now - lastTick) / 1e9);
            lastTick = now;
            lastExpanded = idx;
            double s = Math.max(1e-9, (now - start) / 1e9);
            double cpu = Math.max(1e-9, cpu() / 1e9);
            int level = levelEnd - levelStart;
            double done = (double) (idx - levelStart) / Math.max(1, level);
            // The next level: the new states found so far, extrapolated to the whole level once a
            // tenth is expanded; before that (and on disk, where they are known at the level's end
            // only), this level's size times the growth of the last one.
            int found = size - levelEnd;
            double growth = prevLevel > 0 ? (double) level / prevLevel : 1;
            long next = found > 0 && done >= 0.1 ? (long) (found / done) : (long) (level * growth);
            // The frontier left: the rest of this level and the next one, at the current rate.
            long frontier = (levelEnd - idx) + next;
            out.update(String.format(java.util.Locale.ROOT,
                    "model-check: depth %d (%.0f%% of %,d), %,d states, frontier ~%,d (next level ~%,d, x%.2f the last growth; ~%.0f s at %,.0f states/s), %,d successors, %.1f M successors/s (%.1f M per cpu s), heap %,d MB",
                    depth, 100 * done, level, size, frontier, next, growth, frontier / Math.max(1, rate), rate, successors, successors / s / 1e6,
                    successors / cpu / 1e6, peakHeap >> 20));
        }

        private void sampleHeap() {
            var rt = Runtime.getRuntime();
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        }

        Stats stats(long states, long storeBytes, Successors gen, int depth, boolean complete, int actions) {
            long nanos = System.nanoTime() - start;
            sampleHeap();
            long cpu = cpu();
            long path = threads.getCurrentThreadCpuTime() - cpuStart + pathBeyondMain + (crew != null ? crew.pathBeyondMainNanos() : 0);
            return new Stats(states, gen.successors, gen.changed, gen.pruned, depth, complete, nanos, cpu, path, peakHeap, storeBytes, gen.words(), actions);
        }
    }
}
