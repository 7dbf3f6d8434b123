package dev.ashmem.check.explore;

/**
 * The set of visited states: packed states of a fixed number of longs. An open-addressing table holds
 * the states' words inline (one cache miss per lookup, no boxing, nothing else per slot); a second,
 * chunked array holds the states in insertion order, which is BFS order (so the store is also the
 * queue), each with the index of the state it was first reached from (for shortest paths). The
 * all-zero state cannot mark an empty slot, so it is kept aside.
 */
public final class StateStore implements StateLog {
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final double LOAD = 0.8;
    /** The slot {@link #probe} gives the all-zero key when it is not stored yet. */
    private static final int ZERO_SLOT = Integer.MAX_VALUE;

    private final int w;
    private long[][] states = new long[64][];
    private int[][] parents = new int[64][];
    private int size;
    private long[] table;
    private int slots;
    private int limit;
    private int tableCount;
    private boolean zeroStored;
    /** Set by a round's insert of the all-zero key (at most one a run: the keys a round adds are new); read after the crew's barrier. */
    private boolean zeroPut;

    public StateStore(int words, int expected) {
        this.w = words;
        allocate((int) Math.max(1024, Math.min(1 << 28, (long) (expected / LOAD) + 1)));
    }

    private void allocate(int cap) {
        if (cap <= slots) {
            throw new IllegalStateException("state table full: " + size + " states of " + w + " longs");
        }
        if ((long) cap * w > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("state table full: " + size + " states of " + w + " longs");
        }
        table = new long[cap * w];
        slots = cap;
        limit = (int) (cap * LOAD);
    }

    @Override
    public int size() {
        return size;
    }

