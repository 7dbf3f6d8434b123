package dev.ashmem.check.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Breadth-first exploration beyond memory, level by level with delayed duplicate detection (the disk
 * layout of TLC's DiskFPSet, at level granularity): the visited states are a file of packed states
 * sorted by value, the states in BFS order and their parents are files appended level by level (the
 * queue, and the paths of counterexamples), and the only large memory is one arena of a fixed budget.
 *
 * <p>A level is expanded in its stored order. Each successor that changes its state is rebuilt and
 * checked (the memory explorer checks only states it has not stored; here membership is known at the
 * level's end, and a broken or out-of-bounds state is never stored, so checking every one gives the
 * same first violation and the same figures). Sound successors go to a table in the arena keeping
 * the first (parent, action) that reached each; a full table is sorted and written as a run. At the
 * level's end the runs are merged with the visited file: the states it lacks are the next level,
 * which is put in the order of its first discoverers (sorted runs again when it outgrows the arena),
 * the order and the parents the memory explorer gives them. So every figure, every index and every
 * counterexample is the in-memory run's.
 *
 * <p>Files live in a fresh directory under the one given; {@link #close} deletes them, and so does a
 * shutdown hook if the JVM ends first (an error, a signal).
 */
final class DiskExplorer implements AutoCloseable, StateLog {
    /** The tag of a visited state in a merge: below every discoverer's. */
    private static final long VISITED = 0;
    /** Share of the candidate table's slots filled before it is written as a run. */
    private static final double LOAD = 0.7;

    private final Path dir;
    private final Successors gen;
    private final long budget;
    private final int w;
    private final LongFile states;
    private final LongFile parents;
    private final Thread cleanup;
    private LongFile visited;
    private long[] arena;
    private int size;
    private int files;

    /** Cost figures: runs written, and longs written to disk. */
    long runsWritten;
    long longsWritten;

    DiskExplorer(Path under, long budgetBytes, Successors gen) {
        this.gen = gen;
        this.budget = budgetBytes;
        this.w = gen.words();
        try {
            // The directories made for --spill-dir go with the run too (the topmost one that did not exist).
            Path made = null;
            for (Path p = under.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
                made = p;
            }
            this.madeUnder = made;
            Files.createDirectories(under);
            this.dir = Files.createTempDirectory(under, "model-check-spill-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill directory under " + under, e);
        }
        this.cleanup = new Thread(this::deleteAll, "model-check-spill-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        this.states = file("states");
        this.parents = file("parents");
    }

    /** The topmost directory this run made for {@code --spill-dir}, or null. */
    private final Path madeUnder;

    Path directory() {
        return dir;
    }

    private LongFile file(String name) {
        return new LongFile(dir.resolve(name + "-" + files++ + ".bin"));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void get(int idx, long[] out) {
        states.read((long) idx * w, out, 0, w);
    }

    @Override
    public int parent(int idx) {
        long[] p = new long[1];
        parents.read(idx, p, 0, 1);
        return (int) p[0];
    }

    /** Bytes of heap the explorer holds (the arena). */
    long bytes() {
        return arena == null ? 0 : arena.length * 8L;
    }

    /**
     * Takes over every state of the store, which the caller then drops: they are written in their order,
     * then (with the store's memory free for the arena) sorted by value into the visited file.
     */
    void load(StateLog store) {
        long[] k = new long[w];
        for (int i = 0; i < store.size(); i++) {
            store.get(i, k);
            states.append(k, 0, w);
            parents.append(store.parent(i));
        }
        size = store.size();
        states.flush();
        parents.flush();
        longsWritten += (long) size * (w + 1);
    }

    /** Allocates the arena and builds the visited file from the states loaded. */
    void start() {
        // Half the heap at most: the arena is one array, and buffers, the collector and the path's replay need room too.
        long bytes = Math.min(budget, Runtime.getRuntime().maxMemory() / 2);
        long longs = Math.min(bytes / 8, Integer.MAX_VALUE - 16);
        int stride = w + 1;
        if (longs < 64L * stride) {
            throw new IllegalArgumentException("a memory budget of " + budget + " bytes is too small to explore");
        }
        arena = new long[(int) longs];
        // Sorted runs of the stored states, tagged as visited, merged into one file.
        int per = arena.length / stride;
        var runs = new ArrayList<LongFile>();
        var in = states.reader(0, (long) size * w);
        for (int done = 0; done < size; ) {
            int n = Math.min(per, size - done);
            for (int i = 0; i < n; i++) {
                in.next(arena, i * stride, w);
                arena[i * stride + w] = VISITED;
            }
            runs.add(run(n));
            done += n;
        }
        visited = file("visited");
        var cursors = new ArrayList<Cursor>();
        for (var r : runs) {
            cursors.add(new Cursor(r, stride));
        }
        mergeInto(cursors, null);
        for (var r : runs) {
            r.close();
        }
    }

    /** Sorts the first n records (key, tag) of the arena by key and writes them as a run. */
    private LongFile run(int n) {
        int stride = w + 1;
        Records.sort(arena, n, stride, w);
        var f = file("run");
        f.append(arena, 0, n * stride);
        f.flush();
        runsWritten++;
        longsWritten += (long) n * stride;
        return f;
    }

    /**
     * The first violation of a level: the state expanded, the action, and the states of the next level
     * reached before it (the memory explorer has stored them when it stops).
     */
    record Violation(int idx, int action, int reached) {
    }

    /**
     * Expands the level of states [lo, hi) (the last level stored), stores the next one, and returns
     * the first violation in the memory explorer's order, or null. {@code tick} is told each state expanded.
     */
    Violation expand(int lo, int hi, java.util.function.IntConsumer tick) {
        int stride = w + 1;
        int slots = arena.length / stride;
        int limit = (int) (slots * LOAD);
        int count = 0;
        java.util.Arrays.fill(arena, 0, slots * stride, 0); // the last level's sorting left records here
        var runs = new ArrayList<LongFile>();
        var in = states.reader((long) lo * w, (long) hi * w);
        long[] key = gen.key;
        for (int idx = lo; idx < hi; idx++) {
            in.next(key, 0, w);
            int bad = gen.generate();
            if (bad >= 0) {
                return new Violation(idx, bad, reachedBefore(runs, count, slots));
            }
            for (int i = 0; i < gen.batched; i++) {
                long[] succ = gen.batch[i];
                int slot = (int) (((gen.hashes[i] >>> 32) * slots) >>> 32);
                boolean seen = false;
                while (true) {
                    int b = slot * stride;
                    if (arena[b + w] == 0) {
                        break;
                    }
                    if (sameKey(b, succ)) {
                        seen = true;
                        break;
                    }
                    if (++slot == slots) {
                        slot = 0;
                    }
                }
                if (seen) {
                    continue; // reached before in this run: sound and in bounds
                }
                switch (gen.rebuild(i)) {
                    case Successors.BROKEN -> {
                        return new Violation(idx, gen.batchAction[i], reachedBefore(runs, count, slots));
                    }
                    case Successors.OUT_OF_BOUNDS -> {
                    }
                    default -> {
                        int b = slot * stride;
                        System.arraycopy(succ, 0, arena, b, w);
                        // Parents and actions only grow: the first discoverer is the smallest.
                        arena[b + w] = RoundTable.tag(idx, gen.batchAction[i]);
                        if (++count > limit) {
                            runs.add(spillTable(slots));
                            count = 0;
                        }
                    }
                }
            }
            tick.accept(idx);
        }
        if (count > 0) {
            runs.add(spillTable(slots));
        }
        // Merge the runs with the visited states: what is new is the next level.
        var cursors = new ArrayList<Cursor>();
        cursors.add(new Cursor(visited, w));
        for (var r : runs) {
            cursors.add(new Cursor(r, stride));
        }
        var old = visited;
        visited = file("visited");
        var next = new NextLevel();
        mergeInto(cursors, next);
        old.close();
        closeAll(runs);
        next.store();
        return null;
    }

    /** The states of the runs and the table the visited file lacks: the next level so far. Closes the runs. */
    private int reachedBefore(List<LongFile> runs, int count, int slots) {
        if (count > 0) {
            runs.add(spillTable(slots));
        }
        var cursors = new ArrayList<Cursor>();
        cursors.add(new Cursor(visited, w));
        for (var r : runs) {
            cursors.add(new Cursor(r, w + 1));
        }
        var scratch = file("scratch");
        var old = visited;
        visited = scratch;
        int[] n = new int[1];
        mergeInto(cursors, (tag, key) -> n[0]++);
        visited = old;
        scratch.close();
        closeAll(runs);
        return n[0];
    }

    /** Writes the candidate table as a run and empties it. */
    private LongFile spillTable(int slots) {
        var f = run(compact(slots));
        java.util.Arrays.fill(arena, 0, slots * (w + 1), 0);
        return f;
    }

    private static void closeAll(List<LongFile> files) {
        for (var f : files) {
            f.close();
        }
        files.clear();
    }

    private boolean sameKey(int b, long[] key) {
        for (int i = 0; i < w; i++) {
            if (arena[b + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Moves the table's records to the front of the arena, empties the rest; returns how many. */
    private int compact(int slots) {
        int stride = w + 1;
        int n = 0;
        for (int s = 0; s < slots; s++) {
            int b = s * stride;
            if (arena[b + w] != 0) {
                if (n != s) {
                    System.arraycopy(arena, b, arena, n * stride, stride);
                }
                n++;
            }
        }
        java.util.Arrays.fill(arena, n * stride, slots * stride, 0);
        return n;
    }

    /** A sorted file of records, key first, read one at a time; a visited file's tag is VISITED. */
    private final class Cursor {
        final long[] rec = new long[w + 1];
        private final LongFile.Reader in;
        private final int stride;
        boolean live;

        Cursor(LongFile f, int stride) {
            this.stride = stride;
            this.in = f.reader(0, f.length());
            advance();
        }

        void advance() {
            live = in.hasNext();
            if (live) {
                in.next(rec, 0, stride);
                if (stride == w) {
                    rec[w] = VISITED;
                }
            }
        }
    }

    /**
     * Merges sorted cursors into the (new) visited file, each state once; a state no cursor holds as
     * visited goes to {@code next} with its smallest tag.
     */
    private void mergeInto(List<Cursor> cursors, NewState next) {
        var live = new ArrayList<>(cursors);
        live.removeIf(c -> !c.live);
        long[] min = new long[w];
        while (!live.isEmpty()) {
            Cursor first = live.getFirst();
            for (var c : live) {
                if (Records.compare(c.rec, 0, first.rec, 0, w, w) < 0) {
                    first = c;
                }
            }
            System.arraycopy(first.rec, 0, min, 0, w);
            long tag = Long.MAX_VALUE;
            for (var c : live) {
                if (Records.compare(c.rec, 0, min, 0, w, w) == 0) {
                    tag = Math.min(tag, c.rec[w]);
                    c.advance();
                }
            }
            live.removeIf(c -> !c.live);
            visited.append(min, 0, w);
            if (tag != VISITED) {
                next.add(tag, min);
            }
        }
        visited.flush();
        longsWritten += visited.length();
    }

    /** Takes a state the visited file lacks, with its first discoverer. */
    private interface NewState {
        void add(long tag, long[] key);
    }

    /** The next level's states, put in the order of their first discoverers and stored. */
    private final class NextLevel implements NewState {
        private final int stride = w + 1;
        private final int per = arena.length / stride;
        private final List<LongFile> runs = new ArrayList<>();
        private int n;

        @Override
        public void add(long tag, long[] key) {
            if (n == per) {
                spill();
            }
            int b = n++ * stride;
            arena[b] = tag;
            System.arraycopy(key, 0, arena, b + 1, w);
        }

        private void spill() {
            Records.sort(arena, n, stride, 1);
            var f = file("next");
            f.append(arena, 0, n * stride);
            f.flush();
            runsWritten++;
            longsWritten += (long) n * stride;
            runs.add(f);
            n = 0;
        }

        void store() {
            if (runs.isEmpty()) {
                Records.sort(arena, n, stride, 1);
                for (int i = 0; i < n; i++) {
                    append(arena, i * stride);
                }
            } else {
                if (n > 0) {
                    spill();
                }
                // Tags are distinct: a merge by tag alone.
                var readers = new ArrayList<LongFile.Reader>();
                var heads = new ArrayList<long[]>();
                for (var f : runs) {
                    var r = f.reader(0, f.length());
                    var h = new long[stride];
                    r.next(h, 0, stride);
                    readers.add(r);
                    heads.add(h);
                }
                while (!readers.isEmpty()) {
                    int best = 0;
                    for (int i = 1; i < heads.size(); i++) {
                        if (heads.get(i)[0] < heads.get(best)[0]) {
                            best = i;
                        }
                    }
                    append(heads.get(best), 0);
                    if (readers.get(best).hasNext()) {
                        readers.get(best).next(heads.get(best), 0, stride);
                    } else {
                        readers.remove(best);
                        heads.remove(best);
                    }
                }
                closeAll(runs);
            }
            states.flush();
            parents.flush();
        }

        private void append(long[] rec, int b) {
            long tag = rec[b];
            states.append(rec, b + 1, w);
            parents.append(((tag - 1) >>> RoundTable.ACTION_BITS));
            size++;
            longsWritten += w + 1;
        }
    }

    @Override
    public void close() {
        arena = null;
        states.close();
        parents.close();
        if (visited != null) {
            visited.close();
        }
        deleteAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook deletes too
        }
    }

    private synchronized void deleteAll() {
        try (var s = Files.list(dir)) {
            for (var p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
            if (madeUnder != null) {
                // Empty ones only, from the spill directory's parent up to the topmost made: another run may share them.
                for (Path p = dir.toAbsolutePath().getParent(); p != null && p.startsWith(madeUnder); p = p.getParent()) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (java.nio.file.DirectoryNotEmptyException inUse) {
                        break;
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