    public static long hash(long[] key, int w) {
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (int i = 0; i < w; i++) {
            h ^= key[i];
            h *= 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 31;
        }
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 29);
    }

    /** The free slot where {@code key} would go, or -1 if the key is already stored. */
    public int probe(long[] key) {
        return probe(key, hash(key, w));
    }

    /**
     * Reads the table line a key with this hash starts at. Touching the lines of a batch of keys before
     * probing them lets the processor fetch them from memory in parallel.
     */
    public long touch(long hash) {
        return table[home(hash, slots) * w];
    }

    /** The first slot of a hash: its high half scaled to the table (any table size, no modulo). */
    private static int home(long hash, int slots) {
        return (int) (((hash >>> 32) * slots) >>> 32);
    }

    public int probe(long[] key, long hash) {
        if (isZero(key)) {
            return zeroStored ? -1 : ZERO_SLOT;
        }
        int n = slots;
        int slot = home(hash, n);
        long[] t = table;
        while (true) {
            int b = slot * w;
            if (t[b] == key[0] && sameRest(t, b, key)) {
                return -1;
            }
            if (isZeroAt(t, b)) {
                return slot;
            }
            if (++slot == n) {
                slot = 0;
            }
        }
    }

    private boolean isZero(long[] key) {
        for (int i = 0; i < w; i++) {
            if (key[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isZeroAt(long[] t, int b) {
        for (int i = 0; i < w; i++) {
            if (t[b + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameRest(long[] t, int b, long[] key) {
        for (int i = 1; i < w; i++) {
            if (t[b + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Stores a key at the slot {@link #probe} returned (no other insert in between); returns its index. */
    public int insert(int slot, long[] key, int parent) {
        int idx = size;
        if (idx == Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than 2^31 states");
        }
        int chunk = idx >>> CHUNK_BITS;
        if (chunk == states.length) {
            states = java.util.Arrays.copyOf(states, chunk * 2);
            parents = java.util.Arrays.copyOf(parents, chunk * 2);
        }
        if (states[chunk] == null) {
            states[chunk] = new long[CHUNK * w];
            parents[chunk] = new int[CHUNK];
        }
        System.arraycopy(key, 0, states[chunk], (idx & MASK) * w, w);
        parents[chunk][idx & MASK] = parent;
        size = idx + 1;
        if (slot == ZERO_SLOT) {
            zeroStored = true;
            return idx;
        }
        System.arraycopy(key, 0, table, slot * w, w);
        if (++tableCount > limit) {
            grow();
        }
        return idx;
    }

    // ---------------------------------------------------------------- concurrent commit of a parallel round
    //
    // A parallel round stores n new states at indices [size, size + n), known in advance: the main thread
    // makes room ({@link #growFor} and {@link #rehash} when the table must grow, then {@link #reserve}),
    // the crew's threads write the states ({@link #put}) and add their keys to the table
    // ({@link #insertStretch}), the main thread adds the keys left over ({@link #insertLeft}) and takes
    // them all in ({@link #commit}). Between those calls nobody reads the store.
    //
    // A crew of k adds keys in k stretches of the table, each thread in its own with plain writes: a key
    // goes to the thread whose stretch holds its home slot, and a key whose probe would run past the
    // stretch's end is left to the main thread, which adds it after the others (linear probing finds a
    // key from its home whatever the order the keys went in). No atomic operation: a compare-and-set per
    // key keeps the processor from having the next keys' cache misses in flight. Memory per state is the
    // sequential store's: the table holds the keys only.

    /** Room for {@code n} more states: their chunks allocated, and the table grown so that none of them makes it grow. */
    void reserve(int n) {
        long end = (long) size + n;
        if (end >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("more than 2^31 states");
        }
        int last = (int) ((end - 1) >>> CHUNK_BITS);
        if (n > 0 && last >= states.length) {
            int len = states.length;
            while (len <= last) {
                len *= 2;
            }
            states = java.util.Arrays.copyOf(states, len);
            parents = java.util.Arrays.copyOf(parents, len);
        }
        for (int c = size >>> CHUNK_BITS; n > 0 && c <= last; c++) {
            if (states[c] == null) {
                states[c] = new long[CHUNK * w];
                parents[c] = new int[CHUNK];
            }
        }
        // The sequential store grows once it holds more than limit keys; here before, so that the
        // concurrent inserts never need to (a crew grows it first, growFor and rehash).
        while (tableCount + n > limit) {
            grow();
        }
    }

    /**
     * When {@code n} more keys would not fit, allocates the larger table and returns the old one, whose
     * keys the caller's threads then move with {@link #rehash} (slices of it, at once); else null.
     */
    long[] growFor(int n) {
        if (tableCount + n <= limit) {
            return null;
        }
        var old = table;
        allocate(larger(slots));
        return old;
    }

    /**
     * Moves the keys of slots [s0, s1) of the old table whose home lies in stretch {@code id} of
     * {@code k} of the new one there; the others go to {@code left}. Home slots grow with the hash's high
     * half in both tables, so a slice of the old one goes mostly to the same stretch of the new one.
     */
    void rehash(long[] old, int s0, int s1, int id, int k, KeyList left) {
        int end = stretchEnd(id, k);
        var key = new long[w];
        for (int s = s0; s < s1; s++) {
            int b = s * w;
            if (!isZeroAt(old, b)) {
                System.arraycopy(old, b, key, 0, w);
                long h = hash(key, w);
                if (stretchOf(h, k) != id || !insertWithin(key, h, end)) {
                    left.add(key, h);
                }
            }
        }
    }

    /** Writes state {@code idx} (reserved, not yet committed) and its parent; any thread, one per index. */
    void put(int idx, long[] key, int parent) {
        System.arraycopy(key, 0, states[idx >>> CHUNK_BITS], (idx & MASK) * w, w);
        parents[idx >>> CHUNK_BITS][idx & MASK] = parent;
    }

    /** The stretch, of {@code k}, that holds the home slot of a hash (slot s lies in stretch s * k / slots). */
    int stretchOf(long hash, int k) {
        return (int) ((long) home(hash, slots) * k / slots);
    }

    /** The first slot past stretch {@code id} of {@code k}. */
    private int stretchEnd(int id, int k) {
        return (int) (((long) slots * (id + 1) + k - 1) / k);
    }

    /**
     * Adds keys the table does not hold, each with its home in stretch {@code id} of {@code k}, to that
     * stretch, while other threads add to theirs; a key whose probe would leave it goes to {@code left}.
     * The keys' lines are fetched a block at a time first. Returns a value for a sink.
     */
    long insertStretch(KeyList keys, int id, int k, KeyList left) {
        int end = stretchEnd(id, k);
        var key = new long[w];
        long sum = 0;
        int n = keys.size();
        for (int b0 = 0; b0 < n; b0 += 32) {
            int b1 = Math.min(n, b0 + 32);
            for (int i = b0; i < b1; i++) {
                sum += touch(keys.hash(i));
            }
            for (int i = b0; i < b1; i++) {
                keys.key(i, key);
                long h = keys.hash(i);
                if (!insertWithin(key, h, end)) {
                    left.add(key, h);
                }
            }
        }
        return sum;
    }

    private boolean insertWithin(long[] key, long hash, int end) {
        if (isZero(key)) {
            zeroPut = true;
            return true;
        }
        long[] t = table;
        for (int slot = home(hash, slots); slot < end; slot++) {
            int b = slot * w;
            if (isZeroAt(t, b)) {
                System.arraycopy(key, 0, t, b, w);
                return true;
            }
        }
        return false;
    }

    /** Adds a new key a stretch left over: the main thread, once the crew's inserts are done. */
    void insertLeft(long[] key, long hash) {
        if (isZero(key)) {
            zeroPut = true;
            return;
        }
        putFree(key, 0, hash);
    }

    /** Writes the key at words [off, off + w) of src into the first free slot from its home (one thread; the key is new). */
    private void putFree(long[] src, int off, long hash) {
        int n = slots;
        int slot = home(hash, n);
        while (!isZeroAt(table, slot * w)) {
            if (++slot == n) {
                slot = 0;
            }
        }
        System.arraycopy(src, off, table, slot * w, w);
    }

    /** Takes in the {@code n} states put and inserted since {@link #reserve}. */
    void commit(int n) {
        int inTable = n;
        if (zeroPut && !zeroStored) {
            zeroStored = true;
            inTable--;
        }
        size += n;
        tableCount += inTable;
    }

    /** Adds the state if new; returns its index, or -1 if it was already there. */
    public int add(long[] key, int parent) {
        int slot = probe(key);
        return slot < 0 ? -1 : insert(slot, key, parent);
    }

    @Override
    public void get(int idx, long[] out) {
        System.arraycopy(states[idx >>> CHUNK_BITS], (idx & MASK) * w, out, 0, w);
    }

    @Override
    public int parent(int idx) {
        return parents[idx >>> CHUNK_BITS][idx & MASK];
    }

    /** x2 while small, x1.5 when large: the table is the largest structure and grows with the old one alive. */
    private int larger(int oldSlots) {
        return (int) Math.min(Integer.MAX_VALUE / w - 16, oldSlots < (1 << 24) ? oldSlots * 2L : oldSlots * 3L / 2);
    }

    private void grow() {
        var old = table;
        int oldSlots = slots;
        allocate(larger(oldSlots));
        var key = new long[w];
        for (int s = 0; s < oldSlots; s++) {
            int b = s * w;
            if (isZeroAt(old, b)) {
                continue;
            }
            System.arraycopy(old, b, key, 0, w);
            putFree(old, b, hash(key, w));
        }
    }

    /**
     * The most heap this store takes on its way to {@code states} states: its states and parents, and
     * its table when it last grows on the way (the old table and the new one alive together).
     */
    public long bytesAfter(long states) {
        long chunks = (states + CHUNK - 1) >>> CHUNK_BITS;
        long fixed = chunks * CHUNK * (w * 8L + 4L);
        long cap = slots;
        long peak = cap * w * 8L;
        while (states > (long) (cap * LOAD)) {
            long next = cap < (1 << 24) ? cap * 2 : cap * 3 / 2;
            peak = (cap + next) * w * 8L;
            cap = next;
        }
        return fixed + peak;
    }

    /** Bytes held, for reports. */
    public long bytes() {
        long chunks = (size + CHUNK - 1L) >>> CHUNK_BITS;
        return table.length * 8L + chunks * CHUNK * (w * 8L + 4L);
    }
}
